"""Accuracy gate: how many of PolNeAR's dev attributions reach the dossier (eval/dossier_attribution.py,
the shared sentence-level scorer). The whole dev split is run (about a minute of CPU): the gate must
hold the figure that is reported, not a sample's. Skipped without the shared folder beside the repo.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dossier_attribution import POLNEAR, SCORER, score

pytestmark = pytest.mark.models

FLOORS = json.loads((Path(__file__).resolve().parent.parent / "eval" / "floors.json").read_text())[
    "dossier_attribution"
]


def test_dev_dossier_attribution_above_floor() -> None:
    if not SCORER.is_file() or not (POLNEAR / "dev").is_dir():
        pytest.skip(f"PolNeAR and its dossier scorer are not at {POLNEAR}")
    result = score(POLNEAR / "dev")
    assert result["f1"] >= FLOORS["dev_f1"], result
    assert result["precision"] >= FLOORS["dev_precision"], result
    assert result["recall"] >= FLOORS["dev_recall"], result
