"""mrnet_viewer: every input show() takes, every refusal, the size limit and the bundle's round trip."""

import base64
import io
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mrnet_viewer
from mrnet_viewer import MIME_TYPE, embed


def decoded(text):
    """An embedded array as the renderer reads it: base64, then zlib, then NumPy's .npy format."""
    return np.load(io.BytesIO(zlib.decompress(base64.b64decode(text))), allow_pickle=False)


def payload(output):
    return output.data[MIME_TYPE]


def case_dict(seed=0, slices=(44, 36, 36)):
    rng = np.random.default_rng(seed)
    return {p: rng.integers(0, 256, (s, 32, 32), dtype=np.uint8) for p, s in zip(("coronal", "sagittal", "axial"), slices)}


@pytest.mark.parametrize(
    "dtype", ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64", "complex64", "complex128", ">f4", ">i2"]
)
def test_every_dtype_round_trips(dtype):
    array = (np.arange(2 * 3 * 5) % 7 - 3).astype(dtype).reshape(2, 3, 5)
    got = decoded(payload(embed(array))["array"]["npy"])
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)


def test_fortran_order_is_kept():
    array = np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    got = decoded(payload(embed(array))["array"]["npy"])
    assert got.flags.f_contiguous
    np.testing.assert_array_equal(got, array)


def test_a_list_of_equal_arrays_is_stacked():
    got = decoded(payload(embed([np.zeros((4, 5)), np.ones((4, 5))]))["array"]["npy"])
    assert got.shape == (2, 4, 5) and got[1].sum() == 20


def test_a_ragged_list_is_refused():
    with pytest.raises(ValueError, match=r"ragged: its arrays have the shapes \(3,\), \(4,\)"):
        embed([np.zeros(4), np.zeros(3)])


def test_object_arrays_are_refused():
    with pytest.raises(TypeError, match="dtype object: object arrays are never unpickled"):
        embed(np.array([{}, None], dtype=object))


def test_strings_and_structured_arrays_are_refused():
    with pytest.raises(TypeError, match="only numbers are shown"):
        embed(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="only numbers are shown"):
        embed(np.zeros(3, dtype=[("x", "f4")]))


def test_other_objects_are_refused():
    with pytest.raises(TypeError, match="is a str, not an array"):
        embed("0000")


def test_a_planes_dict_is_one_case():
    data = payload(embed(case_dict()))
    assert [c["id"] for c in data["cases"]] == ["case"]
    assert [p["plane"] for p in data["cases"][0]["planes"]] == ["coronal", "sagittal", "axial"]
    assert decoded(data["cases"][0]["planes"][0]["npy"]).shape == (44, 32, 32)


def test_unknown_plane_names_are_refused():
    with pytest.raises(ValueError, match="unknown plane name 'frontal'; the planes are coronal, sagittal, axial"):
        embed({"frontal": np.zeros((2, 3, 3))})


def test_a_plane_is_three_dimensional():
    with pytest.raises(ValueError, match=r"case case, axial has the shape \(3, 3\)"):
        embed({"axial": np.zeros((3, 3))})


def test_a_dict_of_cases_keeps_its_order_and_ids():
    cases = {"0003": case_dict(3), "0001": case_dict(1), "0002": case_dict(2)}
    data = payload(embed(cases))
    assert [c["id"] for c in data["cases"]] == ["0003", "0001", "0002"]
    np.testing.assert_array_equal(decoded(data["cases"][1]["planes"][2]["npy"]), cases["0001"]["axial"])


def test_a_case_that_is_not_a_dict_is_refused():
    with pytest.raises(TypeError, match="mixes cases"):
        embed({"0000": case_dict(), "0001": np.zeros((2, 2, 2))})


def test_an_empty_dict_is_refused():
    with pytest.raises(ValueError, match="empty"):
        embed({})


def test_labels_as_the_article_reads_them_and_predictions_by_case():
    cases = {"0000": case_dict(0), "0001": case_dict(1)}
    # As the article reads train-acl.csv: ids as text, a second column of 0/1 (for every case of the split).
    acl = pd.DataFrame({"Case": ["0000", "0001", "0002"], "Abnormal": [1, 0, 1]})
    data = payload(embed(cases, labels={"acl": acl, "meniscus": {0: 0, 1: 1}}, predictions={"0000": {"acl": 0.9}}))
    assert data["cases"][0]["labels"] == {"acl": 1, "meniscus": 0}
    assert data["cases"][1]["labels"] == {"acl": 0, "meniscus": 1}
    assert data["cases"][0]["predictions"] == {"acl": 0.9}
    assert data["cases"][1]["predictions"] == {}


def test_labels_as_one_frame_with_a_column_per_task():
    cases = {"0000": case_dict(0)}
    frame = pd.DataFrame({"case": ["0000"], "ACL": [1], "abnormal": [1]})
    assert payload(embed(cases, labels=frame))["cases"][0]["labels"] == {"acl": 1, "abnormal": 1}


def test_labels_that_are_not_0_or_1_are_refused():
    with pytest.raises(ValueError, match="a label is 0 or 1"):
        embed({"0000": case_dict()}, labels={"0000": {"acl": 2}})
    with pytest.raises(ValueError, match="a probability is between 0 and 1"):
        embed({"0000": case_dict()}, predictions={"acl": {"0000": 1.5}})


def test_overlays_per_plane_and_per_case():
    cam = np.linspace(0, 1, 44 * 7 * 7, dtype=np.float32).reshape(44, 7, 7)
    one = payload(embed(case_dict(), overlays={"coronal": cam}))
    assert one["cases"][0]["planes"][0]["overlays"][0]["name"] == "CAM"
    np.testing.assert_array_equal(decoded(one["cases"][0]["planes"][0]["overlays"][0]["npy"]), cam)
    many = payload(embed({"0000": case_dict()}, overlays={"0000": {"coronal": {"acl": cam}}}))
    assert many["cases"][0]["planes"][0]["overlays"][0]["name"] == "acl"
    with pytest.raises(ValueError, match="which is not shown"):
        embed({"0000": case_dict()}, overlays={"0009": {"coronal": cam}})
    with pytest.raises(ValueError, match="which it does not have"):
        embed({"axial": np.zeros((2, 3, 3))}, overlays={"coronal": cam})


def test_each_plane_carries_its_middle_slice_after_the_whole_arrays_header():
    case = case_dict(slices=(44, 36, 35))
    case["axial"] = case["axial"].astype(">i2")
    for plane, (name, array) in zip(payload(embed(case))["cases"][0]["planes"], case.items()):
        middle = plane["middle"]
        assert plane["plane"] == name and middle["index"] == (len(array) - 1) // 2
        data = zlib.decompress(base64.b64decode(middle["npy"]))
        whole = zlib.decompress(base64.b64decode(plane["npy"]))
        stream = io.BytesIO(data)
        np.lib.format.read_magic(stream)
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        assert (shape, fortran, dtype) == (array.shape, False, array.dtype)
        assert data[: stream.tell()] == whole[: stream.tell()]  # the header np.save writes
        got = np.frombuffer(data[stream.tell() :], dtype=dtype).reshape(shape[1:])
        np.testing.assert_array_equal(got, array[middle["index"]])


def test_a_plane_in_fortran_order_has_no_middle_slice_apart():
    case = {"axial": np.asfortranarray(np.zeros((4, 3, 3), dtype=np.uint8))}
    assert "middle" not in payload(embed(case))["cases"][0]["planes"][0]


def test_labels_go_with_cases_only():
    with pytest.raises(ValueError, match="not a lone array"):
        embed(np.zeros((2, 2)), labels={"0000": {"acl": 1}})


def test_under_the_limit_everything_is_embedded_whole():
    array = np.arange(64**3, dtype=np.uint8).reshape(64, 64, 64)  # 256 KiB
    data = payload(embed(array, embed_limit_mb=1))
    assert data["notes"] == []
    np.testing.assert_array_equal(decoded(data["array"]["npy"]), array)


def test_above_the_limit_a_strided_preview_is_embedded_and_said():
    array = np.arange(64**3, dtype=np.uint8).reshape(64, 64, 64)  # 256 KiB, above 0.1 MB
    output = embed(array, embed_limit_mb=0.1)
    data = payload(output)
    np.testing.assert_array_equal(decoded(data["array"]["npy"]), array[::2, ::2, ::2])
    assert "every 2nd element along each axis" in data["notes"][0]
    assert "every 2nd element" in output.data["text/plain"]


def test_the_limit_is_a_package_option():
    array = np.zeros((64, 64, 64), np.uint8)
    mrnet_viewer.options.embed_limit_mb = 0.01
    try:
        assert decoded(payload(embed(array))["array"]["npy"]).shape == (16, 16, 16)
    finally:
        mrnet_viewer.options.embed_limit_mb = 50.0
    with pytest.raises(ValueError, match="above 0"):
        embed(array, embed_limit_mb=0)


def test_the_fallbacks_name_what_is_held_and_picture_the_middle_slices():
    output = embed({"0000": case_dict(0), "0001": case_dict(1)})
    assert output.data["text/plain"].startswith("MRNet Viewer: 2 cases, case 0000: coronal (44, 32, 32) uint8")
    png = base64.b64decode(output.data["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (3 * 32 + 2 * 4, 32)


def test_a_jupyter_front_end_displays_the_bundle():
    output = embed(np.zeros((2, 2)))
    data, metadata = output._repr_mimebundle_()
    assert set(data) == {MIME_TYPE, "image/png", "text/plain"} and metadata == {}


def test_show_outside_ipython_prints_the_text(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # as if IPython were not installed
    mrnet_viewer.show(np.zeros((3, 4), np.float32), title="cam")
    assert capsys.readouterr().out == "MRNet Viewer: cam (3, 4) float32\n"


def test_a_torch_tensor_is_shown_bfloat16_as_float32():
    torch = pytest.importorskip("torch")
    tensor = torch.arange(6, dtype=torch.bfloat16).reshape(2, 3)
    data = payload(embed(tensor))
    got = decoded(data["array"]["npy"])
    assert got.dtype == np.float32 and got.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert data["notes"] == ["array: bfloat16 shown as float32"]


def test_the_package_installs_with_pip(tmp_path):
    # From a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
    source = tmp_path / "source"
    shutil.copytree(Path(__file__).parents[1], source, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(source)],
        check=True,
    )
    found = subprocess.run(
        [sys.executable, "-c", "import mrnet_viewer; print(mrnet_viewer.__file__, mrnet_viewer.MIME_TYPE)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert found.startswith(str(target)) and MIME_TYPE in found


class Comms:
    """A kernel's comm manager as far as live outputs use it: targets, and the comms front ends open."""

    def __init__(self):
        self.targets = {}

    def register_target(self, name, opened):
        self.targets[name] = opened

    def open(self, output_id):
        comm = Comm()
        self.targets["mrnet_viewer"](comm, {"content": {"data": {"output": output_id}}})
        return comm


class Comm:
    def __init__(self):
        self.sent, self.closed, self.on_message = [], False, None

    def on_msg(self, callback):
        self.on_message = callback

    def send(self, data, buffers=()):
        self.sent.append((data, [bytes(b) for b in buffers]))

    def close(self):
        self.closed = True

    def ask(self, **request):
        self.on_message({"content": {"data": request}})
        return self.sent[-1]


@pytest.fixture
def comms(monkeypatch):
    comms = Comms()
    monkeypatch.setattr(mrnet_viewer, "kernel_comms", lambda: comms)
    return comms


def test_live_cases_embed_the_first_and_send_each_case_asked_for_as_npy_buffers(comms):
    cases = {f"{i:04d}": case_dict(i) for i in range(200)}
    cams = {"0007": {"sagittal": np.ones((36, 32, 32), np.float32)}}
    output = embed(cases, labels={"0007": {"acl": 1}}, overlays=cams, live=True)
    data = payload(output)
    assert [c["id"] for c in data["cases"]] == ["0000"]  # embedded for a front end with no kernel
    assert data["live"]["output"] == output.live.id and len(data["live"]["cases"]) == 200
    assert data["live"]["cases"][7] == {"id": "0007", "labels": {"acl": 1}, "predictions": {}}
    assert "200 cases (live, in the kernel)" in output.data["text/plain"]
    comm = comms.open(output.live.id)
    reply, buffers = comm.ask(type="case", index=7, request=3)
    assert reply == {
        "type": "case",
        "request": 3,
        "index": 7,
        "id": "0007",
        "planes": [{"plane": "coronal", "overlays": []}, {"plane": "sagittal", "overlays": ["CAM"]}, {"plane": "axial", "overlays": []}],
    }
    got = [np.load(io.BytesIO(b), allow_pickle=False) for b in buffers]
    np.testing.assert_array_equal(got[0], cases["0007"]["coronal"])
    np.testing.assert_array_equal(got[2], cams["0007"]["sagittal"])
    np.testing.assert_array_equal(got[3], cases["0007"]["axial"])
    assert output.live.fetched == ["0007"]


def test_a_live_request_out_of_range_is_answered_with_why(comms):
    comm = comms.open(embed({"0000": case_dict()}, live=True).live.id)
    assert comm.ask(type="case", index=5, request=1) == ({"type": "error", "request": 1, "message": "there is no case 5 in this output"}, [])


def test_an_output_of_an_earlier_kernel_is_said_gone(comms):
    embed({"0000": case_dict()}, live=True)
    comm = comms.open("not-an-output-of-this-kernel")
    assert comm.sent == [({"type": "gone"}, [])] and comm.closed


def test_cases_go_live_in_a_kernel_above_the_limit_only(comms):
    cases = {"0000": case_dict(0), "0001": case_dict(1)}
    assert embed(cases).live is None
    assert embed(cases, embed_limit_mb=0.1).live is not None
    assert embed(cases, embed_limit_mb=0.1, live=False).live is None


def test_live_needs_a_kernel():
    with pytest.raises(ValueError, match="needs a running Jupyter kernel"):
        embed({"0000": case_dict()}, live=True)
    assert embed({"0000": case_dict()}, embed_limit_mb=0.01).live is None  # no kernel: a strided preview


def test_a_live_volume_embeds_a_preview_and_sends_its_header_and_each_slice_asked_for(comms):
    volume = np.asfortranarray(np.arange(12 * 40 * 30, dtype=">f4").reshape(12, 40, 30))
    output = embed(volume, embed_limit_mb=0.01)
    data = payload(output)
    assert data["live"] == {"output": output.live.id}
    assert decoded(data["array"]["npy"]).shape == (6, 20, 15)  # the strided preview, for a front end with no kernel
    assert data["notes"][0].startswith("live: the kernel sends each slice shown; with no kernel to ask, a strided preview")
    comm = comms.open(output.live.id)
    reply, [header] = comm.ask(type="header", request=1)
    assert reply == {"type": "header", "request": 1}
    assert np.lib.format.read_array_header_1_0(_header_stream(header)) == ((12, 40, 30), False, np.dtype(">f4"))
    reply, [bytes_] = comm.ask(type="slice", index=7, request=2)
    assert reply == {"type": "slice", "request": 2, "index": 7}
    np.testing.assert_array_equal(np.frombuffer(bytes_, ">f4").reshape(40, 30), volume[7])
    assert comm.ask(type="slice", index=12, request=3)[0]["message"] == "there is no slice 12 in this output"
    assert output.live.fetched == [7]


def _header_stream(header):
    stream = io.BytesIO(header)
    assert np.lib.format.read_magic(stream) == (1, 0)
    return stream


def test_an_image_is_never_live(comms):
    assert embed(np.zeros((300, 300)), embed_limit_mb=0.01).live is None
    assert embed(np.zeros((300, 300, 3)), embed_limit_mb=0.01).live is None  # a colour image
    for image in (np.zeros((3, 4)), np.zeros((2, 3, 4, 5))):
        with pytest.raises(ValueError, match="live=True is for cases and volumes"):
            embed(image, live=True)
