"""Pairwise "same proposition" score and the cannot-link rules.

The interface is one callable, ``PairScorer``: two propositions and their content vectors in, a
probability-like score in [0, 1] out. The default is a logistic model over a few features (fitted by
``python eval/fit_alignment.py`` on the seeds and the example corpus, weights in
``data/align_model.json``); a learned event-coreference score can be plugged in instead, or mixed in
with ``Blend``.

Cannot-links are separate from the score: a pair that states incompatible events is never one claim,
whatever any scorer says. Differing values of one argument (3 dead vs none, Bingo vs an army-owned
company) are no cannot-link: they make one claim with a typed conflict (see verdicts).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from ..model import Quantity
from .propositions import Proposition, idf, named_by

FEATURES: tuple[str, ...] = (
    "cosine",  # MiniLM cosine of the two contents
    "terms",  # shared content words, weighted by rarity in the story
    "entities",  # shared entities, weighted by rarity in the story
    "same_event",  # the main events are of one class
    "other_event",  # both main events known and of different classes, neither named by the other
    "same_agent",  # the same subject (an entity id, else a head lemma)
    "same_patient",  # the same object head
    "same_quantity",  # a quantity of one unit whose intervals overlap ("100" and "a hundred")
    "same_date",  # a resolved date in common
    "same_article",  # two sentences of one article rarely restate one proposition
)


class PairScorer(Protocol):
    """How likely two propositions are one claim: a score in [0, 1]."""

    def __call__(self, a: Proposition, b: Proposition, va: np.ndarray, vb: np.ndarray) -> float: ...


def _overlap(a: frozenset[str], b: frozenset[str], weight: Mapping[str, float]) -> float:
    union = a | b
    if not union:
        return 0.0
    return sum(weight.get(w, 1.0) for w in a & b) / max(1e-9, sum(weight.get(w, 1.0) for w in union))


def _same_quantity(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    return any(
        qa.unit is not None
        and qa.unit == qb.unit
        and qa.per == qb.per
        and qa.low <= qb.high
        and qb.low <= qa.high
        for qa in a
        for qb in b
    )


def features(
    a: Proposition, b: Proposition, va: np.ndarray, vb: np.ndarray, weights: Mapping[str, float]
) -> list[float]:
    """The feature vector of a pair, in the order of ``FEATURES``; ``weights`` are the story's idf."""
    same_event = a.event is not None and a.event == b.event
    other_event = (
        a.event is not None
        and b.event is not None
        and not same_event
        and a.event not in b.events
        and b.event not in a.events
    )  # fmt: skip  (softer than the cannot-link: any mention of the other event counts here)
    return [
        float(va @ vb),
        _overlap(a.terms, b.terms, weights),
        _overlap(a.entities, b.entities, weights),
        float(same_event),
        float(other_event),
        float(a.agent is not None and a.agent == b.agent),
        float(a.patient is not None and a.patient == b.patient),
        float(_same_quantity(a.quantities, b.quantities)),
        float(bool(a.dates & b.dates)),
        float(a.report.article == b.report.article),
    ]


@dataclass(frozen=True)
class LogisticModel:
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float  # average score at which two groups merge
    floor: float  # every pair inside a claim scores at least this: no chains

    def probability(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coefficients, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def default_model() -> LogisticModel:
    data = json.loads(resources.files("sourcetrace").joinpath("data/align_model.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(
            "data/align_model.json was fitted on other features: run python eval/fit_alignment.py"
        )
    return LogisticModel(tuple(data["coefficients"]), data["intercept"], data["threshold"], data["floor"])


class LearnedPairScore:
    """The default scorer: the logistic model over ``features``, with one story's idf weights."""

    def __init__(self, props: Sequence[Proposition], model: LogisticModel | None = None) -> None:
        self.model = model or default_model()
        self.weights = idf([p.terms | p.entities for p in props])

    def __call__(self, a: Proposition, b: Proposition, va: np.ndarray, vb: np.ndarray) -> float:
        return self.model.probability(features(a, b, va, vb, self.weights))


@dataclass(frozen=True)
class Blend:
    """A weighted mean of two scorers: how a learned event-coreference score joins the default one."""

    first: PairScorer
    second: PairScorer
    weight: float = 0.5  # of the second

    def __call__(self, a: Proposition, b: Proposition, va: np.ndarray, vb: np.ndarray) -> float:
        return (1 - self.weight) * self.first(a, b, va, vb) + self.weight * self.second(a, b, va, vb)


def _other_people(a: Proposition, b: Proposition) -> bool:
    # People other than the agent: "Wang Yi met Lavrov" and "Wang Yi met Putin" are two meetings. A
    # different agent is an actor conflict inside one claim, not two claims.
    pa, pb = a.persons - {a.agent or ""}, b.persons - {b.agent or ""}
    return bool(pa and pb and not pa & pb)


def _rate_and_total(a: Proposition, b: Proposition) -> bool:
    # "100 drones by April" is not "100 drones a month".
    if not (a.quantities and b.quantities):
        return False
    rate_a, rate_b = any(q.per for q in a.quantities), any(q.per for q in b.quantities)
    return rate_a != rate_b


def _incompatible_events(a: Proposition, b: Proposition) -> bool:
    # Different events done to different things: "abstained from the vote" vs "approved a resolution".
    if a.event is None or b.event is None or a.event == b.event:
        return False
    if named_by(a.event, b) or named_by(b.event, a):
        return False
    return a.patient is not None and b.patient is not None and a.patient != b.patient


def _one_sentence(a: Proposition, b: Proposition) -> bool:
    # Several reports of one sentence are several propositions by construction.
    ra, rb = a.report, b.report
    return ra.article == rb.article and ra.sentence.start == rb.sentence.start


CANNOT_LINK: tuple[tuple[str, Callable[[Proposition, Proposition], bool]], ...] = (
    ("different people besides the agent", _other_people),
    ("a rate and a total", _rate_and_total),
    ("different events on different things", _incompatible_events),
    ("two propositions of one sentence", _one_sentence),
)


def cannot_link(a: Proposition, b: Proposition) -> str | None:
    """Why two propositions can never be one claim, or None."""
    return next((reason for reason, test in CANNOT_LINK if test(a, b)), None)
