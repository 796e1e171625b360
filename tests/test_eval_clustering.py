"""Accuracy gate for story grouping (sourcetrace/stories/) on the FNC-1 dev share, per caller of the
one similarity.

The fixed configuration (the defaults in ``ClusterSettings``; the threshold was chosen by
cross-validation over folds of stories, ``python eval/clustering.py --cv``) over the 596 labelled dev
bodies must keep its B-cubed and pairwise F1 above the floors in eval/floors.json ("clustering"):
measured values rounded down, which only ever go up. ``bcubed_f1`` / ``pairwise_f1`` gate ``batch``
(streamed, two shuffled arrival orders, the worst one); ``analyze_*`` the grouping of a folder (all
bodies at once), which must also be at least as good as ``batch``; ``add_*`` the store's one-by-one
assignment (two orders, the worst one). The bodies are read in place from ../shared/eval/fnc1, never
copied.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
scorer = importlib.import_module("eval.clustering")

FNC = ROOT.parent / "shared" / "eval" / "fnc1"
FLOORS = ROOT / "eval" / "floors.json"


def _floors() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["clustering"]  # type: ignore[no-any-return]


def test_bcubed_and_pairwise_arithmetic() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2"}
    b = scorer.bcubed(predicted, gold)
    # Precision per item: a 1, b 1, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1.
    assert b["precision"] == pytest.approx(3 / 4)
    assert b["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    p = scorer.pairwise(predicted, gold)
    # Predicted pairs: ab, cd; gold pairs: ab, ac, bc. One right.
    assert p["precision"] == pytest.approx(1 / 2) and p["recall"] == pytest.approx(1 / 3)
    assert scorer.bcubed(gold, gold)["f1"] == 1.0 and scorer.pairwise(gold, gold)["f1"] == 1.0


def test_folds_never_split_a_story() -> None:
    gold = {str(i): f"s{i % 7}" for i in range(60)}
    folds = scorer.story_folds(gold, folds=3)
    assert sorted(i for fold in folds for i in fold) == sorted(gold)
    stories = [{gold[i] for i in fold} for fold in folds]
    assert all(not (a & b) for n, a in enumerate(stories) for b in stories[n + 1 :])


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not (FNC / "dev_story_clusters.json").is_file():
        pytest.skip(f"the FNC-1 dev share is not at {FNC} (it lives in the shared folder beside the repo)")
    return scorer.evaluate(orders=2, ablations=False, distractors=False)  # type: ignore[no-any-return]


@pytest.mark.models
def test_clustering_f1_above_floor(result: dict[str, Any]) -> None:
    floors = _floors()
    fixed = result["fixed"]
    assert fixed["worst_bcubed_f1"] >= floors["bcubed_f1"], f"B-cubed F1 {fixed['worst_bcubed_f1']:.3f}"
    assert fixed["pairwise"]["f1"] >= floors["pairwise_f1"], f"pairwise F1 {fixed['pairwise']['f1']:.3f}"


@pytest.mark.models
def test_clustering_beats_the_tuned_baseline(result: dict[str, Any]) -> None:
    assert result["fixed"]["bcubed"]["f1"] >= result["baseline"]["bcubed"]["f1"]
    assert result["fixed"]["pairwise"]["f1"] >= result["baseline"]["pairwise"]["f1"]


@pytest.mark.models
def test_analyze_groups_a_folder_at_least_as_well_as_batch(result: dict[str, Any]) -> None:
    floors, analyze = _floors(), result["analyze"]
    assert analyze["bcubed"]["f1"] >= floors["analyze_bcubed_f1"], f"B-cubed F1 {analyze['bcubed']['f1']:.3f}"
    assert analyze["pairwise"]["f1"] >= floors["analyze_pairwise_f1"], (
        f"pairwise {analyze['pairwise']['f1']:.3f}"
    )
    assert analyze["bcubed"]["f1"] >= result["fixed"]["bcubed"]["f1"]


@pytest.mark.models
def test_add_one_by_one_above_floor(result: dict[str, Any]) -> None:
    floors, add = _floors(), result["add"]
    assert add["worst_bcubed_f1"] >= floors["add_bcubed_f1"], f"B-cubed F1 {add['worst_bcubed_f1']:.3f}"
    assert add["pairwise"]["f1"] >= floors["add_pairwise_f1"], f"pairwise F1 {add['pairwise']['f1']:.3f}"


def test_add_mode_assigns_in_arrival_order_without_regrouping() -> None:
    from sourcetrace.model import Article
    from sourcetrace.stories import ClusterSettings, sketch

    texts = {
        "t1": "Bristol councillors approved the Temple Meads tram line and its 14 stops.",
        "t2": "The Temple Meads tram line and its 14 stops won approval from Bristol councillors.",
        "e1": "D'Arcy Aeromotive denied selling turbojet engines to Sarvania.",
    }
    sketches = {i: sketch(Article(i, i, text)) for i, text in texts.items()}
    settings = ClusterSettings(embedding_weight=0.0, hashed_dims=256)
    labels = scorer.run_add(sketches, list(texts), settings, seed=0)
    assert labels["t1"] == labels["t2"] != labels["e1"]
    assert scorer.run_analyze(sketches, list(texts), settings) == {"t1": "0", "t2": "0", "e1": "1"}


def test_floors_file_is_complete() -> None:
    floors = _floors()
    modes = ("", "analyze_", "add_")
    assert set(floors) == {f"{mode}{metric}_f1" for mode in modes for metric in ("bcubed", "pairwise")}
    assert all(0.0 <= v <= 1.0 for v in floors.values())
    # The gate the issue sets: a folder grouped at least as well as batch groups it today (0.9588,
    # printed 0.959); the floor is that figure rounded down.
    assert floors["analyze_bcubed_f1"] >= 0.958 and floors["analyze_bcubed_f1"] >= floors["bcubed_f1"]
