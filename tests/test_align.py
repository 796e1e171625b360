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


def test_dismissing_the_report_denies_its_main_allegation_not_the_sentence_before() -> None:
    import numpy as np

    from sourcetrace.align import _denied_claim
    from sourcetrace.model import ChainLink

    outlet = (ChainLink("Northgate Review", "outlet", "e-northgate", "reported"),)
    spokesman = (ChainLink("D'Arcy Aeromotive", "organisation", "e-darcy", "said"),)
    ministry = (ChainLink("Sarvanian Ministry of Defence", "organisation", "e-ministry", "dismissed"),)

    def r(article: str, at: int, text: str, chain: tuple[ChainLink, ...], stance: str = "asserts") -> Report:
        span = Span(at, at + len(text), text)
        return Report(article, span, span, stance, chain)  # type: ignore[arg-type]

    reports = [
        r("a", 0, "D'Arcy agreed to sell 120 engines to Sarvania", outlet),
        r("b", 0, "D'Arcy agreed to supply 120 engines to Sarvania", outlet),
        r("a", 100, "the first consignment left Foynes this month", outlet),
        r("a", 200, "it declined to answer further questions", spokesman),
        r("a", 300, "the report as groundless", ministry, "denies"),
    ]
    clusters = [{0, 1}, {2}, {3}]
    assert _denied_claim(4, reports, clusters, np.zeros((5, 5))) == 0


def test_weighted_overlap_is_the_weight_of_the_intersection_over_the_union() -> None:
    from sourcetrace.align import _weighted_overlap

    weight = {"bridge": 2.0, "closed": 1.0, "storm": 3.0}
    out = _weighted_overlap([{"bridge", "closed"}, {"bridge", "storm"}, set(), {"bridge", "closed"}], weight)
    assert out[0, 1] == out[1, 0] == 2.0 / 6.0  # bridge over bridge + closed + storm
    assert out[0, 3] == 1.0 and out[0, 2] == 0.0 and out[2, 2] == 0.0
    assert (out.diagonal() == 0).all()


def test_a_clause_is_stated_by_its_whole_sentence(models) -> None:  # type: ignore[no-untyped-def]
    from sourcetrace.align import AlignedClaim, statement_for

    sentence = "The yard fitted four spare engines that are already flying on the Calder ferries."
    clause = sentence.index("that are")
    whole = Span(0, len(sentence), sentence)
    part = Span(clause, len(sentence) - 1, sentence[clause:-1])
    reports = tuple(
        Report(
            article=a, sentence=whole, content=part, stance="asserts", chain=(), predicate="fly", clause=True
        )
        for a in ("a", "b")
    )
    assert statement_for(AlignedClaim(reports), models) == sentence
