"""
Live outputs: the front end asks the running kernel for the case it shows (or, for a volume,
the slice it shows), over a Jupyter comm (the channel ipywidgets and anywidget are built on),
and gets its arrays as binary buffers. So ``show(cases)`` over 1,000 cases sends one case at a
time, when it is looked at, and ``show(volume)`` of 2 GB the slices looked at.
"""

from __future__ import annotations

import io
import uuid
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import numpy as np

from ._inputs import Case, Shown

#: The comm target the front end opens (webview/jupyterlab/kernelCases.ts).
COMM_TARGET = "mrnet_viewer"

#: The live outputs of this kernel, by id: a front end opening one names it.
_outputs: Dict[str, Union["LiveCases", "LiveArray"]] = {}
Reply = Tuple[Dict[str, Any], List[Any]]


def _refused(request: Any, why: str) -> Reply:
    number = request.get("request") if isinstance(request, dict) else None
    return {"type": "error", "request": number, "message": why}, []
_registered: List[Any] = []


class LiveCases:
    """The cases of one live output, served to its front ends one case per request."""

    def __init__(self, shown: Shown):
        self.id = uuid.uuid4().hex
        self.shown = shown
        #: The ids of the cases sent, in order: what crossed the wire.
        self.fetched: List[str] = []

    def answer(self, request: Any) -> Reply:
        """The reply to a front end's ``{"type": "case", "index": i, "request": n}``: its planes' .npy bytes, or why not."""
        index = request.get("index") if isinstance(request, dict) else None
        if not isinstance(index, int) or not 0 <= index < len(self.shown.cases):
            return _refused(request, f"there is no case {index!r} in this output")
        case = self.shown.cases[index]
        self.fetched.append(case.id)
        planes, buffers = _planes(case)
        return {"type": "case", "request": request.get("request"), "index": index, "id": case.id, "planes": planes}, buffers


class LiveArray:
    """A volume of one live output, served a slice (along its first axis) per request."""

    def __init__(self, array: np.ndarray):
        self.id = uuid.uuid4().hex
        self.array = array
        #: The slices sent, in order: what crossed the wire.
        self.fetched: List[int] = []

    def answer(self, request: Any) -> Reply:
        """``{"type": "header"}``: the .npy header of the array in C order; ``{"type": "slice", "index": i}``: that slice's bytes."""
        kind = request.get("type") if isinstance(request, dict) else None
        number = request.get("request") if isinstance(request, dict) else None
        if kind == "header":
            header = {"descr": np.lib.format.dtype_to_descr(self.array.dtype), "fortran_order": False, "shape": self.array.shape}
            stream = io.BytesIO()
            np.lib.format.write_array_header_1_0(stream, header)
            return {"type": "header", "request": number}, [stream.getbuffer()]
        index = request.get("index") if isinstance(request, dict) else None
        if kind != "slice" or not isinstance(index, int) or not 0 <= index < len(self.array):
            return _refused(request, f"there is no slice {index!r} in this output")
        self.fetched.append(index)
        # One slice in C order, copied on its own (the array may be Fortran-ordered or a view).
        return {"type": "slice", "request": number, "index": index}, [np.ascontiguousarray(self.array[index]).tobytes()]


def _npy(array: np.ndarray) -> memoryview:
    stream = io.BytesIO()
    np.save(stream, array, allow_pickle=False)
    return stream.getbuffer()


def _planes(case: Case) -> Tuple[List[Dict[str, Any]], List[memoryview]]:
    """Each plane with its overlays' names; the buffers in the same order (a plane, then its overlays)."""
    planes, buffers = [], []
    for plane, array in case.planes:
        named = case.overlays.get(plane, [])
        planes.append({"plane": plane, "overlays": [name for name, _ in named]})
        buffers.append(_npy(array))
        buffers.extend(_npy(o) for _, o in named)
    return planes, buffers


def kernel_comms() -> Optional[Any]:
    """The running kernel's comm manager, or None outside a kernel (a script, a plain IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        import comm
    except ImportError:
        return None
    return comm.get_comm_manager()


def serve(shown: Shown, comms: Any) -> Union[LiveCases, LiveArray]:
    """Keeps `shown` (its cases, or its volume) for the front ends of this kernel, which open a comm to ask for them."""
    if comms not in _registered:
        comms.register_target(COMM_TARGET, _opened)
        _registered.append(comms)
    live = LiveArray(shown.array) if shown.array is not None else LiveCases(shown)
    _outputs[live.id] = live
    return live


def _opened(comm: Any, message: Dict[str, Any]) -> None:
    data = message.get("content", {}).get("data") or {}
    live = _outputs.get(data.get("output")) if isinstance(data, dict) else None
    if live is None:
        # An output of an earlier run of the kernel: its cases are gone with it.
        comm.send({"type": "gone"})
        comm.close()
        return
    comm.on_msg(_replier(comm, live))


def _replier(comm: Any, live: Union[LiveCases, LiveArray]) -> Callable[[Dict[str, Any]], None]:
    def reply(message: Dict[str, Any]) -> None:
        data, buffers = live.answer(message.get("content", {}).get("data"))
        comm.send(data, buffers=buffers)

    return reply
