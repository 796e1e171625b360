"""The pairwise "same event" scorer, stored as plain numbers in sourcetrace/data/event_pair_model.json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .features import FEATURE_NAMES, NO_LEMMA_PAIRS, LemmaPairs, pair_features
from .records import MentionTable
from .singletons import SingletonModel

MODEL_RESOURCE = "event_pair_model.json"
# The MentionTable vectors a model may read about each mention (concatenated in the order given).
MENTION_VECTORS = ("context_vec", "sentence_vec", "lemma_vec")
# Rows of pairs scored at once: bounds the (rows, n, hidden) working arrays to a few tens of MB.
CHUNK_ROWS = 64


@dataclass(frozen=True)
class MentionProjection:
    """A learned linear map of each mention's vectors to a small representation ``u``.

    A pair then reads ``[u_a + u_b, u_a * u_b, |u_a - u_b|]`` beside its standardised features: symmetric
    in a and b by construction, the representation of published ECB+ pair scorers (Barhom et al. 2019,
    Cattan et al. 2021) without the fine-tuned encoder.
    """

    vectors: tuple[str, ...]  # MentionTable fields, concatenated
    weights: np.ndarray  # (sum of their widths, size)
    bias: np.ndarray  # (size,)

    @property
    def size(self) -> int:
        return int(self.weights.shape[1])

    def project(self, table: MentionTable) -> np.ndarray:
        raw = projection_inputs(table, self.vectors)
        return np.asarray(raw @ self.weights + self.bias, dtype=np.float32)


@dataclass(frozen=True)
class PairModel:
    """A small feed-forward scorer (no hidden layer = logistic regression) stored as plain numbers.

    With a ``projection``, the first layer's inputs are the standardised features followed by the pair's
    three projected-vector blocks (sum, product, absolute difference), ``3 * projection.size`` columns.
    """

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weights (in, out), bias (out,)); ReLU between
    settings: dict[str, float] = field(default_factory=dict)
    lemma_pairs: LemmaPairs = NO_LEMMA_PAIRS
    projection: MentionProjection | None = None
    singletons: SingletonModel | None = None  # read before clustering (``ClusterSettings.singleton_cut``)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        projection = data.get("projection")
        return cls(
            feature_names=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float32),
            scale=np.asarray(data["scale"], dtype=np.float32),
            layers=tuple(
                (np.asarray(layer["weights"], dtype=np.float32), np.asarray(layer["bias"], dtype=np.float32))
                for layer in data["layers"]
            ),
            settings={k: float(v) for k, v in data.get("settings", {}).items()},
            lemma_pairs=LemmaPairs.from_json(data["lemma_pairs"])
            if "lemma_pairs" in data
            else NO_LEMMA_PAIRS,
            projection=MentionProjection(
                vectors=tuple(projection["vectors"]),
                weights=np.asarray(projection["weights"], dtype=np.float32),
                bias=np.asarray(projection["bias"], dtype=np.float32),
            )
            if projection
            else None,
            singletons=SingletonModel.from_json(data["singletons"]) if data.get("singletons") else None,
        )

    def proba(self, features: np.ndarray, projected: np.ndarray | None = None) -> np.ndarray:
        """Probability that the pair corefers.

        Without a projection: features of any leading shape (..., n_features). With one: ``features``
        is (n, n, n_features) for every ordered pair of n mentions and ``projected`` their (n, size)
        projected vectors (``MentionProjection.project``).
        """
        if features.shape[-1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} features, got {features.shape[-1]}")
        if self.projection is None:
            return self._forward((features - self.mean) / self.scale)
        if (
            projected is None
            or features.ndim != 3
            or projected.shape != (features.shape[0], self.projection.size)
        ):
            raise ValueError(
                "a model with a mention projection needs (n, n, F) features and (n, size) vectors"
            )
        return self._pairs(features, projected)

    def _forward(self, x: np.ndarray, first: np.ndarray | None = None) -> np.ndarray:
        """The layers from the standardised features, or from the first layer's output when given."""
        start = 0
        if first is not None:
            x, start = first, 1
            if len(self.layers) > 1:
                x = np.maximum(x, 0.0)
        for k in range(start, len(self.layers)):
            weights, bias = self.layers[k]
            x = x @ weights + bias
            if k < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        logit = np.clip(x[..., 0], -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float32)

    def _pairs(self, features: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Every pair's probability, the first layer factored so that no (n, n, 3 * size) input is built:
        the sum block is a per-mention product broadcast over pairs; product and difference blocks are
        computed a chunk of rows at a time."""
        n, size = u.shape
        weights, bias = self.layers[0]
        f = len(self.feature_names)
        w_feat, w_sum, w_prod, w_diff = (
            weights[:f],
            weights[f : f + size],
            weights[f + size : f + 2 * size],
            weights[f + 2 * size :],
        )
        summed = u @ w_sum
        out = np.empty((n, n), dtype=np.float32)
        for lo in range(0, n, CHUNK_ROWS):
            hi = min(n, lo + CHUNK_ROWS)
            z = (features[lo:hi] - self.mean) / self.scale
            first = z @ w_feat + bias + summed[lo:hi, None, :] + summed[None, :, :]
            first += (u[lo:hi, None, :] * u[None, :, :]) @ w_prod
            first += np.abs(u[lo:hi, None, :] - u[None, :, :]) @ w_diff
            out[lo:hi] = self._forward(z, first)
        return out

    def pair_proba(self, table: MentionTable) -> np.ndarray:
        """(n, n) symmetric probabilities for every pair of the table's mentions."""
        if self.feature_names != FEATURE_NAMES:
            raise ValueError("the event pair model was trained on other features; rerun eval/train_ecb.py")
        features = pair_features(table, self.lemma_pairs)
        projected = self.projection.project(table) if self.projection is not None else None
        prob = self.proba(features, projected)
        return np.asarray((prob + prob.T) / 2.0, dtype=np.float32)


def projection_inputs(table: MentionTable, vectors: Sequence[str]) -> np.ndarray:
    """The raw per-mention inputs of a projection: the named table vectors, concatenated."""
    unknown = set(vectors) - set(MENTION_VECTORS)
    if unknown:
        raise ValueError(f"unknown mention vectors {sorted(unknown)}; known: {MENTION_VECTORS}")
    return np.concatenate([np.asarray(getattr(table, name), dtype=np.float32) for name in vectors], axis=1)


@cache
def load_pair_model() -> PairModel:
    """The shipped weights (``sourcetrace/data/event_pair_model.json``)."""
    text = resources.files("sourcetrace").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
    return PairModel.from_json(json.loads(text))
