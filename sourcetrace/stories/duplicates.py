"""Near-copies: texts that share almost all their word 5-shingles (a syndicated copy, a wire rewrite).

Method: MinHash over word 5-shingles; two texts are near-copies at an estimated Jaccard of at least
``DUPLICATE_JACCARD``. ``near_duplicates`` groups a folder's texts (LSH over the signatures);
``minhash_signature`` is the signature the streaming clusterer and story assignment keep per article,
so that all three callers decide "near-copy" alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = [
    "DUPLICATE_JACCARD",
    "SIGNATURE_PERMUTATIONS",
    "minhash_signature",
    "near_copy",
    "near_duplicates",
    "shingles",
]

DUPLICATE_JACCARD = 0.8
SIGNATURE_PERMUTATIONS = 128


def shingles(text: str, size: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def minhash_signature(text: str, permutations: int = SIGNATURE_PERMUTATIONS) -> np.ndarray:
    """MinHash values over word 5-shingles; the share of equal values estimates the Jaccard."""
    from datasketch import MinHash

    mh = MinHash(num_perm=permutations)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def near_copy(a: np.ndarray, b: np.ndarray, threshold: float = DUPLICATE_JACCARD) -> bool:
    """Whether two ``minhash_signature``s estimate a Jaccard of at least ``threshold``."""
    return float(np.mean(a == b)) >= threshold


def near_duplicates(texts: Sequence[str], threshold: float = DUPLICATE_JACCARD) -> list[set[int]]:
    """Groups (of two or more) of near-identical texts, by MinHash LSH over word shingles."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=SIGNATURE_PERMUTATIONS)
    hashes: list[MinHash] = []
    for i, text in enumerate(texts):
        mh = MinHash(num_perm=SIGNATURE_PERMUTATIONS)
        for sh in shingles(text):
            mh.update(sh.encode("utf-8"))
        hashes.append(mh)
        lsh.insert(str(i), mh)
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, mh in enumerate(hashes):
        for key in lsh.query(mh):
            j = int(key)
            if j != i and mh.jaccard(hashes[j]) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, set[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), set()).add(i)
    return [g for g in groups.values() if len(g) > 1]
