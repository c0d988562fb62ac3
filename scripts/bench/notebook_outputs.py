"""Writes the notebook `npm run bench` opens (argv[1]): an MRNet-size case and an MRNet volume, each
an output of mrnet_viewer.embed, as a notebook holds them once its cells have run (no kernel)."""

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
import mrnet_viewer  # noqa: E402


def volume(slices: int, offset: int) -> np.ndarray:
    """(slices, 256, 256) uint8 with the structure of an image: value = (offset + 3 s + row + 2 col) mod 256."""
    s, r, c = np.indices((slices, 256, 256))
    return ((offset + 3 * s + r + 2 * c) % 256).astype(np.uint8)


def cell(n: int, source: str, output: mrnet_viewer.Output) -> dict:
    data = {"output_type": "display_data", "data": output.data, "metadata": {}}
    return {"cell_type": "code", "execution_count": n, "id": f"c{n}", "metadata": {}, "source": source, "outputs": [data]}


case = {"axial": volume(40, 0), "coronal": volume(36, 1), "sagittal": volume(32, 2)}
cells = [
    cell(1, "mrnet_viewer.show(cases['0000'])", mrnet_viewer.embed(case, title="case")),
    cell(2, "mrnet_viewer.show(volume)", mrnet_viewer.embed(volume(44, 0), title="volume")),
]
notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
Path(sys.argv[1]).write_text(json.dumps(notebook))
