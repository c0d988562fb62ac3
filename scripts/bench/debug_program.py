"""The program `npm run bench` stops under the real debugpy: an MRNet volume and a 1 GiB float32 array."""

import numpy as np

volume = ((np.arange(44)[:, None, None] * 3 + np.arange(256)[:, None] + 2 * np.arange(256)) % 256).astype(np.uint8)
big = np.ones((256, 1024, 1024), dtype=np.float32)
big[128] = np.arange(1024 * 1024, dtype=np.float32).reshape(1024, 1024)
breakpoint()
print(volume.shape, big.shape)
