"""Eval gate for claim alignment: pairwise same-claim F1 on hand-labelled places, against pinned floors.

The floors in eval/floors.json only ever go up (raise them when the pipeline gets better)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.alignment import evaluate, load_gold, locate, pairwise
from sourcetrace.model import Dossier

pytestmark = pytest.mark.models

FLOORS = json.loads((Path(__file__).resolve().parent.parent / "eval" / "floors.json").read_text())[
    "alignment"
]


def test_seeds_alignment_floor(seeds_dossier: Dossier) -> None:
    result = evaluate("seeds", dossier=seeds_dossier)
    assert result["pairwise"]["f1"] >= FLOORS["seeds_pairwise_f1"], result["pairwise"]
    assert result["pairwise"]["precision"] >= FLOORS["seeds_pairwise_precision"], result["pairwise"]
    assert result["apart"]["kept"] >= FLOORS["seeds_apart_kept"], result["apart"]


def test_examples_alignment_floor(example_dossier: Dossier) -> None:
    result = evaluate("examples", dossier=example_dossier)
    assert result["pairwise"]["f1"] >= FLOORS["examples_pairwise_f1"], result["pairwise"]


def test_the_scorer_counts_pairs() -> None:
    """The metric itself, on a dossier-free toy: two gold claims, one wrongly merged place."""
    from eval.alignment import Located

    located = [
        Located("g1", "a", "x", "c1", None),
        Located("g1", "b", "y", "c1", None),
        Located("g2", "c", "z", "c1", None),
        Located("g2", "d", "w", "c2", None),
    ]
    # Reports are None here, so no pair is skipped as "the same sentence".
    scores = pairwise(located)
    # g1 pair merged (tp); g2 pair split (fn); cross pairs merged: (a,c), (b,c) -> fp 2.
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 2, 1)
    assert load_gold and locate  # the public helpers stay importable for eval scripts


def test_a_report_stating_two_labelled_claims_may_sit_with_either() -> None:
    """One sentence, two labelled propositions, one report: sitting with either claim is no error."""
    from eval.alignment import Located
    from sourcetrace.model import Report, Span

    span = Span(0, 40, "the mill closed and forty jobs were lost")
    both = Report("a", span, span, "asserts", ())
    located = [
        Located("closure", "a", "the mill closed", "c1", both),
        Located("jobs", "a", "forty jobs were lost", "c1", both),
        Located("closure", "b", "x", "c1", None),
        Located("jobs", "c", "y", "c2", None),
    ]
    scores = pairwise(located)
    # (both, b) share "closure" and sit together: tp. (both, c) share "jobs" but sit apart: fn.
    # (b, c) are different claims, apart: nothing.
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 0, 1)


def test_a_place_is_located_whatever_the_order_of_the_claims() -> None:
    """A sentence gives a report of its own and one per clause; the place is the clause's report (the
    shortest content holding the fragment), not whichever report the first claim happens to hold."""
    from sourcetrace.model import Claim, Report, Span

    sentence = "Stones were thrown, and 23 people were arrested."
    at = sentence.index("23 people")
    span = Span(0, len(sentence), sentence)
    whole = Report("a", span, span, "asserts", ())
    clause = Report("a", span, Span(at, len(sentence) - 1, sentence[at:-1]), "asserts", (), clause=True)
    held = "Police held 23 men."
    other = Report("b", Span(0, len(held), held), Span(0, len(held) - 1, held[:-1]), "asserts", ())
    gold = [{"id": "arrests", "reports": [("a", "23 people were arrested"), ("b", "Police held 23 men")]}]
    claims = [
        Claim(id="c1", story="s", statement="", reports=(whole,)),
        Claim(id="c2", story="s", statement="", reports=(clause, other)),
    ]
    for order in (claims, claims[::-1]):
        located = locate(Dossier(articles=(), stories=(), entities=(), claims=tuple(order)), gold)
        assert [x.claim for x in located] == ["c2", "c2"]
        assert pairwise(located)["tp"] == 1
