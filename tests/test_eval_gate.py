"""Accuracy gate: attribution extraction on PolNeAR dev must not fall below the floors we reached.

The floors live in eval/floors.json and only ever go up: raise them when the extractor gets better.
PolNeAR is read in place from ../shared/eval/polnear (no licence: never copied into the repository).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
FLOORS = ROOT / "eval" / "floors.json"

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Any]:
    if not (POLNEAR / "dev").is_dir():
        pytest.skip(f"PolNeAR is not at {POLNEAR} (it lives in the shared folder beside the repo)")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    evaluate = importlib.import_module("eval.attribution").evaluate
    return evaluate("pipeline", split="dev")  # type: ignore[no-any-return]


def _floors() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["attribution"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("role", ["source", "cue", "content"])
def test_role_overlap_f1_above_floor(dev_scores: dict[str, Any], role: str) -> None:
    f1 = dev_scores["roles"][role]["overlap"]["f1"]
    floor = _floors()[f"{role}_overlap_f1"]
    assert f1 >= floor, f"{role} overlap F1 {f1:.3f} fell below its floor {floor}"


def test_attribution_f1_above_floor(dev_scores: dict[str, Any]) -> None:
    f1 = dev_scores["attribution"]["f1"]
    floor = _floors()["attribution_f1"]
    assert f1 >= floor, f"attribution F1 {f1:.3f} fell below its floor {floor}"


def test_floors_file_is_complete() -> None:
    floors = _floors()
    assert set(floors) == {"source_overlap_f1", "cue_overlap_f1", "content_overlap_f1", "attribution_f1"}
    assert all(0.0 <= v <= 1.0 for v in floors.values())


def test_speaking_pronouns_resolved_above_floor() -> None:
    """Who a speaking "he"/"she" or role is, on hand-annotated PolNeAR dev referents (eval/pronouns.py)."""
    if not (POLNEAR / "dev").is_dir():
        pytest.skip(f"PolNeAR is not at {POLNEAR} (it lives in the shared folder beside the repo)")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    outcomes = importlib.import_module("eval.pronouns").evaluate("dev")
    accuracy = sum(o.right for o in outcomes) / len(outcomes)
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["pronouns"]["dev_accuracy"]
    assert accuracy >= floor, f"speaker resolution {accuracy:.3f} fell below its floor {floor}"
