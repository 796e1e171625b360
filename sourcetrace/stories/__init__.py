"""Stories: which articles tell the same story, by one similarity, for three callers.

    similarity.py  the one "same story" score: TF-IDF + lead embedding, mean link, time penalty
    group.py       a folder, all articles known at once (``analyze``)
    assign.py      one new article against the stored stories (the store's ``add``)
    stream.py      a corpus streamed in, ANN index and a live window (``batch``)
    duplicates.py  near-copies (MinHash over word shingles)

Method, parameters and figures per caller: ``docs/clustering.md``.
"""

from __future__ import annotations

from .assign import Stored, assign_sketch, choose_story
from .duplicates import DUPLICATE_JACCARD, minhash_signature, near_copy, near_duplicates, shingles
from .group import average_linkage, group_articles, group_sketches, group_stories, group_vectors
from .similarity import (
    ClusterSettings,
    DocumentFrequencies,
    Group,
    Sketch,
    embed_leads,
    lead_text,
    link,
    sketch,
    term_counts,
    vectorize,
    vectorize_all,
)
from .stream import StoryClusterer, cluster_articles, cluster_sketches

__all__ = [
    "DUPLICATE_JACCARD",
    "ClusterSettings",
    "DocumentFrequencies",
    "Group",
    "Sketch",
    "Stored",
    "StoryClusterer",
    "assign_sketch",
    "average_linkage",
    "choose_story",
    "cluster_articles",
    "cluster_sketches",
    "embed_leads",
    "group_articles",
    "group_sketches",
    "group_stories",
    "group_vectors",
    "lead_text",
    "link",
    "minhash_signature",
    "near_copy",
    "near_duplicates",
    "shingles",
    "sketch",
    "term_counts",
    "vectorize",
    "vectorize_all",
]
