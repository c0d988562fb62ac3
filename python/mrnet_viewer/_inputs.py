"""What show() takes, checked and put in one form: one array, or cases of planes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import numpy as np

PLANES = ("coronal", "sagittal", "axial")
TASKS = ("abnormal", "acl", "meniscus")

#: The dtype kinds the viewer shows: bool, signed and unsigned integers, floats, complex.
SHOWN_KINDS = "biufc"


@dataclass
class Case:
    """One case: its planes in the order given, the overlays of each plane, its labels and probabilities."""

    id: str
    planes: List[Tuple[str, np.ndarray]]
    overlays: Dict[str, List[Tuple[str, np.ndarray]]] = field(default_factory=dict)
    labels: Dict[str, int] = field(default_factory=dict)
    predictions: Dict[str, float] = field(default_factory=dict)


@dataclass
class Shown:
    """What one output shows: an array (`array` set) or cases; `notes` say what was changed on the way."""

    array: Optional[np.ndarray] = None
    cases: List[Case] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


def as_array(value: Any, what: str, notes: Optional[List[str]] = None) -> np.ndarray:
    """An array the viewer shows, from an ndarray, a tensor (any device) or a list of equally shaped arrays."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch.Tensor, on any device
        tensor = value.detach().cpu()
        if str(getattr(tensor, "dtype", "")) == "torch.bfloat16":
            tensor = tensor.float()
            if notes is not None:
                notes.append(f"{what}: bfloat16 shown as float32")
        value = tensor.numpy()
    if isinstance(value, (list, tuple)):
        value = _stacked(value, what, notes)
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{what} is a {type(value).__name__}, not an array (numpy.ndarray, torch.Tensor, or a list of arrays)")
    if value.dtype.kind not in SHOWN_KINDS or value.dtype.fields is not None or value.dtype.subdtype is not None:
        refused = "object arrays are never unpickled" if value.dtype.kind == "O" else "only numbers are shown"
        raise TypeError(f"{what} has dtype {value.dtype}: {refused}")
    return value


def _stacked(items: Union[list, tuple], what: str, notes: Optional[List[str]]) -> np.ndarray:
    if not items:
        raise ValueError(f"{what} is an empty {type(items).__name__}")
    arrays = [as_array(item, f"{what}[{i}]", notes) for i, item in enumerate(items)]
    shapes = {a.shape for a in arrays}
    if len(shapes) > 1:
        raise ValueError(f"{what} is ragged: its arrays have the shapes {', '.join(map(str, sorted(shapes)))}")
    return np.stack(arrays)


def case_of(case_id: str, planes: Mapping[Any, Any], notes: List[str]) -> Case:
    """A case from a `{plane: array}` dict; plane names other than MRNet's are refused."""
    if not planes:
        raise ValueError(f"case {case_id} has no planes")
    unknown = [str(p) for p in planes if p not in PLANES]
    if unknown:
        raise ValueError(f"case {case_id}: unknown plane name {', '.join(map(repr, unknown))}; the planes are {', '.join(PLANES)}")
    shown = []
    for plane, value in planes.items():
        array = as_array(value, f"case {case_id}, {plane}", notes)
        if array.ndim != 3:
            raise ValueError(f"case {case_id}, {plane} has the shape {array.shape}: a plane is (slices, height, width)")
        shown.append((plane, array))
    return Case(id=case_id, planes=shown)


def cases_of(value: Mapping[Any, Any], notes: List[str]) -> List[Case]:
    """The cases of a `{case_id: {plane: array}}` dict, in its order."""
    cases = []
    for key, planes in value.items():
        if not isinstance(planes, Mapping):
            raise TypeError(f"case {key} is a {type(planes).__name__}, not a {{plane: array}} dict")
        cases.append(case_of(str(key), planes, notes))
    return cases


def shown_of(obj: Any, title: str) -> Shown:
    """What `obj` shows: a dict of planes is one case, a dict of dicts is cases, anything else one array."""
    shown = Shown()
    if isinstance(obj, Mapping):
        if not obj:
            raise ValueError("the dict is empty: nothing to show")
        if all(isinstance(v, Mapping) for v in obj.values()):
            shown.cases = cases_of(obj, shown.notes)
        elif any(isinstance(v, Mapping) for v in obj.values()):
            raise TypeError("the dict mixes cases ({plane: array} dicts) and arrays")
        else:
            shown.cases = [case_of(title, obj, shown.notes)]
    else:
        shown.array = as_array(obj, title, shown.notes)
    return shown


def per_case(table: Any, ids: List[str], what: str, cast: type) -> Dict[str, Dict[str, Any]]:
    """
    Labels or probabilities by case and task, from any of the forms the article and MRNet use:
    `{case_id: {task: value}}`; `{task: column}` where a column is a DataFrame (case id, then
    value, as the article reads train-acl.csv), a Series or a `{case_id: value}` dict; or one
    DataFrame with a case column and a column per task.
    """
    if table is None:
        return {}
    if hasattr(table, "columns") and hasattr(table, "itertuples"):
        columns = [str(c) for c in table.columns]
        case_column = next((c for c in columns if c.lower() in ("case", "id", "case_id")), columns[0])
        rows = table.to_dict("records")
        tasks = [c for c in columns if c != case_column]
        return _keyed({_id(r[case_column]): {t.lower(): r[t] for t in tasks} for r in rows}, ids, what, cast)
    if not isinstance(table, Mapping):
        raise TypeError(f"{what} is a {type(table).__name__}: give a dict or a pandas DataFrame")
    if table and all(str(k).lower() in TASKS for k in table):
        by_case: Dict[str, Dict[str, Any]] = {}
        for task, column in table.items():
            for case, value in _column(column, f"{what}[{task!r}]").items():
                by_case.setdefault(case, {})[str(task).lower()] = value
        return _keyed(by_case, ids, what, cast)
    return _keyed({_id(k): v for k, v in table.items()}, ids, what, cast)


def _column(column: Any, what: str) -> Dict[str, Any]:
    if hasattr(column, "columns") and hasattr(column, "itertuples"):  # DataFrame: case id, value
        if len(column.columns) < 2:
            raise ValueError(f"{what} has {len(column.columns)} column: give the case id and its value")
        return {_id(row[1]): row[2] for row in column.itertuples()}
    if hasattr(column, "items"):  # Series or dict
        return {_id(k): v for k, v in column.items()}
    raise TypeError(f"{what} is a {type(column).__name__}: give a DataFrame, a Series or a dict")


def _id(value: Any) -> str:
    """A case id as MRNet writes it: 0 and '0' are '0000'."""
    text = str(value)
    return text.zfill(4) if text.isdigit() else text


def _keyed(by_case: Dict[str, Any], ids: List[str], what: str, cast: type) -> Dict[str, Dict[str, Any]]:
    known = {_id(i): i for i in ids}
    out: Dict[str, Dict[str, Any]] = {}
    for case, tasks in by_case.items():
        if case not in known:
            continue  # a label of a case not shown (the CSV lists them all)
        if not isinstance(tasks, Mapping):
            raise TypeError(f"{what} of case {case} is a {type(tasks).__name__}: give {{task: value}}")
        out[known[case]] = {str(t).lower(): _value(v, f"{what} of case {case}, {t}", cast) for t, v in tasks.items()}
    return out


def _value(value: Any, what: str, cast: type) -> Any:
    number = float(value)
    if cast is int:
        if number not in (0.0, 1.0):
            raise ValueError(f"{what} is {value!r}: a label is 0 or 1")
        return int(number)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{what} is {value!r}: a probability is between 0 and 1")
    return number


def overlays_of(overlays: Any, cases: List[Case], notes: List[str]) -> None:
    """Overlays (CAMs, masks) drawn over planes: `{plane: array}` or `{plane: {name: array}}` for one case, `{case_id: …}` for cases."""
    if overlays is None:
        return
    if not isinstance(overlays, Mapping):
        raise TypeError(f"overlays is a {type(overlays).__name__}: give {{plane: array}} or {{case_id: {{plane: array}}}}")
    by_case = {cases[0].id: overlays} if len(cases) == 1 and all(p in PLANES for p in overlays) else overlays
    known = {c.id: c for c in cases}
    for case_id, planes in by_case.items():
        case = known.get(str(case_id))
        if case is None:
            raise ValueError(f"overlays name the case {case_id!r}, which is not shown")
        shown_planes = {p for p, _ in case.planes}
        for plane, named in planes.items():
            if plane not in shown_planes:
                raise ValueError(f"overlays of case {case.id} name the plane {plane!r}, which it does not have")
            pairs = named.items() if isinstance(named, Mapping) else [("CAM", named)]
            case.overlays[plane] = [(str(n), as_array(a, f"overlay {n} of case {case.id}, {plane}", notes)) for n, a in pairs]
