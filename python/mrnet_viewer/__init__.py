"""
MRNet Viewer in a notebook: ``mrnet_viewer.show(x)`` puts the viewer in the cell's output.

``x`` is one array (an ``ndarray``, a ``torch.Tensor``, a list of equally shaped arrays), a
``{plane: array}`` dict (``load_stacks``), or a dict of cases (``cases = load_cases(n=100)``).
The output carries the arrays in NumPy's ``.npy`` format, compressed, so it needs no running
kernel: it is drawn again when the notebook is opened later, by anyone with the extension. A
live output (``live=True``, or cases above the size limit in a kernel) keeps its cases in the
kernel, and the viewer in JupyterLab asks for the case it shows.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple, Union

from ._embed import FORMAT_VERSION, MIME_TYPE, mime_bundle
from ._inputs import PLANES, TASKS, Shown, overlays_of, per_case, shown_of
from ._live import LiveArray, LiveCases, kernel_comms, serve

__all__ = ["MIME_TYPE", "FORMAT_VERSION", "PLANES", "TASKS", "Output", "embed", "show", "options"]
__version__ = "0.1.0"


class _Options:
    """Package-wide defaults: ``mrnet_viewer.options.embed_limit_mb = 200``."""

    #: Above this many MB of array data an output embeds a strided preview, and says so.
    embed_limit_mb: float = 50.0


options = _Options()


class Output:
    """One output of the viewer; Jupyter displays it by its MIME bundle (``_repr_mimebundle_``)."""

    def __init__(self, bundle: Dict[str, Any], live: Optional[Union[LiveCases, LiveArray]] = None):
        #: ``{mime type: data}``: our type, ``image/png`` of the middle slices, ``text/plain``.
        self.data = bundle
        #: What a live output keeps in the kernel; ``live.fetched`` lists the cases (ids) or slices (indices) sent, in order.
        self.live = live

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        return self.data, {}

    def __repr__(self) -> str:
        return str(self.data["text/plain"])


def embed(
    obj: Any,
    *,
    labels: Any = None,
    predictions: Any = None,
    overlays: Any = None,
    title: Optional[str] = None,
    embed_limit_mb: Optional[float] = None,
    live: Optional[bool] = None,
) -> Output:
    """
    The output ``show`` displays, without displaying it (the last value of a cell displays it too).

    :param obj: an array, a ``{plane: array}`` dict or a ``{case_id: {plane: array}}`` dict.
    :param labels: 0/1 labels: ``{case_id: {task: 0|1}}``, ``{task: DataFrame}`` (case id, then
        label, as the article reads ``train-acl.csv``), or one DataFrame with a case column and
        a column per task. Tasks are ``abnormal``, ``acl``, ``meniscus``.
    :param predictions: probabilities, in the same forms.
    :param overlays: ``{plane: cam}`` or ``{plane: {name: cam}}`` for one case; ``{case_id: …}`` for cases.
    :param title: the output's name (default ``array`` or ``case``).
    :param embed_limit_mb: above this, a strided preview is embedded (default ``options.embed_limit_mb``).
    :param live: cases (or a volume) stay in the kernel and the front end asks for the case (or
        slice) it shows (JupyterLab, Jupyter Notebook 7); the output embeds the first case (or a
        strided preview of the volume) for front ends that cannot ask. By default live when run
        in a kernel and the arrays are above the limit.
    :raises TypeError, ValueError: for what cannot be shown (object arrays, ragged lists, unknown planes…).
    """
    shown = shown_of(obj, title or ("case" if isinstance(obj, dict) else "array"))
    if shown.array is not None and (labels is not None or predictions is not None or overlays is not None):
        raise ValueError("labels, predictions and overlays go with cases ({plane: array} dicts), not a lone array")
    ids = [c.id for c in shown.cases]
    for case_id, values in per_case(labels, ids, "labels", int).items():
        next(c for c in shown.cases if c.id == case_id).labels = values
    for case_id, values in per_case(predictions, ids, "predictions", float).items():
        next(c for c in shown.cases if c.id == case_id).predictions = values
    overlays_of(overlays, shown.cases, shown.notes)
    limit_mb = options.embed_limit_mb if embed_limit_mb is None else embed_limit_mb
    if not limit_mb > 0:
        raise ValueError(f"embed_limit_mb is {limit_mb}: give a size above 0")
    name = title or ("cases" if len(shown.cases) > 1 else "case" if shown.cases else "array")
    limit = int(limit_mb * 2**20)
    served = _served(shown, live, limit)
    return Output(mime_bundle(shown, name, limit, served), served)


def _is_volume(array: Any) -> bool:
    """(slices, rows, columns), read a slice at a time: what the viewer asks a kernel for; not an (H, W, 1|3|4) image."""
    return array.ndim == 3 and array.shape[0] > 0 and array.shape[2] not in (1, 3, 4)


def _served(shown: Shown, live: Optional[bool], limit: int) -> Optional[Union[LiveCases, LiveArray]]:
    """What the kernel serves of the output, when it is live (asked for, or cases or a volume above the limit in a kernel)."""
    if live is False:
        return None
    if shown.array is not None and not _is_volume(shown.array):
        if live:
            raise ValueError("live=True is for cases and volumes (slices, rows, columns); this array is embedded (a strided preview above the limit)")
        return None
    comms = kernel_comms()
    if comms is None:
        if live:
            raise ValueError("live=True needs a running Jupyter kernel (ipykernel), which the front end asks for what it shows")
        return None
    arrays = [shown.array] if shown.array is not None else [a for c in shown.cases for _, a in c.planes]
    if live is None and sum(a.nbytes for a in arrays) <= limit:
        return None
    return serve(shown, comms)


def show(obj: Any, **kwargs: Any) -> None:
    """
    Shows ``obj`` in MRNet Viewer in the cell's output: ``mrnet_viewer.show(cases)``.

    Takes what ``embed`` takes. Outside IPython (a script), prints the text the output falls back to.
    """
    output = embed(obj, **kwargs)
    try:
        from IPython.display import display
    except ImportError:
        print(output)
        return
    display(output)
