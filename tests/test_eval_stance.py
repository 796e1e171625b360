"""Accuracy gate for ``sourcetrace check`` on FNC-1 (eval/stance.py, eval/train_stance.py).

The full grouped CV (``python eval/stance.py --cv``) takes minutes; the gate runs a smaller grouped
CV inside the test: two of the five story folds, each predicted by a model trained on the other, and
asserts its FNC score and macro F1 against the floors in eval/floors.json ("stance"). The floors are
measured values rounded down and only ever go up.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
scorer = importlib.import_module("eval.stance")

FNC = ROOT.parent / "shared" / "eval" / "fnc1"
FLOORS = ROOT / "eval" / "floors.json"
GATE_FOLDS = (0, 1)


def test_fnc_score_arithmetic() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree", "unrelated"]
    predicted = ["agree", "unrelated", "agree", "unrelated", "discuss"]
    # agree right: 1.0; unrelated right: 0.25; discuss->agree: related right 0.25; disagree->unrelated: 0;
    # unrelated->discuss: 0. Best: 1 + 0.25 + 1 + 1 + 0.25 = 3.5
    result = scorer.evaluate(gold, predicted)
    assert result["fnc_raw"] == pytest.approx(1.5)
    assert result["fnc_best"] == pytest.approx(3.5)
    assert result["fnc_score"] == pytest.approx(1.5 / 3.5)
    assert result["per_class"]["agree"]["precision"] == pytest.approx(0.5)
    assert result["per_class"]["agree"]["recall"] == pytest.approx(1.0)
    assert result["per_class"]["disagree"]["f1"] == 0.0
    assert result["per_class"]["unrelated"]["f1"] == pytest.approx(0.5)  # 1 of 2 found, 1 of 2 calls right
    assert result["confusion"]["discuss"]["agree"] == 1
    assert scorer.evaluate(gold, gold)["fnc_score"] == 1.0
    assert scorer.evaluate(gold, gold)["macro_f1"] == 1.0
    with pytest.raises(ValueError, match="unknown labels"):
        scorer.evaluate(["agree"], ["agrees"])


def test_folds_keep_stories_and_headlines_apart() -> None:
    if not (FNC / "dev_stances.csv").is_file():
        pytest.skip(f"the FNC-1 dev share is not at {FNC} (it lives in the shared folder beside the repo)")
    train_stance = importlib.import_module("eval.train_stance")
    data = train_stance.load_fnc(FNC)
    fold_of = train_stance.assign_folds(data)
    for fold in range(train_stance.FOLDS):
        train, test = train_stance.split(data, fold, fold_of)
        assert not (train & test).any()
        test_bodies = {p.body for p, t in zip(data.pairs, test, strict=True) if t}
        test_headlines = {
            p.headline for p, t in zip(data.pairs, test, strict=True) if t and p.stance != "unrelated"
        }
        for p, t in zip(data.pairs, train, strict=True):
            if t:
                assert p.body not in test_bodies
                assert p.headline not in test_headlines
    tested = sum(int(train_stance.split(data, f, fold_of)[1].sum()) for f in range(train_stance.FOLDS))
    assert tested == len(data.pairs)  # every pair is tested exactly once


@pytest.mark.models
def test_stance_gate(models) -> None:  # type: ignore[no-untyped-def]
    if not (FNC / "dev_stances.csv").is_file():
        pytest.skip(f"the FNC-1 dev share is not at {FNC} (it lives in the shared folder beside the repo)")
    train_stance = importlib.import_module("eval.train_stance")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["stance"]
    data = train_stance.load_fnc(FNC)
    only = train_stance.gate_bodies(data, GATE_FOLDS)
    bodies, claims = train_stance.analyse_dataset(data, models, cache=None, progress=False, only=only)
    gold, predicted = train_stance.cross_validate(data, bodies, claims, use_folds=GATE_FOLDS, verbose=False)
    result = scorer.evaluate(gold, predicted)
    report = scorer.format_report(result, f"stance gate: grouped CV over folds {GATE_FOLDS}")
    assert result["fnc_score"] >= floors["fnc_score"], report
    assert result["macro_f1"] >= floors["macro_f1"], report
