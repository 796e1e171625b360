"""Eval gate for origins and verdicts on the development stories in ../shared/eval/stories.

The verdict, entity and attribution checks of the share's own scorer, per story, must not fall below
the floors in eval/floors.json (which only ever go up). The stories are read in place, never copied.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.stories import SHARE, STORIES, evaluate

pytestmark = pytest.mark.models

FLOORS = json.loads((Path(__file__).resolve().parent.parent / "eval" / "floors.json").read_text())["stories"]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not (SHARE / "score.py").exists():
        pytest.skip(f"the development stories are not at {SHARE}")
    return evaluate(tmp_path_factory.mktemp("stories"))


@pytest.mark.parametrize("story", STORIES)
def test_verdict_entity_and_attribution_checks_above_floor(
    results: dict[str, dict[str, Any]], story: str
) -> None:
    ok, total = results[story]["gated"]
    floor = FLOORS[f"{story}_verdicts_entities_attribution"]
    assert ok / total >= floor, f"{story}: {ok}/{total} fell below its floor {floor}"
