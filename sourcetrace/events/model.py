"""The pairwise "same event" scorer, stored as plain numbers in sourcetrace/data/event_pair_model.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .features import FEATURE_NAMES, NO_LEMMA_PAIRS, LemmaPairs, pair_features
from .records import MentionTable

MODEL_RESOURCE = "event_pair_model.json"


@dataclass(frozen=True)
class PairModel:
    """A small feed-forward scorer (no hidden layer = logistic regression) stored as plain numbers."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weights (in, out), bias (out,)); ReLU between
    settings: dict[str, float] = field(default_factory=dict)
    lemma_pairs: LemmaPairs = NO_LEMMA_PAIRS

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
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
        )

    def proba(self, features: np.ndarray) -> np.ndarray:
        """Probability that the pair corefers, for features of any leading shape (..., n_features)."""
        if features.shape[-1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} features, got {features.shape[-1]}")
        x = (features - self.mean) / self.scale
        for k, (weights, bias) in enumerate(self.layers):
            x = x @ weights + bias
            if k < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        logit = np.clip(x[..., 0], -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float32)

    def pair_proba(self, table: MentionTable) -> np.ndarray:
        """(n, n) symmetric probabilities for every pair of the table's mentions."""
        if self.feature_names != FEATURE_NAMES:
            raise ValueError("the event pair model was trained on other features; rerun eval/train_ecb.py")
        prob = self.proba(pair_features(table, self.lemma_pairs))
        return np.asarray((prob + prob.T) / 2.0, dtype=np.float32)


@cache
def load_pair_model() -> PairModel:
    """The shipped weights (``sourcetrace/data/event_pair_model.json``)."""
    text = resources.files("sourcetrace").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
    return PairModel.from_json(json.loads(text))
