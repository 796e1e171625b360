"""Constrained clustering: groups in which every pair matches, never chains.

Greedy agglomeration on the pair scores: the two groups with the highest mean score merge while that
mean is at least ``threshold``, every pair across them scores at least ``floor`` (each report matches
the whole claim, not just a neighbour: a chain a-b-c with a and c unrelated never forms) and no pair
across them is a cannot-link.
"""

from __future__ import annotations

import numpy as np


def constrained_clusters(
    score: np.ndarray, cannot: np.ndarray, threshold: float, floor: float
) -> list[set[int]]:
    n = score.shape[0]
    if n == 0:
        return []
    members: dict[int, set[int]] = {i: {i} for i in range(n)}
    total = np.array(score, dtype=np.float64)  # sum of pair scores between groups
    lowest = np.array(score, dtype=np.float64)  # weakest pair between groups
    blocked = np.array(cannot, dtype=bool)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    np.fill_diagonal(blocked, True)
    while True:
        mean = total / np.outer(size, size)
        allowed = alive[:, None] & alive[None, :] & ~blocked & (lowest >= floor) & (mean >= threshold)
        if not allowed.any():
            break
        flat = int(np.argmax(np.where(allowed, mean, -np.inf)))
        i, j = sorted((flat // n, flat % n))
        members[i] |= members.pop(j)
        total[i, :] += total[j, :]
        total[:, i] = total[i, :]
        lowest[i, :] = np.minimum(lowest[i, :], lowest[j, :])
        lowest[:, i] = lowest[i, :]
        blocked[i, :] |= blocked[j, :]
        blocked[:, i] = blocked[i, :]
        blocked[i, i] = True
        size[i] += size[j]
        alive[j] = False
        blocked[j, :] = True
        blocked[:, j] = True
    return sorted(members.values(), key=min)
