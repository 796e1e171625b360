"""The kinds of eval/alignment_census.py, on a toy score matrix (no models)."""

from __future__ import annotations

import numpy as np

from eval.alignment_census import _judge, classify_places
from sourcetrace import align


def _sim(pair: float) -> np.ndarray:
    return np.array([[1.0, pair, 0.0], [pair, 1.0, 0.0], [0.0, 0.0, 1.0]])


def test_a_claim_held_by_one_dossier_claim_is_whole() -> None:
    found = classify_places("s", "g", [[0], [1]], [], _sim(0.9), [{0, 1}, {2}])  # type: ignore[arg-type]
    assert found.kind == "whole"


def test_linked_places_split_by_the_claims_are_a_clustering_failure() -> None:
    linked = align.load_pair_model().threshold + 0.1
    found = classify_places("s", "g", [[0], [1]], [None] * 3, _sim(linked), [{0}, {1}, {2}])  # type: ignore[list-item]
    assert found.kind == "clustering"
    assert found.bottleneck is not None and found.bottleneck >= align.load_pair_model().threshold


def test_places_the_score_does_not_link_are_a_pair_score_failure() -> None:
    weak = align.load_pair_model().threshold - 0.2
    found = classify_places("s", "g", [[0], [1]], [None] * 3, _sim(weak), [{0}, {1}, {2}])  # type: ignore[list-item]
    assert found.kind == "pair score"


def test_a_place_without_a_report_and_a_claim_split_across_stories() -> None:
    assert classify_places("s", "g", [[0], []], [], _sim(0.9), [{0}]).kind == "no report"  # type: ignore[arg-type]
    first, second = ["report of place a"], ["report of place b"]
    prepared = [(first, _sim(0.9), [{0}]), (second, _sim(0.9), [{0}])]

    def each_story_holds_one_place(reports: list[str]) -> list[list[int]]:
        return [[0] if reports is first else [], [0] if reports is second else []]

    def only_the_first_place_has_a_report(reports: list[str]) -> list[list[int]]:
        return [[0] if reports is first else [], []]

    def the_first_story_holds_both(reports: list[str]) -> list[list[int]]:
        return [[0], [0]] if reports is first else [[], []]

    assert _judge("s", "g", each_story_holds_one_place, prepared).kind == "two stories"  # type: ignore[arg-type]
    assert _judge("s", "g", only_the_first_place_has_a_report, prepared).kind == "no report"  # type: ignore[arg-type]
    assert _judge("s", "g", the_first_story_holds_both, prepared).kind == "whole"  # type: ignore[arg-type]
