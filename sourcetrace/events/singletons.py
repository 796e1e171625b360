"""Which event mentions corefer with nothing: a mention-level scorer read before clustering.

In ECB+ most gold clusters are singletons (1,116 of 1,527 in train), and on the train folds knowing
them exactly would lift CoNLL F1 from 0.78 to 0.86: average link keeps joining a lone mention to the
cluster it resembles most. Whether a mention stands alone shows partly in the mention itself (its head
lemma's record, where it sits in the article) and partly in its best pair score, which the clustering
reads only as part of an average. Mentions this scorer finds likely alone stay singletons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .records import MentionTable

SINGLETON_FEATURES: tuple[str, ...] = (
    "lemma_singleton_logit",
    "sentence_position",
    "first_sentence",
    "verb",
    "noun",
    "future",
    "past",
    "negated",
    "best_pair",
    "best_pair_other_document",
)


@dataclass(frozen=True)
class LemmaSingles:
    """How often mentions headed by a lemma corefered with nothing in training, as a smoothed log-odds.

    ``counts[lemma]`` = (mentions in no chain, mentions); lemmas seen fewer than MIN_MENTIONS times
    are not kept (nor shipped) and take the prior.
    """

    counts: dict[str, tuple[int, int]]
    prior: float
    weight: float = 3.0  # pseudo-mentions of the prior

    MIN_MENTIONS: ClassVar[int] = 3

    def logits(self, lemmas: Sequence[str]) -> np.ndarray:
        rates = []
        for lemma in lemmas:
            alone, total = self.counts.get(lemma, (0, 0))
            rates.append((alone + self.weight * self.prior) / (total + self.weight))
        clipped = np.clip(np.asarray(rates, dtype=np.float64), 1e-4, 1 - 1e-4)
        return np.asarray(np.log(clipped / (1 - clipped)), dtype=np.float32)

    @classmethod
    def from_counts(cls, counts: Counter[tuple[str, bool]]) -> LemmaSingles:
        """From {(lemma, in no chain): mentions}."""
        table: dict[str, list[int]] = {}
        for (lemma, alone), n in counts.items():
            entry = table.setdefault(lemma, [0, 0])
            entry[0] += n if alone else 0
            entry[1] += n
        alone_total = sum(v[0] for v in table.values())
        return cls(
            counts={k: (v[0], v[1]) for k, v in table.items() if v[1] >= cls.MIN_MENTIONS},
            prior=(alone_total + 1) / (sum(v[1] for v in table.values()) + 2),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "prior": self.prior,
            "weight": self.weight,
            "lemmas": [[w, a, t] for w, (a, t) in sorted(self.counts.items())],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LemmaSingles:
        return cls(
            counts={str(w): (int(a), int(t)) for w, a, t in data["lemmas"]},
            prior=float(data["prior"]),
            weight=float(data.get("weight", 3.0)),
        )


def singleton_features(table: MentionTable, prob: np.ndarray, singles: LemmaSingles) -> np.ndarray:
    """(n, len(SINGLETON_FEATURES)) features of each mention; ``prob`` its (n, n) pair probabilities."""
    best = np.asarray(prob, dtype=np.float32).copy()
    np.fill_diagonal(best, 0.0)
    same_doc = table.doc[:, None] == table.doc[None, :]
    pos = np.asarray(table.pos)
    tense = np.asarray(table.tense)
    n = len(table)
    columns = [
        singles.logits(table.lemma),
        np.log1p(table.sentence.astype(np.float32)),
        table.sentence <= 1,  # the title or the lead, where an article tells its main event
        pos == "VERB",
        np.isin(pos, ("NOUN", "PROPN")),
        tense == "future",
        tense == "past",
        table.negated,
        best.max(axis=1) if n > 1 else np.zeros(n),
        np.where(same_doc, 0.0, best).max(axis=1) if n > 1 else np.zeros(n),
    ]
    return np.stack([np.asarray(c, dtype=np.float32) for c in columns], axis=1)


@dataclass(frozen=True)
class SingletonModel:
    """A logistic model over SINGLETON_FEATURES, stored as plain numbers."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (len(SINGLETON_FEATURES),)
    bias: float
    singles: LemmaSingles

    def proba(self, table: MentionTable, prob: np.ndarray) -> np.ndarray:
        """Per mention, the probability that it corefers with none of the others."""
        z = (singleton_features(table, prob, self.singles) - self.mean) / self.scale
        logit = np.clip(z @ self.weights + self.bias, -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float32)

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(SINGLETON_FEATURES),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "bias": round(float(self.bias), 6),
            "lemmas": self.singles.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SingletonModel:
        if tuple(data["features"]) != SINGLETON_FEATURES:
            raise ValueError("the singleton model was trained on other features; rerun eval/train_ecb.py")
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float32),
            scale=np.asarray(data["scale"], dtype=np.float32),
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=float(data["bias"]),
            singles=LemmaSingles.from_json(data["lemmas"]),
        )


def keep_apart(prob: np.ndarray, alone: np.ndarray, cut: float) -> np.ndarray:
    """The pair probabilities with every mention whose singleton probability exceeds ``cut`` set apart
    (its pairs scored 0, so neither link nor floor lets it join a cluster)."""
    if cut >= 1.0:
        return prob
    out = np.array(prob, dtype=np.float32, copy=True)
    apart = alone > cut
    diagonal = np.diag(out).copy()
    out[apart, :] = 0.0
    out[:, apart] = 0.0
    np.fill_diagonal(out, diagonal)
    return out
