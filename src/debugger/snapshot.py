"""Run inside a paused Python program by MRNet Viewer (see src/debugger/): one call of `main`.

The extension evaluates `(lambda g: (exec(THIS_FILE, g), g["main"](lambda: (EXPRESSION), OPTIONS))[1])({})`
in the selected frame, so nothing is added to the program's namespace: this file runs in a
fresh dict, the user's expression in the frame. `main` answers "j:" and base64 of JSON, or for
a chunk "b:" and base64 of its bytes (a debugger shows a string's repr; base64 needs no unescaping).

Arrays are written with NumPy's own np.save (every dtype and byte order exact) to a temporary
file first, then renamed: into the extension's folder when this program can see it (its token
file says so), else into this machine's temporary folder, for the extension to fetch in chunks.
"""

import base64
import json
import os
import sys
import tempfile
import traceback

PLANES = ("coronal", "sagittal", "axial")


class Refused(Exception):
    """What cannot be shown, said to the user as it is."""


def main(value_of, options_json):
    options = json.loads(options_json)
    try:
        if options["op"] == "chunk":  # the bytes themselves, not JSON: a chunk crosses the wire once
            return "b:" + read_chunk(options["path"], options["offset"], options["length"])
        if options["op"] == "remove":
            remove(options["path"])
            answer = {"kind": "removed"}
        else:
            answer = snapshot(value_of, options)
    except Refused as e:
        answer = {"kind": "error", "message": str(e)}
    except BaseException as e:  # the user's own code raised: Python's own words for it
        answer = {"kind": "error", "message": python_error(e)}
    return "j:" + base64.b64encode(json.dumps(answer).encode()).decode()


def given(**fields):
    """The fields that have a value: JSON's null is never sent."""
    return {k: v for k, v in fields.items() if v is not None}


def python_error(e):
    return "".join(traceback.format_exception_only(type(e), e)).strip()


def snapshot(value_of, options):
    try:
        value = value_of()
    except BaseException as e:
        missing = isinstance(e, (NameError, KeyError, AttributeError, IndexError))
        return {"kind": "error", "message": python_error(e), "missing": missing}
    np = numpy()
    writer = Writer(np, options)
    if is_cases(value):
        keys = list(value)
        index = options.get("case", 0)
        if not 0 <= index < len(keys):
            raise Refused("the dict has no case %d: it holds %d" % (index, len(keys)))
        chosen = value[keys[index]]
        return {"kind": "cases", "ids": [str(k) for k in keys], "index": index, "planes": writer.case(chosen)}
    if is_case(value):
        return {"kind": "case", "planes": writer.case(value)}
    array, note = as_array(np, value)
    return given(kind="array", file=writer.write("array", array), note=note)


def numpy():
    try:
        import numpy as np
    except ImportError as e:
        raise Refused("NumPy cannot be imported in the debugged program (%s)" % python_error(e))
    return np


def is_tensor(value):
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


def is_arraylike(value):
    np = sys.modules.get("numpy")
    return (np is not None and isinstance(value, np.ndarray)) or is_tensor(value)


def is_case(value):
    return (
        isinstance(value, dict)
        and len(value) > 0
        and all(k in PLANES for k in value)
        and all(is_arraylike(v) for v in value.values())
    )


def is_cases(value):
    return isinstance(value, dict) and len(value) > 0 and all(is_case(v) for v in value.values())


def as_array(np, value):
    """An ndarray for an array, a tensor, or a list or tuple of equally shaped ones; and what was changed on the way."""
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise Refused("it is an array of Python objects (dtype %s), which is never unpickled or shown" % value.dtype)
        return np.asarray(value) if type(value) is not np.ndarray else value, None
    if is_tensor(value):
        return tensor_array(value)
    if isinstance(value, (list, tuple)) and len(value) > 0 and all(is_arraylike(v) for v in value):
        parts = [as_array(np, v) for v in value]
        shapes = {p.shape for p, _ in parts}
        if len(shapes) > 1:
            raise Refused("its %d arrays differ in shape (%s), so they do not stack into one" % (len(parts), ", ".join(sorted(str(s) for s in shapes))))
        notes = {n for _, n in parts if n}
        return np.stack([p for p, _ in parts]), "; ".join(sorted(notes)) or None
    raise Refused(
        "it is a %s, not an array: MRNet Viewer shows a numpy.ndarray, a torch.Tensor, a dict of planes "
        "(coronal, sagittal, axial), a dict of such dicts, or a list or tuple of equally shaped arrays" % type(value).__name__
    )


def tensor_array(tensor):
    import torch

    t = tensor.detach()
    note = None
    if t.dtype == torch.bfloat16 or t.dtype not in numpy_dtypes(torch):
        note = "%s shown as float32" % str(t.dtype).replace("torch.", "")
        t = t.float()
    if t.device.type != "cpu":
        note = "; ".join(filter(None, ["copied from %s" % t.device, note]))
        t = t.cpu()
    return t.resolve_conj().resolve_neg().numpy(), note


def numpy_dtypes(torch):
    """The tensor dtypes NumPy holds as they are."""
    return {
        torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
        torch.float16, torch.float32, torch.float64, torch.complex64, torch.complex128,
    }


class Writer:
    """Writes arrays where the extension reads them: its folder when visible here, else this machine's temporary folder."""

    def __init__(self, np, options):
        self.np = np
        self.folder = options["folder"]
        self.local = not options.get("fetch") and visible(self.folder, options["token"])
        self.prefix = options["prefix"]
        self.limit = options.get("limit")
        self.stride = options.get("stride", 1)

    def case(self, planes):
        out = []
        for plane in PLANES:
            if plane in planes:
                array, note = as_array(self.np, planes[plane])
                out.append(given(plane=plane, note=note, **self.write(plane, array)))
        return out

    def write(self, role, array):
        np = self.np
        if self.stride > 1:
            array = array[(slice(None, None, self.stride),) * array.ndim]
        if not self.local and self.limit is not None and array.nbytes > self.limit:
            return {"bytes": int(array.nbytes), "shape": list(array.shape), "dtype": array.dtype.str}  # not written: no path
        if self.local:
            path = os.path.join(self.folder, "%s-%s.npy" % (self.prefix, role))
            partial = path + ".partial"
            with open(partial, "wb") as f:
                np.save(f, array, allow_pickle=False)
            os.replace(partial, path)
        else:
            handle, path = tempfile.mkstemp(prefix="mrnet-viewer-", suffix=".npy")
            with os.fdopen(handle, "wb") as f:
                np.save(f, array, allow_pickle=False)
        return {"path": path, "local": self.local, "bytes": os.path.getsize(path), "shape": list(array.shape), "dtype": array.dtype.str}


def visible(folder, token):
    try:
        with open(os.path.join(folder, "token"), encoding="ascii") as f:
            return f.read() == token
    except OSError:
        return False


def read_chunk(path, offset, length):
    with open(path, "rb") as f:
        f.seek(offset)
        return base64.b64encode(f.read(length)).decode()


def remove(path):
    # Only a file this helper made in the temporary folder.
    if os.path.basename(path).startswith("mrnet-viewer-") and os.path.dirname(os.path.abspath(path)) == os.path.abspath(tempfile.gettempdir()):
        os.remove(path)
