"""A small PNG of the middle slices, for notebook front ends that know nothing of MRNet Viewer."""

from __future__ import annotations

import struct
import zlib
from typing import List

import numpy as np

#: The preview's height in pixels, at most: a thumbnail, not a second copy of the data.
PREVIEW_HEIGHT = 160
_GAP = 4


def middle_image(array: np.ndarray) -> np.ndarray:
    """The middle 2-D image of an array (the middle index of every axis but the last two)."""
    image = array
    while image.ndim > 2:
        image = image[image.shape[0] // 2]
    if image.ndim < 2:
        image = image.reshape(1, -1)
    return image


def grey(image: np.ndarray) -> np.ndarray:
    """8-bit grey of an image, from its own finite minimum to maximum (as the viewer's Auto contrast starts)."""
    values = np.abs(image) if image.dtype.kind == "c" else image.astype(np.float64)
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    span = high - low or 1.0
    scaled = np.clip((np.nan_to_num(values, nan=low) - low) / span, 0, 1)
    step = max(1, -(-image.shape[0] // PREVIEW_HEIGHT))
    return (scaled[::step, ::step] * 255).round().astype(np.uint8)


def preview_png(images: List[np.ndarray]) -> bytes:
    """The images side by side, grey, `_GAP` pixels apart, as PNG bytes."""
    tiles = [grey(middle_image(i)) for i in images]
    height = max(t.shape[0] for t in tiles)
    width = sum(t.shape[1] for t in tiles) + _GAP * (len(tiles) - 1)
    canvas = np.zeros((height, width), np.uint8)
    x = 0
    for tile in tiles:
        canvas[: tile.shape[0], x : x + tile.shape[1]] = tile
        x += tile.shape[1] + _GAP
    return _png(canvas)


def _png(grey_image: np.ndarray) -> bytes:
    height, width = grey_image.shape
    rows = np.concatenate([np.zeros((height, 1), np.uint8), grey_image], axis=1)  # filter type 0 on each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + chunk(b"IEND", b"")
