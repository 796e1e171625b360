"""Story clustering over a stream: each article joins the best story or opens one, at a cost per
article that stays flat however large the corpus grows.

Requires each article's ``similarity.vectorize``d sketch, its MinHash signature and its date when
known; adds a story label per article, and groups of near-copies inside each story. The similarity and
threshold are ``similarity``'s, as in ``group`` (a folder: every pair) and ``assign`` (one article
against stored stories); this one never compares an article with every other one.

Method.

* **What an article is** and **how alike two are**: see ``similarity``.
* **Online step** (``StoryClusterer.add``): the article's nearest already-seen articles come from an
  approximate nearest-neighbour index (usearch HNSW, int8), asked twice: with the whole vector and
  with its TF-IDF half alone, so that look-alikes from other stories cannot crowd out the articles
  that share the story's rare words. The work per article depends on ``neighbours``, not on the
  corpus. A near-copy of a neighbour (estimated Jaccard of the shingles >=
  ``duplicate_jaccard``) joins its fragment outright. Otherwise the article joins the fragment (a tight
  group, ``fragment_threshold``) or story (``threshold``) of those neighbours with the highest average
  similarity to it, or opens one. Average similarity to a group is exact and cheap: members are unit
  vectors, so the mean of their dot products with the article is ``sum · x / n``.
* **Consolidation** (``StoryClusterer.finish``, and whenever the live window is full): arrival order
  matters to any single pass (an early article joins the only story there is), so stories are rebuilt
  from the fragments by average-linkage agglomeration under the same ``threshold``, best pair first,
  where the candidate pairs are the fragments' nearest neighbours in the index. Between disjoint groups
  the average link is again exact from the sums (``ΣA · ΣB / (|A| |B|)``), so this is the average
  linkage of the whole corpus restricted to neighbouring pairs, in ``O(fragments · neighbours)``.
* **Time**: ``similarity.time_cost``, between an article and a group, and between groups.
* **Bounded memory**: at most ``max_live_articles`` articles are held (index entry, signature, group
  sums). When the window is full the clusterer consolidates, then retires the stories that were
  updated longest ago; their labels are final and handed out by ``drain()``. A story whose articles are
  spread thinner than the window (one article every ``max_live_articles``) can then be split.

The parameters' defaults, and how they were chosen (the threshold by cross-validation over disjoint
folds of stories; the weights fixed before looking at any score), are in ``docs/clustering.md``.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Article
from .duplicates import near_copy
from .similarity import (
    ClusterSettings,
    DocumentFrequencies,
    Group,
    Sketch,
    embed_leads,
    link,
    sketch,
    vectorize,
)

if TYPE_CHECKING:
    from usearch.index import Index

__all__ = ["StoryClusterer", "cluster_articles", "cluster_sketches"]


@dataclass(slots=True)
class _Fragment:
    group: Group
    story: int
    members: list[int] = field(default_factory=list)


class StoryClusterer:
    """Online story clustering: ``add`` one article at a time, ``finish`` for the final stories.

    Keys are the caller's article numbers (ints, unique). Labels are ints, never reused; ``add`` returns
    the story an article joins now, which consolidation may later change; ``drain`` and ``finish`` give
    final ``(key, label)`` pairs, each article exactly once.
    """

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self._index: Index = self._new_index()
        self._fragments: dict[int, _Fragment] = {}
        self._stories: dict[int, Group] = {}
        self._story_fragments: dict[int, set[int]] = {}
        self._fragment_of: dict[int, int] = {}
        self._signatures: dict[int, np.ndarray] = {}
        self._duplicate_of: dict[int, int] = {}  # union-find over keys that have a near-copy
        self._final: list[tuple[int, int]] = []
        self._next_fragment = 0
        self._next_story = 0
        self._arrivals = 0

    def _new_index(self) -> Index:
        from usearch.index import Index

        # int8 vectors and modest expansions: the index only proposes candidates, the scores are exact.
        return Index(
            ndim=self.settings.dims,
            metric="ip",
            dtype="i8",
            connectivity=16,
            expansion_add=64,
            expansion_search=64,
        )

    # -- the online step

    def add(self, key: int, vector: np.ndarray, signature: np.ndarray, published: float | None = None) -> int:
        """Place one article (its ``vectorize``d sketch); returns the story it joins for now."""
        s = self.settings
        if key in self._fragment_of:
            raise ValueError(f"article key {key} was already added")
        self._arrivals += 1
        neighbours = self._neighbours(vector)
        fragment_id = self._near_copy(key, signature, neighbours)
        if fragment_id is None:
            candidates = {self._fragment_of[n] for n, _ in neighbours}
            fragment_id, score = self._best(
                vector, published, ((f, self._fragments[f].group) for f in candidates)
            )
            if score < s.fragment_threshold:
                fragment_id = None
        if fragment_id is None:
            stories = {self._fragments[self._fragment_of[n]].story for n, _ in neighbours}
            story, score = self._best(vector, published, ((t, self._stories[t]) for t in stories))
            if story is None or score < s.threshold:
                story = self._open_story()
            fragment_id = self._next_fragment
            self._next_fragment += 1
            self._fragments[fragment_id] = _Fragment(Group(np.zeros(s.dims, np.float16)), story)
            self._story_fragments[story].add(fragment_id)
        fragment = self._fragments[fragment_id]
        fragment.group.add(vector, published)
        fragment.group.touched = self._arrivals
        fragment.members.append(key)
        story_group = self._stories[fragment.story]
        if story_group.count == 0:  # a new story of one article: share the fragment's array
            story_group.absorb(fragment.group)
        else:
            story_group.add(vector, published)
        story_group.touched = self._arrivals
        self._fragment_of[key] = fragment_id
        self._signatures[key] = signature
        self._index.add(key, vector)
        if len(self._fragment_of) > s.max_live_articles:
            self._retire()
        return fragment.story

    def _queries(self, vectors: np.ndarray) -> list[np.ndarray]:
        """The index queries for some vectors: the vectors themselves and, with ``lexical_neighbours``,
        their TF-IDF half alone (unit length, the embedding half zeroed), which ranks the index by
        lexical similarity. Where many articles share a shape (one template, one wire format), the
        nearest by the joint vector can all be look-alikes from other stories, while the story's own
        articles, which share its rare words, are nearest by the lexical half."""
        s = self.settings
        if not s.lexical_neighbours or s.dims == s.hashed_dims:
            return [vectors]
        lexical = np.zeros_like(vectors)
        lexical[..., : s.hashed_dims] = vectors[..., : s.hashed_dims]
        norms = np.linalg.norm(lexical, axis=-1, keepdims=True)
        return [vectors, lexical / np.maximum(norms, 1e-9)]

    def _neighbours(self, vector: np.ndarray) -> list[tuple[int, float]]:
        """Nearest keys with their similarity to ``vector``; those found by the lexical query alone get
        0.0 (its scores are on another scale, and a near-copy is always among the joint nearest)."""
        if len(self._index) == 0:
            return []
        joint, *others = self._queries(vector)
        found = self._index.search(joint, self.settings.neighbours)
        best = {int(k): 1.0 - float(d) for k, d in zip(found.keys, found.distances, strict=True)}
        for query in others:
            for k in self._index.search(query, self.settings.neighbours).keys:
                best.setdefault(int(k), 0.0)
        return sorted(best.items(), key=lambda kv: -kv[1])

    def _near_copy(self, key: int, signature: np.ndarray, neighbours: list[tuple[int, float]]) -> int | None:
        """The fragment of a neighbour this article nearly copies, noting the pair as duplicates."""
        for other, similarity in neighbours:
            if similarity < 0.5:  # a near-copy is far more similar than this; skip the comparison
                continue
            if near_copy(self._signatures[other], signature, self.settings.duplicate_jaccard):
                self._union(key, other)
                return self._fragment_of[other]
        return None

    def _best(
        self, vector: np.ndarray, when: float | None, groups: Iterable[tuple[int, Group]]
    ) -> tuple[int | None, float]:
        best, best_score = None, -math.inf
        article = Group.of(vector, when)
        for ident, group in groups:
            score = link(self.settings, article, group)
            if score > best_score or (score == best_score and best is not None and ident < best):
                best, best_score = ident, score
        return best, best_score

    def _open_story(self) -> int:
        story = self._next_story
        self._next_story += 1
        self._stories[story] = Group(np.zeros(self.settings.dims, np.float16))
        self._story_fragments[story] = set()
        return story

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._duplicate_of[max(ra, rb)] = min(ra, rb)

    def _root(self, key: int) -> int:
        self._duplicate_of.setdefault(key, key)
        while self._duplicate_of[key] != key:
            self._duplicate_of[key] = self._duplicate_of[self._duplicate_of[key]]
            key = self._duplicate_of[key]
        return key

    # -- consolidation

    def consolidate(self) -> None:
        """Rebuild the live stories from their fragments by neighbour-restricted average linkage."""
        if not self.settings.consolidate or len(self._fragments) < 2:
            return
        s = self.settings
        ids = sorted(self._fragments)
        groups: dict[int, Group] = {}
        for f in ids:
            own = self._fragments[f].group
            groups[f] = Group(own.total, own.count, own.first, own.last, own.touched)
        neighbours: dict[int, set[int]] = {f: set() for f in ids}
        for start in range(0, len(ids), 4096):  # in chunks: a matrix of every fragment would be a copy
            chunk = ids[start : start + 4096]
            means = np.stack([groups[f].total / groups[f].count for f in chunk]).astype(np.float32)
            found = [
                np.asarray(self._index.search(q, s.neighbours).keys).reshape(len(chunk), -1)
                for q in self._queries(means)
            ]
            for row, f in enumerate(chunk):
                for key in (k for keys in found for k in keys[row]):
                    g = self._fragment_of.get(int(key))
                    if g is not None and g != f:
                        neighbours[f].add(g)
                        neighbours[g].add(f)
        version = dict.fromkeys(ids, 0)
        heap: list[tuple[float, int, int, int, int]] = []

        def push(a: int, b: int) -> None:
            a, b = min(a, b), max(a, b)
            score = link(s, groups[a], groups[b])
            if score >= s.threshold:
                heapq.heappush(heap, (-score, a, b, version[a], version[b]))

        for f in ids:
            for g in neighbours[f]:
                if f < g:
                    push(f, g)
        parent = {f: f for f in ids}
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            if a not in groups or b not in groups or version[a] != va or version[b] != vb:
                continue
            groups[a].absorb(groups.pop(b))
            parent[b] = a
            version[a] += 1
            merged = (neighbours.pop(b) | neighbours[a]) - {a, b}
            neighbours[a] = merged
            for c in merged:
                neighbours[c].discard(b)
                neighbours[c].add(a)
                push(a, c)

        def find(f: int) -> int:
            while parent[f] != f:
                parent[f] = parent[parent[f]]
                f = parent[f]
            return f

        clusters: dict[int, list[int]] = {}
        for f in ids:
            clusters.setdefault(find(f), []).append(f)
        self._relabel(list(clusters.values()))

    def _relabel(self, clusters: list[list[int]]) -> None:
        """New stories from clusters of fragments, keeping an old label where most of it went."""
        taken: set[int] = set()
        stories: dict[int, Group] = {}
        story_fragments: dict[int, set[int]] = {}
        for members in sorted(clusters, key=lambda m: (-sum(self._fragments[f].group.count for f in m), m)):
            votes: Counter[int] = Counter()
            for f in members:
                votes[self._fragments[f].story] += self._fragments[f].group.count
            label = next((old for old, _ in votes.most_common() if old not in taken), None)
            if label is None:
                label = self._next_story
                self._next_story += 1
            taken.add(label)
            group = Group(np.zeros(self.settings.dims, np.float16))
            for f in members:
                group.absorb(self._fragments[f].group)
                self._fragments[f].story = label
            stories[label] = group
            story_fragments[label] = set(members)
        self._stories, self._story_fragments = stories, story_fragments

    # -- output and the live window

    def _retire(self) -> None:
        """Consolidate, then hand out the stories updated longest ago until a quarter of the window is
        free."""
        self.consolidate()
        keep = int(self.settings.max_live_articles * 0.75)
        live = len(self._fragment_of)
        retired: list[int] = []
        for story in sorted(self._stories, key=lambda t: self._stories[t].touched):
            if live <= keep:
                break
            retired.append(story)
            live -= self._stories[story].count
        for story in retired:
            self._close(story)
        # usearch keeps the slots of removed entries; rebuild from what is live so memory stays bounded,
        # in chunks, so that the live vectors are never all copied out at once.
        keys = np.fromiter(self._fragment_of, dtype=np.uint64, count=len(self._fragment_of))
        old, self._index = self._index, self._new_index()
        for start in range(0, len(keys), 4096):
            chunk = keys[start : start + 4096]
            self._index.add(chunk, np.asarray(old.get(chunk), dtype=np.float32))
        del old

    def _close(self, story: int) -> None:
        for f in self._story_fragments.pop(story):
            fragment = self._fragments.pop(f)
            for key in fragment.members:
                self._final.append((key, story))
                del self._fragment_of[key]
                del self._signatures[key]
        del self._stories[story]

    def drain(self) -> list[tuple[int, int]]:
        """Final ``(key, label)`` pairs of the stories retired since the last call."""
        out, self._final = self._final, []
        return out

    def finish(self) -> list[tuple[int, int]]:
        """Consolidate and close every live story; returns the final pairs not yet drained."""
        self.consolidate()
        for story in sorted(self._stories):
            self._close(story)
        self._index = self._new_index()
        return self.drain()

    def duplicate_groups(self) -> list[list[int]]:
        """Keys of near-copies, grouped (each group lies inside one story), smallest key first."""
        groups: dict[int, list[int]] = {}
        for key in list(self._duplicate_of):
            groups.setdefault(self._root(key), []).append(key)
        return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])

    @property
    def live_articles(self) -> int:
        return len(self._fragment_of)


def cluster_articles(
    articles: Sequence[Article],
    *,
    settings: ClusterSettings | None = None,
    encoder: Any | None = None,
) -> tuple[list[list[int]], list[list[int]]]:
    """Group articles (in the order given) into stories; returns (stories, near-copy groups) as lists of
    indices into ``articles``, each story in arrival order and the stories in order of their first article.

    ``encoder`` is a sentence-transformers model (``nlp.load_encoder()``); without it, and with a
    positive ``embedding_weight``, the encoder is loaded.
    """
    settings = settings or ClusterSettings()
    if settings.embedding_weight > 0 and encoder is None:
        from ..nlp import load_encoder

        encoder = load_encoder()
    embeddings = (
        embed_leads(articles, encoder, settings.lead_words) if settings.embedding_weight > 0 else None
    )
    sketches = [sketch(a, None if embeddings is None else embeddings[i]) for i, a in enumerate(articles)]
    return cluster_sketches(sketches, settings=settings)


def cluster_sketches(
    sketches: Sequence[Sketch], *, settings: ClusterSettings | None = None
) -> tuple[list[list[int]], list[list[int]]]:
    """``cluster_articles`` from precomputed sketches (document frequencies over all of them first)."""
    settings = settings or ClusterSettings()
    df = DocumentFrequencies()
    for item in sketches:
        df.add(item)
    clusterer = StoryClusterer(settings)
    for key, item in enumerate(sketches):
        clusterer.add(key, vectorize(item, df, settings), item.signature, item.published)
    pairs = clusterer.drain() + clusterer.finish()
    by_story: dict[int, list[int]] = {}
    for key, label in sorted(pairs):
        by_story.setdefault(label, []).append(key)
    stories = sorted(by_story.values(), key=lambda members: members[0])
    return stories, clusterer.duplicate_groups()
