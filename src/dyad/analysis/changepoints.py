"""Change-points in a series by binary segmentation of its mean (Scott & Knott 1974; as `ruptures`'
Binseg with an L2 cost), with a BIC-like penalty.

A segment [i, j) is split at the point that most lowers the sum of squared deviations from the
segment means; the split is kept when that drop exceeds `penalty * sigma**2 * log(n)` (n = the
series length) and both sides have at least `min_size` points; then each side is searched again.
`sigma` is the series' noise, estimated robustly from the differences of neighbours
(MAD of the differences / sqrt(2) * 1.4826), so a step does not inflate it; it is at least
`min_sigma`, so a noiseless series does not call every tiny wobble a change.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np

PENALTY = 2.0
MIN_SIZE = 2
MIN_SIGMA = 1.0


def noise_sigma(values: Sequence[float]) -> float:
    x = np.asarray(values, dtype=float)
    if len(x) < 3:
        return 0.0
    d = np.diff(x)
    return float(np.median(np.abs(d - np.median(d))) / math.sqrt(2) * 1.4826)


def change_points(values: Sequence[float], penalty: float = PENALTY, min_size: int = MIN_SIZE,
                  min_sigma: float = MIN_SIGMA) -> list[int]:
    """Indices where a new mean level starts (sorted). A series shorter than 2 * min_size has none."""
    x = np.asarray(values, dtype=float)
    n = len(x)
    if n < 2 * min_size:
        return []
    sigma = max(noise_sigma(x), min_sigma)
    threshold = penalty * sigma ** 2 * math.log(n)
    found: list[int] = []

    def search(i: int, j: int) -> None:
        seg = x[i:j]
        m = len(seg)
        if m < 2 * min_size:
            return
        total = ((seg - seg.mean()) ** 2).sum()
        best_gain, best_k = 0.0, None
        csum = np.cumsum(seg)
        csq = np.cumsum(seg ** 2)
        for k in range(min_size, m - min_size + 1):
            left = csq[k - 1] - csum[k - 1] ** 2 / k
            right = (csq[-1] - csq[k - 1]) - (csum[-1] - csum[k - 1]) ** 2 / (m - k)
            gain = total - left - right
            if gain > best_gain:
                best_gain, best_k = gain, k
        if best_k is not None and best_gain > threshold:
            found.append(i + best_k)
            search(i, i + best_k)
            search(i + best_k, j)

    search(0, n)
    return sorted(found)
