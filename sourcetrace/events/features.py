"""Features of a pair of event mentions, read from a MentionTable (no model needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .records import MentionTable


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-9)).astype(np.float32)


def doc_similarity(table: MentionTable, docs: Sequence[int]) -> np.ndarray:
    """Similarity of the given documents: the mean of two TF-IDF cosines, over content lemmas and over
    names and figures (IDF taken over those documents). Inside the ECB+ train topics the mix groups the
    documents of one event best (B-cubed of the groups against the gold sub-topics at the best
    threshold of each: lemmas 0.882, names 0.904, mix 0.916; on dev, never used to choose: 0.868,
    0.914, 0.916)."""
    return (
        _tfidf_cosine([table.doc_terms[d] for d in docs]) + _tfidf_cosine([table.doc_names[d] for d in docs])
    ) / 2


def _tfidf_cosine(terms: Sequence[dict[str, int]]) -> np.ndarray:
    """Cosine of log-scaled TF-IDF vectors, IDF over these documents (smoothed)."""
    vocabulary = {w: i for i, w in enumerate(sorted({w for t in terms for w in t}))}
    if not vocabulary:
        return np.eye(len(terms), dtype=np.float32)
    counts = np.zeros((len(terms), len(vocabulary)), dtype=np.float32)
    for row, t in enumerate(terms):
        for w, c in t.items():
            counts[row, vocabulary[w]] = c
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(terms)) / (1 + df)) + 1.0
    weights = (1.0 + np.log(np.maximum(counts, 1.0))) * (counts > 0) * idf
    unit = _unit(weights)
    return np.asarray(unit @ unit.T, dtype=np.float32)


def _set_overlap(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(overlap coefficient, conflict) for every pair: conflict = both known and nothing shared."""
    vocabulary = {w: i for i, w in enumerate(sorted({w for s in sets for w in s}))}
    n = len(sets)
    if not vocabulary:
        return np.zeros((n, n), np.float32), np.zeros((n, n), np.float32)
    member = np.zeros((n, len(vocabulary)), dtype=np.float32)
    for row, s in enumerate(sets):
        for w in s:
            member[row, vocabulary[w]] = 1.0
    shared = member @ member.T
    size = member.sum(axis=1)
    smaller = np.minimum(size[:, None], size[None, :])
    overlap = np.where(smaller > 0, shared / np.maximum(smaller, 1.0), 0.0)
    conflict = ((smaller > 0) & (shared == 0)).astype(np.float32)
    return overlap.astype(np.float32), conflict


FEATURE_NAMES: tuple[str, ...] = (
    "same_lemma",
    "lemma_cosine",
    "context_cosine",
    "sentence_cosine",
    "same_document",
    "same_sentence",
    "document_similarity",
    "participant_overlap",
    "participant_conflict",
    "time_overlap",
    "time_conflict",
    "amount_overlap",
    "amount_conflict",
    "argument_overlap",
    "sentence_word_overlap",
    "same_pos",
    "both_verbs",
    "both_nouns",
    "lemma_prefix",
    "lemma_x_document",
    "context_x_document",
    "tense_conflict",
    "negation_differs",
    "lemma_pair_logit",
)


@dataclass(frozen=True)
class LemmaPairs:
    """How often mentions with two given head lemmas corefered in training, as a smoothed log-odds.

    Some lemmas name one event whenever they recur in a story ("earthquake"), others rarely do ("say");
    some different lemmas often name one event ("arrest" / "detain"). ``counts[(a, b)]`` (a <= b) is
    (coreferent pairs, pairs); pairs never seen take the prior of same-lemma or different-lemma pairs.
    """

    counts: dict[tuple[str, str], tuple[int, int]]
    prior_same: float
    prior_other: float
    weight: float = 5.0  # pseudo-pairs of the prior: a few observations do not outvote it

    MIN_PAIRS: ClassVar[int] = 3  # rarer lemma pairs are not kept (nor shipped)

    def logit_matrix(self, lemmas: Sequence[str]) -> np.ndarray:
        unique = sorted(set(lemmas))
        position = {w: i for i, w in enumerate(unique)}
        index = np.asarray([position[w] for w in lemmas], dtype=int)
        rates = np.empty((len(unique), len(unique)), dtype=np.float64)
        for i, a in enumerate(unique):
            for j in range(i, len(unique)):
                b = unique[j]
                prior = self.prior_same if i == j else self.prior_other
                positive, total = self.counts.get((a, b), (0, 0))
                rates[i, j] = rates[j, i] = (positive + self.weight * prior) / (total + self.weight)
        rates = np.clip(rates, 1e-4, 1 - 1e-4)
        logits = np.log(rates / (1 - rates))
        return np.asarray(logits[np.ix_(index, index)], dtype=np.float32)

    def to_json(self) -> dict[str, Any]:
        return {
            "prior_same": self.prior_same,
            "prior_other": self.prior_other,
            "weight": self.weight,
            "pairs": [[a, b, p, t] for (a, b), (p, t) in sorted(self.counts.items())],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LemmaPairs:
        return cls(
            counts={(str(a), str(b)): (int(p), int(t)) for a, b, p, t in data["pairs"]},
            prior_same=float(data["prior_same"]),
            prior_other=float(data["prior_other"]),
            weight=float(data.get("weight", 5.0)),
        )

    @classmethod
    def from_counts(cls, counts: Counter[tuple[str, str, bool]]) -> LemmaPairs:
        """From {(lemma a, lemma b, coreferent): pairs}, a <= b."""
        pairs: dict[tuple[str, str], list[int]] = {}
        for (a, b, coreferent), n in counts.items():
            entry = pairs.setdefault((a, b), [0, 0])
            entry[0] += n if coreferent else 0
            entry[1] += n

        def prior(same: bool) -> float:
            chosen = [v for (a, b), v in pairs.items() if (a == b) == same]
            return (sum(v[0] for v in chosen) + 1) / (sum(v[1] for v in chosen) + 2)

        return cls(
            counts={k: (v[0], v[1]) for k, v in pairs.items() if v[1] >= cls.MIN_PAIRS},
            prior_same=prior(True),
            prior_other=prior(False),
        )


NO_LEMMA_PAIRS = LemmaPairs(counts={}, prior_same=0.5, prior_other=0.5)


def pair_features(table: MentionTable, lemma_pairs: LemmaPairs = NO_LEMMA_PAIRS) -> np.ndarray:
    """(n, n, len(FEATURE_NAMES)) features of every ordered pair of the table's mentions."""
    n = len(table)
    docs = sorted(set(table.doc.tolist()))
    local = {d: i for i, d in enumerate(docs)}
    doc_sim_docs = doc_similarity(table, docs)
    where = np.asarray([local[d] for d in table.doc.tolist()], dtype=int)
    doc_sim = doc_sim_docs[np.ix_(where, where)]
    lemma_ids = {w: i for i, w in enumerate(sorted(set(table.lemma)))}
    lemma = np.asarray([lemma_ids[w] for w in table.lemma], dtype=int)
    same_lemma = (lemma[:, None] == lemma[None, :]).astype(np.float32)
    prefix = np.asarray([w[:4] for w in table.lemma])
    lemma_prefix = ((prefix[:, None] == prefix[None, :]) & (same_lemma == 0)).astype(np.float32)
    same_doc = (table.doc[:, None] == table.doc[None, :]).astype(np.float32)
    same_sentence = same_doc * (table.sentence[:, None] == table.sentence[None, :])
    lemma_cos = table.lemma_vec @ table.lemma_vec.T
    context_cos = table.context_vec @ table.context_vec.T
    sentence_cos = table.sentence_vec @ table.sentence_vec.T
    participant, participant_conflict = _set_overlap(table.participants)
    time, time_conflict = _set_overlap(table.times)
    amount, amount_conflict = _set_overlap(table.amounts)
    argument, _ = _set_overlap(table.arguments)
    words_overlap, _ = _set_overlap(table.words)
    pos = np.asarray(table.pos)
    same_pos = (pos[:, None] == pos[None, :]).astype(np.float32)
    verb = pos == "VERB"
    noun = np.isin(pos, ("NOUN", "PROPN"))
    both_verbs = (verb[:, None] & verb[None, :]).astype(np.float32)
    both_nouns = (noun[:, None] & noun[None, :]).astype(np.float32)
    tense = np.asarray(table.tense)
    known = tense != ""
    tense_conflict = known[:, None] & known[None, :] & (tense[:, None] != tense[None, :])
    columns = [
        same_lemma,
        lemma_cos,
        context_cos,
        sentence_cos,
        same_doc,
        same_sentence,
        doc_sim,
        participant,
        participant_conflict,
        time,
        time_conflict,
        amount,
        amount_conflict,
        argument,
        words_overlap,
        same_pos,
        both_verbs,
        both_nouns,
        lemma_prefix,
        np.maximum(same_lemma, lemma_cos) * doc_sim,
        context_cos * doc_sim,
        tense_conflict,
        (table.negated[:, None] != table.negated[None, :]),
        lemma_pairs.logit_matrix(table.lemma),
    ]
    out = np.stack([np.asarray(c, dtype=np.float32).reshape(n, n) for c in columns], axis=-1)
    return out
