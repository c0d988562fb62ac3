"""The output of show(): a MIME bundle of our own type carrying the arrays, with fallbacks."""

from __future__ import annotations

import base64
import io
import math
import zlib
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

import numpy as np

from ._inputs import Shown
from ._live import LiveArray, LiveCases
from ._preview import preview_png

#: The output's MIME type, drawn by the MRNet Viewer extension's notebook renderer.
MIME_TYPE = "application/vnd.mrnet-viewer.v1+json"
#: The payload's format; the renderer refuses one it does not know.
FORMAT_VERSION = 1
#: zlib's level for the arrays: fast (a 50 MB output is compressed in a fraction of a second).
_LEVEL = 1


def _arrays(shown: Shown) -> Iterator[np.ndarray]:
    if shown.array is not None:
        yield shown.array
    for case in shown.cases:
        for _, array in case.planes:
            yield array
        for named in case.overlays.values():
            for _, array in named:
                yield array


def _strided_bytes(array: np.ndarray, stride: int) -> int:
    return math.prod(-(-n // stride) for n in array.shape) * array.dtype.itemsize


def preview_stride(shown: Shown, limit: int) -> int:
    """1 when everything fits in `limit` bytes, else the smallest step along every axis that makes it fit."""
    arrays = list(_arrays(shown))
    stride = 1
    while sum(_strided_bytes(a, stride) for a in arrays) > limit:
        if all(max(a.shape, default=1) <= stride for a in arrays):
            break  # one element of each: as small as it gets
        stride += 1
    return stride


def _text(data: Any) -> str:
    return base64.b64encode(zlib.compress(data, _LEVEL)).decode("ascii")


def npy_text(array: np.ndarray) -> str:
    """An array as NumPy's own .npy bytes (every dtype and order exact), compressed, in base64."""
    stream = io.BytesIO()
    np.save(stream, array, allow_pickle=False)
    return _text(stream.getbuffer())


def middle_slice(array: np.ndarray) -> Optional[Dict[str, Any]]:
    """
    A plane's middle slice on its own, for the viewer to paint before it has inflated the whole:
    the array's own .npy header followed by that slice's bytes, compressed, in base64. Only for
    an array NumPy writes in C order (its slices are then runs of its bytes).
    """
    if array.ndim < 2 or array.shape[0] < 2 or (array.flags.f_contiguous and not array.flags.c_contiguous):
        return None
    index = (array.shape[0] - 1) // 2
    stream = io.BytesIO()
    header = np.lib.format.header_data_from_array_1_0(array)
    try:
        np.lib.format.write_array_header_1_0(stream, header)
    except ValueError:  # a header too long for format 1.0, as np.save then writes 2.0
        stream = io.BytesIO()
        np.lib.format.write_array_header_2_0(stream, header)
    stream.write(np.ascontiguousarray(array[index]).tobytes())
    return {"index": index, "npy": _text(stream.getbuffer())}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def payload(shown: Shown, title: str, limit: int, live: bool = False) -> Tuple[Dict[str, Any], List[str]]:
    """The JSON our renderer reads, and the notes said with it (a strided preview, bfloat16 as float32)."""
    notes = list(shown.notes)
    total = sum(a.nbytes for a in _arrays(shown))
    stride = preview_stride(shown, limit)
    if stride > 1:
        notes.append(
            ("live: the kernel sends each slice shown; with no kernel to ask, " if live else "")
            + f"a strided preview: every {_ordinal(stride)} element along each axis "
            f"(the whole is {total / 2**20:.1f} MB, above the limit of {limit / 2**20:.1f} MB; "
            "show(..., embed_limit_mb=...) raises it)"
        )
    cut = (lambda a: a[(slice(None, None, stride),) * a.ndim]) if stride > 1 else (lambda a: a)
    data: Dict[str, Any] = {"version": FORMAT_VERSION, "title": title, "notes": notes}
    if shown.array is not None:
        data["array"] = {"name": title, "npy": npy_text(cut(shown.array))}
    else:
        data["cases"] = [
            {
                "id": case.id,
                "labels": case.labels,
                "predictions": case.predictions,
                "planes": [
                    {
                        "plane": plane,
                        "npy": npy_text(cut(array)),
                        **({"middle": middle} if (middle := middle_slice(cut(array))) else {}),
                        "overlays": [{"name": n, "npy": npy_text(cut(o))} for n, o in case.overlays.get(plane, [])],
                    }
                    for plane, array in case.planes
                ],
            }
            for case in shown.cases
        ]
    return data, notes


def describe(shown: Shown, title: str, live: bool = False) -> str:
    """The text/plain fallback: what the output holds, in a line or two."""
    if shown.array is not None:
        a = shown.array
        return f"MRNet Viewer: {title} {tuple(a.shape)} {a.dtype}{' (live, in the kernel)' if live else ''}"
    first = shown.cases[0]
    planes = ", ".join(f"{p} {tuple(a.shape)} {a.dtype}" for p, a in first.planes)
    many = f"{len(shown.cases)} cases{' (live, in the kernel)' if live else ''}, " if len(shown.cases) > 1 else ""
    return f"MRNet Viewer: {many}case {first.id}: {planes}"


def _live_part(live: Union[LiveCases, LiveArray]) -> Dict[str, Any]:
    """What a live output says of all its cases (their arrays stay in the kernel until asked for), or of its volume (its id)."""
    if isinstance(live, LiveArray):
        return {"output": live.id}
    cases = [{"id": c.id, "labels": c.labels, "predictions": c.predictions} for c in live.shown.cases]
    return {"output": live.id, "cases": cases}


def mime_bundle(shown: Shown, title: str, limit: int, live: Optional[Union[LiveCases, LiveArray]] = None) -> Dict[str, Any]:
    """
    Our type, a PNG of the middle slices and a line of text: a front end shows the richest it
    knows. A live output embeds its first case only (or its volume, a strided preview above
    the limit), for a front end with no kernel to ask.
    """
    embedded = Shown(cases=shown.cases[:1], notes=shown.notes) if isinstance(live, LiveCases) else shown
    data, notes = payload(embedded, title, limit, live is not None)
    if live:
        data["live"] = _live_part(live)
    text = describe(shown, title, live is not None) + "".join(f"\n({n})" for n in notes)
    images = [shown.array] if shown.array is not None else [a for _, a in shown.cases[0].planes]
    bundle: Dict[str, Any] = {MIME_TYPE: data, "text/plain": text}
    if all(i.ndim >= 2 for i in images):
        bundle["image/png"] = base64.b64encode(preview_png(images)).decode("ascii")
    return bundle

