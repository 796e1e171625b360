"""Stance of an article towards a claim (sourcetrace.stance, sourcetrace.check) on hand-written pairs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sourcetrace.model import Article
from sourcetrace.stance import LABELS, FEATURE_NAMES, Trees, decide, stem

CLAIM = "Apple is buying the electric car maker Rivian for $20 billion"

AGREE = """Apple has agreed to buy the electric car maker Rivian for $20 billion, the two companies announced on Monday.

The deal, the largest in Apple's history, was approved by both boards. Rivian's shareholders will receive $20 billion in cash.

Apple's chief executive confirmed the purchase in a call with investors and said the electric car maker would keep its factory in Illinois."""

DISAGREE = """Rivian has denied reports that Apple is buying the electric car maker for $20 billion.

"The story is completely false. There are no talks and there is no deal," a Rivian spokesperson said on Monday, calling the report a hoax.

Apple also dismissed the claim. A spokesman said the company was not buying Rivian and had never considered it."""

DISCUSS = """Apple is reportedly in talks to buy the electric car maker Rivian for about $20 billion, according to people familiar with the matter.

The Wall Street Journal reported that the talks were at an early stage and might still fall apart. Neither company would confirm the report.

Analysts said a deal could make sense, but cautioned that the rumour had not been verified."""

UNRELATED = """Heavy rain flooded streets in the north of the city on Sunday, and the fire brigade rescued two families from their homes.

The weather service said more storms were expected on Tuesday and asked residents to stay away from the river banks.

Schools in three districts will stay closed until the water has gone down."""


def test_stem_folds_inflections() -> None:
    assert stem("denies") == stem("denied") == stem("deny")
    assert stem("hoaxes") == stem("hoax")
    assert stem("reported") == stem("reports") == stem("report")
    assert stem("Buying") == stem("buy")
    assert stem("running") == stem("run")
    assert stem("is") == "is"


def test_decide_prefers_the_best_expected_fnc_score() -> None:
    # 40 % related: calling it related and "discuss" earns 0.25*0.4 + 0.75*0.35 = 0.36 > 0.25*0.6 = 0.15
    proba = np.array([[0.03, 0.02, 0.35, 0.60], [0.01, 0.01, 0.03, 0.95], [0.5, 0.1, 0.3, 0.1]])
    assert decide(proba) == ["discuss", "unrelated", "agree"]


def test_trees_match_sklearn() -> None:
    sklearn = pytest.importorskip("sklearn.ensemble")
    from eval.train_stance import export_trees

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    y3 = np.array(["agree", "disagree", "discuss"])[(x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)]
    y2 = (x[:, 2] + x[:, 3] > 0).astype(int)
    for y, classes in ((y3, ["agree", "disagree", "discuss"]), (y2, ["no", "yes"])):
        gbc = sklearn.GradientBoostingClassifier(init="zero", n_estimators=20, max_depth=3, random_state=0)
        gbc.fit(x, y)
        exported = json.loads(json.dumps(export_trees(gbc, classes, gbc.learning_rate)))
        assert np.allclose(Trees(exported).proba(x), gbc.predict_proba(x), atol=1e-6)


def test_shipped_model_is_small_json() -> None:
    from importlib import resources

    path = resources.files("sourcetrace").joinpath("data", "stance_model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURE_NAMES)
    assert len(path.read_bytes()) < 3_000_000


@pytest.fixture(scope="module")
def checked(models):  # type: ignore[no-untyped-def]
    from sourcetrace.check import check

    articles = [
        Article(id=name, source=f"{name}.txt", text=text)
        for name, text in (("agree", AGREE), ("disagree", DISAGREE), ("discuss", DISCUSS), ("unrelated", UNRELATED))
    ]
    return check(CLAIM, articles, models=models)


@pytest.mark.models
@pytest.mark.parametrize("expected", LABELS)
def test_check_finds_each_stance(checked, expected: str) -> None:  # type: ignore[no-untyped-def]
    result = next(r for r in checked.results if r.article == expected)
    assert result.stance == expected, result.scores


@pytest.mark.models
def test_evidence_is_related_and_attributed(checked) -> None:  # type: ignore[no-untyped-def]
    by_article = {r.article: r for r in checked.results}
    assert by_article["unrelated"].evidence == ()
    disagree = by_article["disagree"].evidence
    assert disagree and any("false" in e.sentence.text or "denied" in e.sentence.text for e in disagree)
    # The spokesperson's words are theirs, not the article's.
    assert any(e.attribution and "spokesperson" in e.attribution[0].source for e in disagree)
    discuss = by_article["discuss"].evidence
    assert discuss and "reportedly" in discuss[0].sentence.text
    for result in checked.results:
        for e in result.evidence:
            text = {"agree": AGREE, "disagree": DISAGREE, "discuss": DISCUSS}[result.article]
            assert text[e.sentence.start : e.sentence.end] == e.sentence.text
    out = checked.to_json()
    assert out["claim"] == CLAIM
    assert [r["source"] for r in out["results"]] == ["agree.txt", "disagree.txt", "discuss.txt", "unrelated.txt"]
    assert set(out["results"][1]["evidence"][0]) >= {"sentence", "attribution"}


@pytest.mark.models
def test_check_pairs_keeps_order_and_reports_bad_lines(models) -> None:  # type: ignore[no-untyped-def]
    from sourcetrace.check import check_pairs

    lines = [
        {"id": 1, "claim": CLAIM, "text": DISAGREE},
        {"id": "x", "claim": CLAIM},
        {"id": 3, "claim": CLAIM, "text": UNRELATED},
        {"id": 4, "claim": CLAIM, "text": DISAGREE},  # the same text again: analysed once
        {"id": 5, "claim": "", "text": AGREE},
    ]
    out = list(check_pairs(lines, models=models, batch_size=2))
    assert [o["id"] for o in out] == [1, "x", 3, 4, 5]
    assert out[0]["stance"] == out[3]["stance"] == "disagree"
    assert out[0]["evidence"] == out[3]["evidence"]
    assert out[2] == {"id": 3, "stance": "unrelated", "evidence": []}
    assert "missing 'text'" in out[1]["error"]
    assert "claim" in out[4]["error"]
