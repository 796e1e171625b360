"""Alignment rules that need no model: places named by adjective, contrast cues."""

from __future__ import annotations

import pytest

from sourcetrace.align import _CONTRAST, _demonyms
from sourcetrace.model import Report, Span

PLACES = {"e-russia": "Russia", "e-china": "China", "e-germany": "Germany", "e-australia": "Australia",
          "e-iran": "Iran", "e-sarvania": "Sarvania"}  # fmt: skip


def report(text: str) -> Report:
    span = Span(0, len(text), text)
    return Report(article="a", sentence=span, content=span, stance="denies", chain=())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it has no commercial contact with the Sarvanian government", {"e-sarvania"}),
        ("Russian and Chinese officials met", {"e-russia", "e-china"}),
        ("a German magazine and an Iranian drone", {"e-germany", "e-iran"}),
        ("an Austrian firm", set()),  # Austria is not Australia
        ("Russia denies it", set()),  # the name itself is an entity mention already, not a demonym
        ("the russian side", set()),  # adjectives of places are capitalised in English
    ],
)
def test_places_named_by_their_adjective(text: str, expected: set[str]) -> None:
    assert _demonyms(report(text), PLACES) == expected


def test_meanwhile_changes_the_subject_it_does_not_contrast_two_accounts() -> None:
    assert _CONTRAST.match("However, WSJ sources say it was artillery.")
    assert not _CONTRAST.match("Meanwhile, a ministry spokesman said NATO supplies most weapons.")


def test_a_claim_is_stated_by_a_sentence_that_stands_on_its_own() -> None:
    from sourcetrace.align import _standalone_penalty

    def with_verb(text: str) -> Report:
        span = Span(0, len(text), text)
        return Report(
            article="a", sentence=span, content=span, stance="asserts", chain=(), predicate="supply"
        )

    plain = with_verb("China is considering supplying Russia with weapons and ammunition")
    worse = [
        with_verb("If China does provide weapons to Russia, it will wreck its ties with Europe"),
        with_verb("We are very concerned that China is considering providing lethal support"),
        with_verb("It is considering supplying weapons to Moscow this spring"),
        with_verb("Will China supply Russia with weapons and ammunition this year?"),
    ]
    assert all(_standalone_penalty(plain) < _standalone_penalty(w) for w in worse)
