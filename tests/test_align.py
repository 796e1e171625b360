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


def prop_report(
    text: str,
    predicate: str | None = None,
    *,
    article: str = "a",
    at: int = 0,
    subject: str | None = None,
    obj: str | None = None,
    entities: tuple[str, ...] = (),
    stance: str = "asserts",
) -> Report:
    span = Span(at, at + len(text), text)
    return Report(
        article,
        span,
        span,
        stance,
        (),
        entities=entities,
        predicate=predicate,
        subject=subject,
        obj=obj,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("text", "predicate", "event"),
    [
        ("the firm plans to ship forty turbines to Korvesta", "plan", "deliver"),
        ("the council accused the contractor of falsifying invoices", "accuse", "falsify"),
        ("Halvard has agreed to sell its engines", "agree", "deliver"),
        ("talks are underway between the two ministries", "be", "talk"),
        ("the mayor met the union leaders", "meet", "meet"),
    ],
)
def test_a_light_verb_gives_way_to_the_event_it_carries(text: str, predicate: str, event: str) -> None:
    from sourcetrace.align.propositions import proposition

    assert proposition(prop_report(text, predicate)).event == event


def test_polarity_and_modality_are_read_from_the_content() -> None:
    from sourcetrace.align.propositions import proposition

    assert proposition(prop_report("nobody was hurt in the blaze", "hurt")).polarity == "negative"
    assert proposition(prop_report("three people were hurt in the blaze", "hurt")).polarity == "positive"
    assert proposition(prop_report("the mill could close next year", "close")).modality == "possible"
    assert (
        proposition(prop_report("if the vote fails the mill will close", "close")).modality == "conditional"
    )


def test_incompatible_events_and_other_people_are_cannot_links() -> None:
    from sourcetrace.align.propositions import proposition
    from sourcetrace.align.score import cannot_link

    abstained = proposition(prop_report("Pellor abstained from the vote", "abstain", obj="vote"))
    approved = proposition(
        prop_report("the assembly approved a resolution", "approve", article="b", obj="resolution")
    )
    assert cannot_link(abstained, approved) == "different events on different things"
    persons = frozenset({"e-ilse", "e-marek", "e-tova"})
    met_a = proposition(
        prop_report(
            "Ilse Varga met Marek Olin in Geneva", "meet", subject="e-ilse", entities=("e-ilse", "e-marek")
        ),
        persons,
    )
    met_b = proposition(
        prop_report("Ilse Varga met Tova Brandt in Geneva", "meet", article="b", subject="e-ilse",
                    entities=("e-ilse", "e-tova")),
        persons,
    )  # fmt: skip
    assert cannot_link(met_a, met_b) == "different people besides the agent"
    # The same argument with different values is one claim with a conflict, not a cannot-link.
    dead = proposition(prop_report("three people died in the blast", "die", obj=None))
    none = proposition(prop_report("nobody died in the blast", "die", article="b"))
    assert cannot_link(dead, none) is None


def test_constrained_clusters_never_chain() -> None:
    import numpy as np

    from sourcetrace.align.cluster import constrained_clusters

    # 0-1 and 1-2 match, 0-2 does not: average linkage would chain all three, here 2 stays out.
    score = np.array([[0, 0.9, 0.0], [0.9, 0, 0.8], [0.0, 0.8, 0]])
    cannot = np.zeros((3, 3), dtype=bool)
    assert constrained_clusters(score, cannot, threshold=0.4, floor=0.1) == [{0, 1}, {2}]
    cannot[0, 1] = cannot[1, 0] = True
    assert constrained_clusters(score, cannot, threshold=0.4, floor=0.1) == [{0}, {1, 2}]


@pytest.mark.parametrize(
    ("text", "chained", "reason"),
    [
        ("Hit the jump for the full schedule.", False, "a request to the reader"),
        ("What do you make of the new stadium?", False, "a question to the reader"),
        ("Leave your thoughts in the comments below.", False, "a request to the reader"),
        ("The ministry did not immediately respond to a request for comment.", False, "a no-comment"),
        ("Please keep away from the harbour tonight, the mayor said.", True, "a plea"),
        ("Was the harbour closed?", True, None),  # someone else's question is their statement
        ("The harbour was closed on Tuesday.", False, None),
        ("The freighter did not return to port until Friday.", False, None),
    ],
)
def test_requests_teasers_and_no_comments_are_no_claims(text: str, chained: bool, reason: str | None) -> None:
    from sourcetrace.align.checkworthy import not_a_claim
    from sourcetrace.model import ChainLink

    span = Span(0, len(text), text)
    chain = (ChainLink("Mayor Ida Lund", "person", "e-lund", "said"),) if chained else ()
    assert not_a_claim(Report("a", span, span, "asserts", chain)) == reason


def test_a_scorer_can_be_plugged_in() -> None:
    import numpy as np

    from sourcetrace.align import align_reports

    class Vectors:
        def embed(self, texts: list[str]) -> np.ndarray:
            return np.eye(len(texts))  # every content unlike every other

    reports = [
        prop_report("the bridge closed on Monday", "close", article="a"),
        prop_report("the bridge was shut on Monday", "shut", article="b"),
        prop_report("the ferry fares rose by a tenth", "rise", article="c"),
    ]

    def same_bridge(props):  # type: ignore[no-untyped-def]
        return lambda a, b, va, vb: 1.0 if "bridge" in a.text and "bridge" in b.text else 0.0

    aligned = align_reports(reports, Vectors(), scorer=same_bridge)  # type: ignore[arg-type]
    assert sorted(len(a.reports) for a in aligned) == [1, 2]
