"""Stories in a folder: group articles known all at once (what ``analyze`` calls).

Requires cleaned articles (parsed, for a title when an article has none) and the sentence encoder;
adds ``Story`` records (without claims yet) with their groups of near-copies.

Method: every article is ``similarity``'s unit vector (TF-IDF with the folder's own document
frequencies, and the lead embedding); near-copies start in one group; groups then merge by average
linkage over every pair, best pair first, while their ``similarity.link`` (the mean similarity of their
members less the time penalty) is at least the threshold. This is what the streaming clusterer's
consolidation computes over the pairs its index proposes, here over all pairs, which a folder can
afford.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..model import Article, Story
from .duplicates import near_copy
from .similarity import ClusterSettings, Group, Sketch, lead_text, link, sketch, vectorize_all

if TYPE_CHECKING:  # the grouping itself needs neither a parse nor the models' module
    from ..nlp import Models
    from ..sentences import Parsed

__all__ = [
    "average_linkage",
    "group_articles",
    "group_sketches",
    "group_stories",
    "group_vectors",
    "near_copies",
]


def group_stories(
    parsed: Sequence[Parsed], models: Models, settings: ClusterSettings | None = None
) -> list[Story]:
    """Stories in order of their first article; ids ``s1``, ``s2``, ..."""
    if not parsed:
        return []
    settings = settings or ClusterSettings()
    articles = [p.article for p in parsed]
    embeddings = (
        models.embed([lead_text(a, settings.lead_words) for a in articles])
        if settings.embedding_weight > 0
        else None
    )
    sketches = [sketch(a, None if embeddings is None else embeddings[i]) for i, a in enumerate(articles)]
    duplicates = near_copies(sketches, settings)
    vectors = vectorize_all(sketches, settings)
    clusters = group_vectors(vectors, [s.published for s in sketches], settings, duplicates)
    stories: list[Story] = []
    for number, members in enumerate(clusters, start=1):
        ids = tuple(articles[i].id for i in members)
        groups = tuple(tuple(articles[i].id for i in g) for g in duplicates if set(g) <= set(members))
        # The title is the most central article's: the one most like the rest of its story.
        total = vectors[members].sum(axis=0)
        central = max(members, key=lambda i: float(total @ vectors[i]))
        stories.append(Story(f"s{number}", _title(parsed[central]), ids, (), groups))
    return stories


def group_articles(
    articles: Sequence[Article], *, encoder: object | None = None, settings: ClusterSettings | None = None
) -> list[list[int]]:
    """Stories of articles known at once, as lists of indices (without a parse; the eval's entry)."""
    from .similarity import embed_leads

    settings = settings or ClusterSettings()
    embeddings = None
    if settings.embedding_weight > 0:
        if encoder is None:
            from ..nlp import load_encoder

            encoder = load_encoder()
        embeddings = embed_leads(articles, encoder, settings.lead_words)
    sketches = [sketch(a, None if embeddings is None else embeddings[i]) for i, a in enumerate(articles)]
    return group_sketches(sketches, settings=settings)


def group_sketches(sketches: Sequence[Sketch], *, settings: ClusterSettings | None = None) -> list[list[int]]:
    """``group_articles`` from precomputed sketches."""
    settings = settings or ClusterSettings()
    vectors = vectorize_all(sketches, settings)
    return group_vectors(vectors, [s.published for s in sketches], settings, near_copies(sketches, settings))


def near_copies(sketches: Sequence[Sketch], settings: ClusterSettings) -> list[list[int]]:
    """Groups of two or more near-copies (by their MinHash signatures), smallest index first. A folder
    is small: every pair of signatures is compared."""
    parent = list(range(len(sketches)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(sketches)):
        for j in range(i):
            if near_copy(sketches[i].signature, sketches[j].signature, settings.duplicate_jaccard):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(sketches)):
        groups.setdefault(root(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def group_vectors(
    vectors: np.ndarray,
    published: Sequence[float | None],
    settings: ClusterSettings,
    together: Sequence[Sequence[int]] = (),
) -> list[list[int]]:
    """Average linkage under ``similarity.link`` over every pair of groups, best pair first, from the
    groups ``together`` (near-copies) and single articles. Stories in order of their first article."""
    n = len(vectors)
    if n == 0:
        return []
    start: list[list[int]] = [sorted(g) for g in together]
    placed = {i for g in together for i in g}
    start += [[i] for i in range(n) if i not in placed]
    groups: list[Group] = []
    for members in start:
        group = Group(np.zeros(vectors.shape[1], np.float32))
        for i in members:
            group.absorb(Group.of(vectors[i], published[i]))
        groups.append(group)
    size = len(groups)
    totals = np.stack([g.total.astype(np.float32) for g in groups])
    counts = np.array([g.count for g in groups], dtype=np.float64)
    dated = any(p is not None for p in published)
    links = (totals @ totals.T).astype(np.float64) / np.outer(counts, counts)
    if dated:
        for a in range(size):  # a folder is small enough for a pass over every pair
            for b in range(a + 1, size):
                links[a, b] = links[b, a] = link(settings, groups[a], groups[b])
    np.fill_diagonal(links, -np.inf)
    alive = np.ones(size, dtype=bool)
    for _ in range(size - 1):
        a, b = divmod(int(np.argmax(links)), size)
        if links[a, b] < settings.threshold:
            break
        a, b = min(a, b), max(a, b)
        groups[a].absorb(groups[b])
        start[a] += start[b]
        alive[b] = False
        links[b, :] = links[:, b] = -np.inf
        totals[a] = groups[a].total.astype(np.float32)
        counts[a] = groups[a].count
        row = (totals @ totals[a]).astype(np.float64) / (counts * counts[a])
        if dated:
            row = np.array([link(settings, groups[a], g) if alive[c] else 0.0 for c, g in enumerate(groups)])
        row[~alive] = -np.inf
        row[a] = -np.inf
        links[a, :] = links[:, a] = row
    return sorted((sorted(start[c]) for c in range(len(groups)) if alive[c]), key=lambda m: m[0])


def _title(p: Parsed) -> str:
    if p.article.title:
        return p.article.title
    first = p.sentences[0].text if p.sentences else p.article.text
    first = re.sub(r"\s+", " ", first).strip()
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def average_linkage(sim: np.ndarray, threshold: float, floor: float = -np.inf) -> list[set[int]]:
    """Average-linkage clustering of a similarity matrix: clusters merge while their mean pairwise
    similarity is at least ``threshold``. A pair scoring below ``floor`` is made so dissimilar that the
    two clusters holding it practically never merge (a guard against chaining through a busy topic).
    Stories use ``group_vectors``; claims (``align``) and the eval's baseline use this."""
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
