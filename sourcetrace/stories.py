"""Stories: group articles about the same event, and flag near-copies inside a story.

Requires parsed articles and resolved mentions; adds ``Story`` records (without claims yet).

Method: each article is a vector (mean of its first sentences' embeddings, title included) and a set
of salient entities (people, organisations, products; places are too common to tell stories apart).
Two articles are similar by cosine plus a bonus for shared salient entities; stories are formed by
average-linkage clustering under one fixed threshold. Near-copies are found with MinHash over word
5-shingles (Jaccard >= 0.8): a syndicated copy is kept but grouped in ``duplicates``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .model import Entity, Mention, Story
from .nlp import Models
from .sentences import Parsed

SALIENT_TYPES = frozenset({"PERSON", "ORG", "PRODUCT", "OUTLET", "EVENT", "FAC"})
STORY_THRESHOLD = 0.45
ENTITY_WEIGHT = 0.35
DUPLICATE_JACCARD = 0.8
LEAD_SENTENCES = 8


def article_vectors(parsed: Sequence[Parsed], models: Models) -> np.ndarray:
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for p in parsed:
        lead = [s.text for s in p.sentences[:LEAD_SENTENCES]]
        if p.article.title:
            lead.insert(0, p.article.title)
        lead = lead or [p.article.text[:500] or " "]
        spans.append((len(texts), len(texts) + len(lead)))
        texts.extend(lead)
    matrix = models.embed(texts)
    vectors = (
        np.stack([matrix[a:b].mean(axis=0) for a, b in spans]) if spans else np.zeros((0, matrix.shape[1]))
    )
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)  # type: ignore[no-any-return]


def group_stories(
    parsed: Sequence[Parsed], mentions: Sequence[Mention], entities: Sequence[Entity], models: Models
) -> list[Story]:
    """Stories in order of their first article; ids ``s1``, ``s2``, ..."""
    if not parsed:
        return []
    vectors = article_vectors(parsed, models)
    types = {e.id: e.type for e in entities}
    salient: list[set[str]] = []
    for p in parsed:
        salient_ids = {
            m.entity
            for m in mentions
            if m.article == p.article.id and m.entity and types.get(m.entity) in SALIENT_TYPES
        }
        salient.append(salient_ids)  # type: ignore[arg-type]
    n = len(parsed)
    sim = vectors @ vectors.T
    for i in range(n):
        for j in range(i + 1, n):
            union = salient[i] | salient[j]
            if union:
                bonus = ENTITY_WEIGHT * len(salient[i] & salient[j]) / len(union)
                sim[i, j] += bonus
                sim[j, i] += bonus
    clusters = average_linkage(sim, STORY_THRESHOLD)
    duplicates = near_duplicates([p.article.text for p in parsed])
    stories: list[Story] = []
    for number, members in enumerate(sorted(clusters, key=min), start=1):
        ids = tuple(parsed[i].article.id for i in sorted(members))
        groups = tuple(
            tuple(parsed[i].article.id for i in sorted(g)) for g in duplicates if set(g) <= set(members)
        )
        central = max(members, key=lambda i: sum(sim[i, j] for j in members))
        stories.append(Story(f"s{number}", _title(parsed[central]), ids, (), groups))
    return stories


def _title(p: Parsed) -> str:
    if p.article.title:
        return p.article.title
    first = p.sentences[0].text if p.sentences else p.article.text
    first = re.sub(r"\s+", " ", first).strip()
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def average_linkage(sim: np.ndarray, threshold: float, floor: float = -np.inf) -> list[set[int]]:
    """Average-linkage clustering of a similarity matrix: clusters merge while their mean pairwise
    similarity is at least ``threshold``. A pair scoring below ``floor`` is made so dissimilar that the
    two clusters holding it practically never merge (a guard against chaining through a busy topic)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [{0}]
    distance = 1.0 - np.array(sim, dtype=np.float64)
    distance[sim < floor] = 1e6
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    distance = np.maximum(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    clusters: dict[int, set[int]] = {}
    for index, label in enumerate(labels):
        clusters.setdefault(int(label), set()).add(index)
    return sorted(clusters.values(), key=min)


def shingles(text: str, size: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def near_duplicates(texts: Sequence[str], threshold: float = DUPLICATE_JACCARD) -> list[set[int]]:
    """Groups (of two or more) of near-identical texts, by MinHash LSH over word shingles."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes: list[MinHash] = []
    for i, text in enumerate(texts):
        mh = MinHash(num_perm=128)
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
