"""The scorer of eval/ecb_claims.py (claim gold given as character offsets), on invented reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.ecb_claims import ECBPLUS, Place, counts, gold_files, load_gold, origin_checks, score, tally
from sourcetrace.model import Claim, Report, Span

TEXT_A = "The mill closed on Monday. Forty jobs were lost, the union said."
TEXT_B = "Forty workers lost their jobs. The owner blamed the drought."


def _report(doc: str, text: str, sentence: str, content: str | None = None, clause: bool = False) -> Report:
    start = text.index(sentence)
    inner = content or sentence
    c = text.index(inner, start)
    return Report(
        doc,
        Span(start, start + len(sentence), sentence),
        Span(c, c + len(inner), inner),
        "asserts",
        (),
        clause=clause,
    )


def _place(doc: str, text: str, fragment: str) -> Place:
    start = text.index(fragment)
    return Place(doc, start, start + len(fragment))


def _gold() -> dict[str, object]:
    return {
        "subtopic": "toy",
        "claims": [
            ("jobs", [_place("a", TEXT_A, "Forty jobs were lost"), _place("b", TEXT_B, "lost their jobs")]),
            ("closure", [_place("a", TEXT_A, "mill closed")]),
        ],
        "apart": [(_place("a", TEXT_A, "mill closed"), _place("b", TEXT_B, "blamed the drought"))],
        "nonclaims": [_place("b", TEXT_B, "The owner blamed")],
    }


def test_a_claim_is_whole_when_one_group_holds_every_place() -> None:
    closed = _report("a", TEXT_A, "The mill closed on Monday.")
    jobs_a = _report("a", TEXT_A, "Forty jobs were lost, the union said.", "Forty jobs were lost")
    jobs_b = _report("b", TEXT_B, "Forty workers lost their jobs.")
    drought = _report("b", TEXT_B, "The owner blamed the drought.")
    result = score([[closed], [jobs_a, jobs_b], [drought]], _gold())  # type: ignore[arg-type]
    assert result["claims"] == "2/2"
    assert result["apart"] == "1/1"
    assert result["nonclaims"] == "0/1"  # the owner's sentence sits in a claim
    assert result["pairwise"] == (1.0, 1.0, 1.0)


def test_a_split_claim_and_a_merged_pair_are_counted() -> None:
    closed = _report("a", TEXT_A, "The mill closed on Monday.")
    jobs_a = _report("a", TEXT_A, "Forty jobs were lost, the union said.", "Forty jobs were lost")
    jobs_b = _report("b", TEXT_B, "Forty workers lost their jobs.")
    drought = _report("b", TEXT_B, "The owner blamed the drought.")
    result = score([[closed, drought, jobs_a], [jobs_b]], _gold())  # type: ignore[arg-type]
    assert result["claims"] == "1/2"  # the closure alone is whole; the jobs claim is split
    assert result["apart"] == "0/1"
    # Located pairs: (closure, jobs_a) merged but different -> fp; (jobs_a, jobs_b) split -> fn.
    assert result["pairwise"] == (0.0, 0.0, 0.0)


def test_the_place_is_represented_by_the_report_whose_content_holds_it() -> None:
    whole = _report("a", TEXT_A, "Forty jobs were lost, the union said.")
    clause = _report(
        "a", TEXT_A, "Forty jobs were lost, the union said.", "Forty jobs were lost", clause=True
    )
    jobs_b = _report("b", TEXT_B, "Forty workers lost their jobs.")
    jobs = _gold()["claims"][0][1]  # type: ignore[index]
    gold = {"subtopic": "toy", "claims": [("jobs", jobs)], "apart": [], "nonclaims": []}
    result = score([[whole], [clause, jobs_b]], gold)
    assert result["claims"] == "1/1"  # a report of the sentence sits with the other place
    assert result["pairwise"] == (1.0, 1.0, 1.0)


def test_a_claim_with_one_origin_must_not_be_called_corroborated() -> None:
    closed = _report("a", TEXT_A, "The mill closed on Monday.")
    jobs_a = _report("a", TEXT_A, "Forty jobs were lost, the union said.", "Forty jobs were lost")
    jobs_b = _report("b", TEXT_B, "Forty workers lost their jobs.")
    gold = {**_gold(), "independence": {"jobs": "single", "closure": "several"}}
    # The jobs claim is read off the dossier claim holding most of its places, the two-report one.
    claims = [
        Claim("c1", "s", "jobs", (jobs_a, jobs_b), verdict="corroborated"),
        Claim("c2", "s", "jobs again", (jobs_b,), verdict="single_origin"),
        Claim("c3", "s", "closure", (closed,), verdict="single_origin"),
    ]
    checks = origin_checks(claims, gold)
    assert checks["single_not_corroborated"] == (0, 1)
    assert checks["several_corroborated"] == (0, 1)
    assert checks["corroborated"] == (0, 1)
    assert checks["single"] == (0, 1) and checks["several"] == (0, 1)  # no origins shown at all
    claims[0] = Claim("c1", "s", "jobs", (jobs_a, jobs_b), origins=("the union",), verdict="single_origin")
    claims[2] = Claim("c3", "s", "closure", (closed,), origins=("A", "B"), verdict="corroborated")
    checks = origin_checks(claims, gold)
    assert checks["single_not_corroborated"] == (1, 1) and checks["several_corroborated"] == (1, 1)
    assert checks["single"] == (1, 1) and checks["several"] == (1, 1)
    assert checks["corroborated"] == (1, 1)
    # Counted as the stories' scorer counts: two origins shown fail a "single" claim, whatever the word.
    claims[0] = Claim("c1", "s", "jobs", (jobs_a, jobs_b), origins=("X", "Y"), verdict="contested")
    checks = origin_checks(claims, gold)
    assert checks["single"] == (0, 1) and checks["single_not_corroborated"] == (1, 1)
    # A claim labelled "unclear" (absent from "independence") is not judged.
    assert origin_checks(claims, {**gold, "independence": {}})["corroborated"] == (0, 0)


@pytest.mark.skipif(not ECBPLUS.exists(), reason="needs ../shared/eval/ecbplus")
def test_every_shipped_place_lies_inside_one_line_of_its_document() -> None:
    texts = {}
    with (ECBPLUS / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            texts[doc["doc"]] = (doc["subtopic"], doc["text"])
    for path in gold_files():
        gold = load_gold(Path(path))
        places = [p for _, ps in gold["claims"] for p in ps] + [p for pair in gold["apart"] for p in pair]
        for place in places + gold["nonclaims"]:
            subtopic, text = texts[place.doc]
            assert subtopic == gold["subtopic"], place
            assert 0 <= place.start < place.end <= len(text), place
            assert "\n" not in text[place.start : place.end], place
        for _, claim_places in gold["claims"]:
            assert len({p.doc for p in claim_places}) >= 2, path  # a claim is stated in two documents


@pytest.mark.models
def test_non_claims_of_the_ecb_stories_stay_out(models) -> None:  # type: ignore[no-untyped-def]
    """Eval gate: on every ECB+ story with our claim gold (the sealed test ones too: the gate only
    guards against a drop, and the floor is set from the figure, never the other way), the sentences
    labelled as no claims (time stamps, condolences, requests, reader questions) that no claim of the
    dossier holds must not fall below their floor in eval/floors.json; nor the verdict checks on the
    claims whose independence is labelled (``origin_checks``)."""
    if not (ECBPLUS / "train.jsonl").exists():
        pytest.skip(f"ECB+ is not at {ECBPLUS}")
    from eval.ecb_claims import articles
    from sourcetrace import pipeline

    kept_out = total = 0
    origins: dict[str, list[int]] = {}
    for path in gold_files():
        gold = load_gold(path)
        dossier = pipeline.analyse_articles(articles(gold["subtopic"]), models=models)
        ok, n = counts(score([c.reports for c in dossier.claims], gold)["nonclaims"])
        kept_out, total = kept_out + ok, total + n
        tally(origins, origin_checks(dossier.claims, gold))
    floors = json.loads((Path(__file__).resolve().parent.parent / "eval" / "floors.json").read_text())
    floor = floors["ecb_stories"]["nonclaims_left_out"]
    assert kept_out >= floor, f"non-claims left out {kept_out}/{total} fell below the floor {floor}"
    # The same run gates the origins of the claims whose independence is labelled (origin_checks).
    for part, floor in floors["ecb_stories"]["origins"].items():
        met, n = origins[part]
        assert met >= floor, f"origins {part} {met}/{n} fell below the floor {floor}"


def test_the_sealed_test_stories_are_never_fitted_on() -> None:
    """A gold file marked ``"split": "test"`` is only scored: the corpora the same-claim model is fitted
    and tuned on (eval/alignment_cv.py, eval/train_claim_pairs.py) leave it out."""
    from eval import alignment_cv

    test = {f"ecb:{p.stem}" for p in gold_files("test")}
    train = {f"ecb:{p.stem}" for p in gold_files("train")}
    assert test, "no sealed test story"
    assert not test & set(alignment_cv.CORPORA)
    assert train <= set(alignment_cv.CORPORA)
    assert len(gold_files()) == len(test) + len(train)
    from sourcetrace.align import MODEL_FILE

    data = Path(__file__).resolve().parent.parent / "sourcetrace" / "data"
    shipped = json.loads((data / MODEL_FILE).read_text(encoding="utf-8"))
    assert not test & set(shipped["corpora"]), "the shipped same-claim model was fitted on a test story"
