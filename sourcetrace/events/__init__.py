"""Cross-document event coreference: which event mentions, in several articles, describe one event.

The claims layer will call this on its own records: plain data in (documents with their text, event
mentions as character spans), one cluster id per mention out. spaCy and MiniLM objects live only
inside :func:`describe_mentions`; everything after it works on a :class:`MentionTable` of plain
arrays, which can be cached and re-clustered with other settings without parsing again.

Method (trained and measured on ECB+, see ``docs/models.md`` and ``eval/ecb.py``):

1. Describe each mention: the lemma and part of speech of its syntactic head, MiniLM vectors of the
   head lemma alone, of the mention in its sentence (token vectors pooled over the mention) and of the
   sentence, and its arguments: entities, times and numbers in the sentence, the head's dependents.
2. Group the documents by TF-IDF similarity (average link). Documents about one event share names,
   places and dates; two events of the same kind (two rehab stays, two earthquakes) mostly do not.
3. Score every pair of mentions with a small pairwise model whose weights are plain JSON
   (``data/event_pair_model.json``, reproduced by ``eval/train_ecb.py``).
4. Cluster inside each document group with average link *and* a cannot-link floor: two clusters merge
   only when their average pair score passes the threshold and no pair between them is below the
   floor. A cluster therefore stays clique-like; a chain A~B, B~C with A!~C never becomes one cluster.
5. Merge across document groups only for very confident cluster pairs (a higher threshold).

Before steps 4-5, a mention-level scorer (``singletons.py``) may set apart the mentions most likely to
corefer with nothing; ``ClusterSettings.singleton_cut`` says how likely (above 1: never).
"""

from __future__ import annotations

from .cluster import (
    ClusterSettings,
    agglomerate,
    cluster_events,
    cluster_scores,
    cluster_table,
    group_documents,
)
from .describe import describe_mentions
from .features import FEATURE_NAMES, LemmaPairs, doc_similarity, pair_features
from .model import PairModel, load_pair_model
from .records import EventDocument, EventMention, MentionTable
from .singletons import SINGLETON_FEATURES, LemmaSingles, SingletonModel, keep_apart, singleton_features

__all__ = [
    "FEATURE_NAMES",
    "SINGLETON_FEATURES",
    "ClusterSettings",
    "EventDocument",
    "EventMention",
    "LemmaPairs",
    "LemmaSingles",
    "MentionTable",
    "PairModel",
    "SingletonModel",
    "agglomerate",
    "cluster_events",
    "cluster_scores",
    "cluster_table",
    "describe_mentions",
    "doc_similarity",
    "group_documents",
    "keep_apart",
    "load_pair_model",
    "pair_features",
    "singleton_features",
]
