#!/usr/bin/env python3
"""The notebook widget's update, timed: a new 1x3 matplotlib figure with three imshow of a
case's middle slices, rendered to PNG with bbox_inches="tight" as the notebook backend does.
Usage: matplotlib_baseline.py CORONAL.npy,SAGITTAL.npy,AXIAL.npy RUNS
Prints one JSON line: {"median_ms": ..., "p95_ms": ..., "runs": ...}."""
import io
import json
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

paths = sys.argv[1].split(",")
runs = int(sys.argv[2])
volumes = [np.load(p) for p in paths]
planes = ["coronal", "sagittal", "axial"]
times = []
for i in range(runs + 2):
    start = time.perf_counter()
    fig, axes = plt.subplots(1, 3, figsize=(15, 5))
    for ax, plane, v in zip(axes, planes, volumes):
        k = (v.shape[0] - 1) // 2
        ax.imshow(v[k], cmap="gray")
        ax.set_title(f"MRI slice {k} on {plane} plane")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    if i >= 2:  # the first two warm up
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({"median_ms": times[len(times) // 2], "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))], "runs": runs}))
