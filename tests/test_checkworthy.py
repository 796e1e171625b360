"""The no-claim table: one invented sentence per row, and what each row must leave alone."""

from __future__ import annotations

import pytest

from sourcetrace.checkworthy import not_a_claim
from sourcetrace.model import ChainLink, Report, Span

MAYOR = ChainLink("Mayor Tom Reyes", "person", "e-tom-reyes", "said")


def report(sentence: str, *chain: ChainLink) -> Report:
    span = Span(0, len(sentence), sentence)
    return Report("a1", span, span, "asserts", tuple(chain))


@pytest.mark.parametrize(
    ("sentence", "reason", "attributed"),
    [
        ("The harbour board declined to comment on the closure.", "a no-comment", False),
        ("A spokesman did not immediately respond to a request for comment.", "a no-comment", True),
        ("Please keep the ferry running.", "a plea", True),
        ("Will the ferry ever run again?", "a question to the reader", False),
        ("Click here for the full timetable of the ferry.", "a request to the reader", False),
        ("If you use the ferry, expect delays this week.", "addresses the reader", False),
        ("We hope the ferry is back by the summer.", "a vow or hope of the writer", False),
        ("“I hope the harbour board keeps its nerve,” the mayor said.", "a wish or hope", True),
        ("And we sincerely hope so.", "a wish or hope", True),
        ("“I was hoping for better news from the council.”", "a wish or hope", True),
        ("I’d like to see the crossing run all winter.", "a wish or hope", True),
        ("“We express our deepest condolences to the crew’s families,” she said.", "condolences", True),
        ("Our hearts and prayers go out to the families of the crew.", "condolences", False),
        ("Published: 09 Sep 2031 11:25 GMT+02:00", "a time stamp", False),
        ("21 July 2031 Last updated at 11:11 GMT", "a time stamp", False),
        # In any voice: the attribution stage may read "PUBLISHED:" as a speaker.
        ("PUBLISHED: 16:05 GMT, 9 June 2031 | UPDATED: 06:55 GMT, 10 June 2031", "a time stamp", True),
        ("Posted 11/27/2031 7:21 AM", "a time stamp", False),
        ("Updated Saturday, December 05, 2031 8:28 p.m.", "a time stamp", False),
    ],
)
def test_each_row_names_its_reason(sentence: str, reason: str, attributed: bool) -> None:
    chain = (MAYOR,) if attributed else ()
    assert not_a_claim(report(sentence, *chain)) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        # Declining to say whether something is so is a report on that proposition.
        "The mayor repeatedly declined to say whether the ferry contract had been signed.",
        "The mayor refused to say that the ferry contract had been signed.",
        "The ferry company cut its crossings to Calder from six to four a day.",
        # A date with anything said about it is no time stamp.
        "On Monday, 12 passengers were stranded at Calder.",
        "Updated figures for 2031 show 40 crossings a week.",
        "At 5 pm on May 3 the ferry sailed.",
        # Condolences someone offered, told as an event, are checkable.
        "The mayor sent condolences to the families of the crew on Monday.",
    ],
)
def test_checkable_sentences_pass(sentence: str) -> None:
    assert not_a_claim(report(sentence)) is None


def test_a_question_someone_asked_is_their_statement() -> None:
    assert not_a_claim(report("Why was the ferry cancelled?", MAYOR)) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # A plan or a position of a named person is a claim "X says Y" (docs/claims.md).
        "We hope to reopen the ferry by May.",
        "I wish to thank the crew of the Calder ferry.",
        "We want a second ferry on the Calder route.",
        # The wish does not open the sentence: something checkable comes first.
        "The ferry was cancelled in March, and I hope it returns soon.",
        # Not in the first person.
        "The council hopes the ferry can run again.",
    ],
)
def test_plans_and_positions_of_a_named_person_stay_claims(sentence: str) -> None:
    assert not_a_claim(report(sentence, MAYOR)) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # Someone's words that attribution did not tie to a speaker: the "you" is the speaker's.
        "You can't close the crossing without asking the islanders first.”",
        "“You know, the council never costed the second ferry.",
        "Will you tell the islanders the ferry is gone?”",
    ],
)
def test_the_writers_voice_has_no_quotation_marks(sentence: str) -> None:
    assert not_a_claim(report(sentence)) is None
    # The same words without the marks are the writer's, and the row judges them.
    assert not_a_claim(report(sentence.strip("“”"))) is not None
