"""Stance of an article towards a claim (sourcetrace.check) on hand-written pairs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sourcetrace.check.classifier import LABELS, Trees, decide
from sourcetrace.check.features import FEATURE_NAMES, stem
from sourcetrace.model import Article


def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


CLAIM = "Leeds will build a tram line to its airport by 2030"

AGREE = _article(
    "Leeds will build a tram line to its airport by 2030, the first new tram line in the city in seventy "
    "years.",
    "The line will run for eleven kilometres from the railway station to Leeds Bradford Airport, with "
    "nine stops on the way. The city council approved the plan on Wednesday and set aside 1.2 billion "
    "pounds for it.",
    "Building will start next spring. Trams will run every six minutes and take twenty minutes from "
    "the station to the airport.",
    "The council will also build two park-and-ride sites beside the line.",
)

DISAGREE = _article(
    "A report that Leeds will build a tram line to its airport by 2030 is false, the city council said "
    "on Wednesday.",
    "The story spread on social media after a fake council document appeared online. \"There is no tram "
    "plan and there is no money for one,\" a council spokesperson said.",
    "The transport authority also denied the report and called the document a hoax. Fact-checkers found "
    "no evidence of any plan: the document named a councillor who left the council in 2019.",
    "The fake document was shared thousands of times before the hoax was exposed.",
)

DISCUSS = _article(
    "Leeds is reportedly planning a tram line to its airport by 2030, according to people familiar with "
    "the plans.",
    "The Yorkshire Post reported on Sunday that the plans were at an early stage and might still be "
    "dropped, citing officials who asked not to be named. The council would not confirm the report and "
    "declined to comment.",
    "If the plan goes ahead, it would be the first new tram line in the city in seventy years, the "
    "newspaper said. Analysts said a line could make sense, but warned that the cost was unclear.",
    "The report could not be independently verified.",
)

UNRELATED = _article(
    "Heavy rain flooded streets in the north of the city on Sunday, and the fire brigade rescued two "
    "families from their homes.",
    "The weather service said more storms were expected on Tuesday and asked residents to stay away "
    "from the river banks.",
    "Schools in three districts will stay closed until the water has gone down.",
)

ARTICLES = {"agree": AGREE, "disagree": DISAGREE, "discuss": DISCUSS, "unrelated": UNRELATED}


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

    articles = [Article(id=name, source=f"{name}.txt", text=text) for name, text in ARTICLES.items()]
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
            text = ARTICLES[result.article]
            assert text[e.sentence.start : e.sentence.end] == e.sentence.text
    out = checked.to_json()
    assert out["claim"] == CLAIM
    assert [r["source"] for r in out["results"]] == [f"{name}.txt" for name in ARTICLES]
    assert set(out["results"][1]["evidence"][0]) >= {"sentence", "attribution"}


@pytest.mark.models
def test_check_refuses_an_empty_claim(models) -> None:  # type: ignore[no-untyped-def]
    from sourcetrace.check import check
    from sourcetrace.errors import UsageError

    with pytest.raises(UsageError, match="empty"):
        check("  ", [Article(id="a", source="a.txt", text=AGREE)], models=models)


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
