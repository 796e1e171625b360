"""Constrained clustering of event mentions: documents grouped first, clique-like clusters inside."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .describe import describe_mentions
from .features import doc_similarity
from .model import PairModel, load_pair_model
from .records import EventDocument, EventMention, MentionTable
from .singletons import keep_apart


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds of the two clustering steps (tuned by ``eval/train_ecb.py`` on train folds)."""

    document_threshold: float = 0.2  # average-link TF-IDF cosine that joins two document groups
    threshold: float = 0.5  # average pair probability that merges two clusters inside a document group
    floor: float = 0.05  # cannot-link: no pair between two merging clusters may score below this
    cross_threshold: float = 0.8  # average pair probability that merges clusters across document groups
    singleton_cut: float = 1.01  # a mention more likely alone than this stays a singleton (above 1: off)

    @classmethod
    def from_model(cls, model: PairModel) -> ClusterSettings:
        known = {k: v for k, v in model.settings.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def agglomerate(
    prob: np.ndarray,
    threshold: float,
    *,
    floor: float = 0.0,
    start: Sequence[int] | None = None,
    blocks: Sequence[int] | None = None,
) -> list[int]:
    """Average-link clustering with a cannot-link floor; returns a cluster label per item.

    Two clusters merge when their mean pair score is at least ``threshold`` and their lowest pair score
    is at least ``floor``, best pair first. ``start`` gives initial clusters (default: singletons);
    ``blocks`` forbids merges between items of different blocks.
    """
    n = prob.shape[0]
    if n == 0:
        return []
    names = sorted(set(range(n) if start is None else start))
    index = {c: k for k, c in enumerate(names)}
    cluster = np.asarray([index[c] for c in (range(n) if start is None else start)], dtype=int)
    k = len(names)
    p = np.asarray(prob, dtype=np.float64)
    # total[a, b]: the sum of pair scores between clusters a and b; lowest[a, b]: their weakest pair
    # (the cannot-link test). Rows sorted by cluster let reduceat sum and minimise per cluster block.
    order = np.argsort(cluster, kind="stable")
    starts = np.searchsorted(cluster[order], np.arange(k))
    sorted_p = p[np.ix_(order, order)]
    total = np.add.reduceat(np.add.reduceat(sorted_p, starts, axis=0), starts, axis=1)
    lowest = np.minimum.reduceat(np.minimum.reduceat(sorted_p, starts, axis=0), starts, axis=1)
    size = np.bincount(cluster, minlength=k).astype(np.float64)
    allowed = np.ones((k, k), dtype=bool)
    if blocks is not None:
        block = np.asarray(blocks)
        cluster_block = np.full(k, -1)
        for c in range(k):
            own = np.unique(block[cluster == c])
            cluster_block[c] = own[0] if len(own) == 1 else -1
        allowed = (cluster_block[:, None] == cluster_block[None, :]) & (cluster_block[:, None] >= 0)
    np.fill_diagonal(allowed, False)
    # score[a, b]: the mean pair score where a merge is allowed, -inf elsewhere; updated in place after
    # each merge (one row and one column change), so a merge costs O(k) plus the argmax.
    mean = total / np.maximum(np.outer(size, size), 1.0)
    score = np.where(allowed & (lowest >= floor), mean, -np.inf)
    merged_into = np.arange(k)
    # the best partner of each row, kept up to date so that a merge never scans the whole matrix
    row_best = score.max(axis=1)
    row_arg = score.argmax(axis=1)
    while True:
        a = int(np.argmax(row_best))
        b = int(row_arg[a])
        if not np.isfinite(row_best[a]) or row_best[a] < threshold:
            break
        a, b = min(a, b), max(a, b)
        # merge b into a
        merged_into[merged_into == b] = a
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        size[a] += size[b]
        lowest[a, :] = np.minimum(lowest[a, :], lowest[b, :])
        lowest[:, a] = lowest[a, :]
        allowed[a, :] &= allowed[b, :]
        allowed[:, a] = allowed[a, :]
        allowed[a, a] = False
        size[b] = 0.0
        row = np.where(
            allowed[a] & (lowest[a] >= floor) & (size > 0),
            total[a] / np.maximum(size[a] * size, 1.0),
            -np.inf,
        )
        score[a, :] = row
        score[:, a] = row
        score[b, :] = -np.inf
        score[:, b] = -np.inf
        stale = (row_arg == a) | (row_arg == b)
        stale[a] = True
        row_best[stale] = score[stale].max(axis=1)
        row_arg[stale] = score[stale].argmax(axis=1)
        better = score[:, a] > row_best
        row_best[better] = score[better, a]
        row_arg[better] = a
        row_best[b] = -np.inf
    return [int(c) for c in merged_into[cluster]]


def group_documents(similarity: np.ndarray, threshold: float) -> list[int]:
    """Average-link groups of documents (no floor: a long article may share little with a short one)."""
    return agglomerate(similarity, threshold)


def cluster_scores(
    prob: np.ndarray, doc_of_row: Sequence[int], doc_sim: np.ndarray, settings: ClusterSettings
) -> list[int]:
    """Cluster rows from their pair probabilities; ``doc_of_row`` indexes ``doc_sim`` (documents x documents).

    Documents are grouped first; mentions cluster inside each group, then across groups only where the
    average probability passes ``settings.cross_threshold``. Returns labels 0..k-1 in order of appearance.
    """
    if prob.shape[0] == 0:
        return []
    groups = group_documents(doc_sim, settings.document_threshold)
    blocks = [groups[d] for d in doc_of_row]
    inside = agglomerate(prob, settings.threshold, floor=settings.floor, blocks=blocks)
    across = agglomerate(prob, settings.cross_threshold, floor=settings.floor, start=inside)
    relabel: dict[int, int] = {}
    return [relabel.setdefault(c, len(relabel)) for c in across]


def cluster_table(
    table: MentionTable, model: PairModel, settings: ClusterSettings | None = None
) -> list[int]:
    """Cluster all the table's mentions together; returns a label per row (0..k-1)."""
    if len(table) == 0:
        return []
    docs = sorted(set(table.doc.tolist()))
    local = {d: i for i, d in enumerate(docs)}
    settings = settings or ClusterSettings.from_model(model)
    prob = model.pair_proba(table)
    if model.singletons is not None:
        prob = keep_apart(prob, model.singletons.proba(table, prob), settings.singleton_cut)
    return cluster_scores(prob, [local[d] for d in table.doc.tolist()], doc_similarity(table, docs), settings)


def cluster_events(
    documents: Sequence[EventDocument],
    mentions: Sequence[EventMention],
    *,
    model: PairModel | None = None,
    settings: ClusterSettings | None = None,
) -> dict[str, str]:
    """{mention id: cluster id} for event mentions across the documents ("e0", "e1", ... in order of first
    appearance). Mentions in one cluster describe one event."""
    if not mentions:
        return {}
    table = describe_mentions(documents, mentions)
    labels = cluster_table(table, model or load_pair_model(), settings)
    return {mid: f"e{label}" for mid, label in zip(table.ids, labels, strict=True)}
