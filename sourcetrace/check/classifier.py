"""The stance classifier: the shipped weights (``data/stance_model.json``) evaluated by our own code.

Related or not: gradient-boosted trees over ``features.FEATURE_NAMES``. Which stance: the mean of four
models (trees over the features; logistic regressions over the body's words, over its mean sentence
vector and over the cue features), with the rare ``disagree`` weighted up. ``eval/train_stance.py`` fits
them on the FNC-1 development share; nothing but numbers ships. The word lists the features count are
shipped beside the weights (``data/stance_vocabulary.json``), since the weights were fitted on them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np

from .features import FEATURE_NAMES, IdfTable, TextAnalysis

StanceLabel = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss")
MODEL_FILE = "stance_model.json"


class Trees:
    """Gradient-boosted regression trees, one score per class, from their JSON arrays."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.learning_rate = float(data["learning_rate"])
        self.baseline = np.asarray(data["baseline"], dtype=np.float64)
        # trees[k][c]: the tree of boosting round k for class column c.
        self.trees = [
            [
                (
                    np.asarray(t["feature"], dtype=np.int64),
                    np.asarray(t["threshold"], dtype=np.float64),
                    np.asarray(t["left"], dtype=np.int64),
                    np.asarray(t["right"], dtype=np.int64),
                    np.asarray(t["value"], dtype=np.float64),
                )
                for t in round_
            ]
            for round_ in data["trees"]
        ]

    def raw(self, x: np.ndarray) -> np.ndarray:
        x = x.astype(np.float32).astype(np.float64)  # scikit-learn's trees compare in float32
        out = np.tile(self.baseline, (x.shape[0], 1))
        for round_ in self.trees:
            for c, (feature, threshold, left, right, value) in enumerate(round_):
                node = np.zeros(x.shape[0], dtype=np.int64)
                active = left[node] >= 0
                while active.any():
                    idx = np.nonzero(active)[0]
                    n = node[idx]
                    go_left = x[idx, feature[n]] <= threshold[n]
                    node[idx] = np.where(go_left, left[n], right[n])
                    active = left[node] >= 0
                out[:, c] += self.learning_rate * value[node]
        return out

    def proba(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw(x)
        if raw.shape[1] == 1:  # binary: one score, the log-odds of the second class
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        return _softmax(raw)


class Logistic:
    """Multinomial logistic regression: softmax(x @ coef.T + intercept)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.coef = np.asarray(data["coef"], dtype=np.float64)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return _softmax(x @ self.coef.T + self.intercept)


class BodyWords:
    """Logistic regression over a body's words: sublinear TF-IDF of hashed buckets, L2-normalised.

    Only buckets seen in at least three training bodies have a weight; the rest are left out, in
    training as here.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.idf: dict[int, float] = {
            int(b): float(v) for b, v in zip(data["buckets"], data["idf"], strict=True)
        }
        self.column = {int(b): i for i, b in enumerate(data["buckets"])}
        self.logistic = Logistic(data)

    def vector(self, bow: dict[int, int]) -> np.ndarray:
        v = np.zeros(len(self.column))
        for bucket, count in bow.items():
            i = self.column.get(bucket)
            if i is not None:
                v[i] = (1.0 + math.log(count)) * self.idf[bucket]
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else v

    def proba(self, bodies: Sequence[TextAnalysis]) -> np.ndarray:
        return self.logistic.proba(np.stack([self.vector(b.bow) for b in bodies]))


class CueLogistic:
    """Logistic regression over a few standardised cue features: linear, so a body full of refutation
    keeps pushing towards ``disagree`` where the trees, having seen few such bodies, would not."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.columns = [FEATURE_NAMES.index(name) for name in data["features"]]
        self.mean = np.asarray(data["mean"], dtype=np.float64)
        self.scale = np.asarray(data["scale"], dtype=np.float64)
        self.clip = float(data["clip"])
        self.logistic = Logistic(data)

    def proba(self, x: np.ndarray) -> np.ndarray:
        # Standard scores are clipped, in training as here: a body far outside what training saw must not
        # be extrapolated along correlated cues with opposite weights.
        z = np.clip((x[:, self.columns] - self.mean) / self.scale, -self.clip, self.clip)
        return self.logistic.proba(z)


# The cue features of ``CueLogistic``: refutation, hedging, attribution, and how related the body is.
CUE_FEATURES: tuple[str, ...] = (
    "claim_debunk", "top_debunk", "lead_debunk", "body_debunk", "debunk_mismatch", "claim_debunk_body_silent",
    "top_denies", "body_denies", "top_hedge", "body_hedge", "lead_hedge", "claim_hedge", "top_refute",
    "body_refute", "best_refute", "best_hedge", "top_hedges", "top_own_voice", "body_attributed",
    "top_support", "body_support", "cos_max", "cover_body",
    "own_debunk_plain_claim", "own_debunk_debunk_claim",
)


def body_vector(body: TextAnalysis) -> np.ndarray:
    """The mean of a body's sentence vectors (zeros for an empty body)."""
    if len(body.sentences) == 0:
        return np.zeros(body.vectors.shape[1] if body.vectors.ndim == 2 else 384)
    return body.vectors.mean(axis=0).astype(np.float64)  # type: ignore[no-any-return]


def _softmax(raw: np.ndarray) -> np.ndarray:
    raw = raw - raw.max(axis=1, keepdims=True)
    e = np.exp(raw)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


class StanceModel:
    """Related or not: trees over ``FEATURE_NAMES``. Which stance: the mean of four models (trees over
    the features; logistic regressions over the body's words, over its mean sentence vector and over the
    cue features), with the rare ``disagree`` weighted up; plus the IDF table the features need."""

    def __init__(self, data: dict[str, Any]) -> None:
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError("stance model was trained on other features; retrain with eval/train_stance.py")
        self.idf = IdfTable.from_json(data["idf"])
        self.related = Trees(data["related"])
        self.stance_trees = Trees(data["stance_trees"])
        self.stance_words = BodyWords(data["stance_words"])
        self.stance_vector = Logistic(data["stance_vector"])
        self.stance_cues = CueLogistic(data["stance_cues"])
        weights = data["class_weights"]
        self.weights = np.asarray([weights[label] for label in RELATED_LABELS], dtype=np.float64)
        self.info: dict[str, Any] = data.get("info", {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StanceModel:
        return cls(data)

    def proba(self, x: np.ndarray, bodies: Sequence[TextAnalysis]) -> np.ndarray:
        """Probabilities of ``LABELS`` (agree, disagree, discuss, unrelated), one row per pair.

        ``x`` holds the pairs' feature rows, ``bodies`` their article bodies, in the same order.
        """
        if len(bodies) != x.shape[0]:
            raise ValueError(f"{x.shape[0]} feature rows but {len(bodies)} bodies")
        if x.shape[0] == 0:
            return np.zeros((0, 4))
        p_related = self.related.proba(x)[:, 1]
        p_stance = (
            self.stance_trees.proba(x)
            + self.stance_words.proba(bodies)
            + self.stance_vector.proba(np.stack([body_vector(b) for b in bodies]))
            + self.stance_cues.proba(x)
        ) / 4.0
        p_stance = p_stance * self.weights
        p_stance /= p_stance.sum(axis=1, keepdims=True)
        out = np.empty((x.shape[0], 4))
        out[:, :3] = p_related[:, None] * p_stance
        out[:, 3] = 1.0 - p_related
        return out


def decide(proba: np.ndarray) -> list[StanceLabel]:
    """The label with the best expected FNC score for each row of ``proba``.

    Saying "related" earns 0.25 when right and 0.75 more when the stance is right too; saying
    "unrelated" earns 0.25 when right. So a pair is called related when
    p(related) * 0.25 + p(best stance) * 0.75 > p(unrelated) * 0.25.
    """
    out: list[StanceLabel] = []
    for row in proba:
        best = int(np.argmax(row[:3]))
        related_gain = 0.25 * float(row[:3].sum()) + 0.75 * float(row[best])
        out.append(RELATED_LABELS[best] if related_gain > 0.25 * float(row[3]) else "unrelated")
    return out


@cache
def load_stance_model() -> StanceModel:
    """The shipped model (``sourcetrace/data/stance_model.json``), loaded once."""
    text = resources.files("sourcetrace").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return StanceModel.from_json(json.loads(text))
