"""One new article against the stories already stored (what the store's ``add`` calls).

Requires the new article (cleaned text, title, date), the embedding of its lead, and the stored
articles of every story with their lead embeddings; gives the story it joins, or None for a new one.

Method: ``similarity``'s score, with document frequencies over the stored articles and the new one
(what the store knows at that moment). The article joins the story of an article it nearly copies;
otherwise the story whose mean similarity to it (``similarity.link``, the average link of a group of
one, time penalty included) is highest, if that reaches the threshold. Ties go to the story stored
first. An article stays where it was put: unlike a folder (``group``) or a stream (``stream``, which
consolidates), a store never regroups what it holds, so its stories depend on arrival order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import Article
from .duplicates import near_copy
from .similarity import (
    EMBEDDING_DIM,
    ClusterSettings,
    DocumentFrequencies,
    Group,
    Sketch,
    link,
    sketch,
    vectorize,
)

__all__ = ["Stored", "assign_sketch", "choose_story"]

SKETCH_CACHE = 10_000  # stored articles whose terms and signature stay in memory between adds


@dataclass(frozen=True, slots=True)
class Stored:
    """An article already in a story, as the store keeps it."""

    story: str
    article: Article
    embedding: np.ndarray  # unit lead embedding (``similarity.embed_leads``), or empty


def choose_story(
    article: Article,
    embedding: np.ndarray | None,
    stored: Sequence[Stored],
    settings: ClusterSettings | None = None,
) -> str | None:
    """The story ``article`` joins among the ``stored`` articles' stories, or None to open one."""
    settings = settings or ClusterSettings()
    members = [(s.story, _sketch(s.article, s.embedding)) for s in stored]
    return assign_sketch(_sketch(article, embedding), members, settings)


def assign_sketch(
    item: Sketch, members: Sequence[tuple[str, Sketch]], settings: ClusterSettings | None = None
) -> str | None:
    """``choose_story`` over sketches: ``members`` are (story, sketch) in the order they were stored."""
    settings = settings or ClusterSettings()
    if not members:
        return None
    df = DocumentFrequencies()
    for _, other in members:
        df.add(other)
    df.add(item)
    for story, other in members:
        if near_copy(other.signature, item.signature, settings.duplicate_jaccard):
            return story
    groups: dict[str, Group] = {}
    for story, other in members:
        group = groups.setdefault(story, Group(np.zeros(settings.dims, np.float32)))
        group.absorb(Group.of(vectorize(other, df, settings), other.published))
    article = Group.of(vectorize(item, df, settings), item.published)
    best: tuple[float, str] | None = None
    for story, group in groups.items():  # in the order first stored: ties go to the older story
        score = link(settings, article, group)
        if score >= settings.threshold and (best is None or score > best[0]):
            best = (score, story)
    return best[1] if best else None


def _sketch(article: Article, embedding: np.ndarray | None) -> Sketch:
    """The sketch of a stored or new article; its terms and signature are cached between adds (the
    store compares every add with the articles it holds, and those rarely change)."""
    base = _terms(article.title, article.text, article.published)
    vector = np.zeros(0, np.float32) if embedding is None else np.asarray(embedding, np.float32)
    if vector.size not in (0, EMBEDDING_DIM):
        raise ValueError(f"{article.source}: a lead embedding has {EMBEDDING_DIM} values, not {vector.size}")
    return Sketch(base.term_ids, base.term_weights, vector, base.signature, base.published)


@lru_cache(maxsize=SKETCH_CACHE)
def _terms(title: str | None, text: str, published: str | None) -> Sketch:
    return sketch(Article(id="", source="", text=text, title=title, published=published))
