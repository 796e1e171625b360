"""Claims: every attribution reaches the dossier as a report, views and intentions marked; non-claims do not.

All texts are invented. The parse is needed, so these tests use the loaded models."""

from __future__ import annotations

import pytest

from sourcetrace.model import Article, ChainLink, Report, Span
from sourcetrace.verdicts import report_origin

pytestmark = pytest.mark.models


def reports_of(text: str, models) -> list[Report]:  # type: ignore[no-untyped-def]
    from sourcetrace.pipeline import analyse_articles

    article = Article(id="t1", source="t1.txt", text=text, outlet="Harbour Gazette")
    dossier = analyse_articles([article], models=models)
    return sorted((r for c in dossier.claims for r in c.reports), key=lambda r: r.content.start)


def in_sentence(reports: list[Report], fragment: str) -> list[Report]:
    return [r for r in reports if fragment in r.sentence.text]


def sources(report: Report) -> list[str]:
    return [link.source for link in report.chain]


def test_a_view_is_a_report_marked_as_a_view(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The council met on Monday to discuss the new bridge over the Wexley river. "
        "Councillor Ann Holloway believes the bridge is far too expensive for a town of this size."
    )
    found = in_sentence(reports_of(text, models), "far too expensive")
    assert found, "the councillor's view was dropped"
    assert any(r.kind == "view" and any("Holloway" in s for s in sources(r)) for r in found), found


def test_an_intention_is_a_report_marked_as_an_intention(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The harbour road has flooded three times this winter. "
        "Mayor Tom Reyes wants to close the harbour road to lorries from next spring."
    )
    found = in_sentence(reports_of(text, models), "close the harbour road")
    assert any(r.kind == "intention" and any("Reyes" in s for s in sources(r)) for r in found), found


def test_two_attributions_in_one_sentence_give_two_reports(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The two candidates clashed over the tunnel on Tuesday night. "
        "Reyes said the tunnel would cost less than the bridge, but Holloway insisted that the bridge "
        "would be finished two years sooner."
    )
    found = in_sentence(reports_of(text, models), "would cost less")
    speakers = {s for r in found for s in sources(r)}
    assert len(found) >= 2, found
    assert any("Reyes" in s for s in speakers) and any("Holloway" in s for s in speakers), speakers


def test_a_question_to_the_reader_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Councillor Ann Holloway said the bridge would cost 40 million euros. "
        "Would you vote for a council that spends that much on one bridge?"
    )
    assert not in_sentence(reports_of(text, models), "Would you vote"), "a question to the reader"


def test_a_request_to_the_reader_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Wexley ferry company cut its crossings to Calder from six to four a day on Monday. "
        "Compare the new timetable of the Wexley ferry company with the old one before travelling to Calder. "
        "Put the two timetables side by side and the Monday crossings to Calder fell by a third."
    )
    reports = reports_of(text, models)
    assert not in_sentence(reports, "Compare the new timetable"), "an imperative to the reader"
    assert in_sentence(reports, "cut its crossings"), "the fact before it was lost"
    # A clause with a subject of its own states something, imperative opening or not.
    assert in_sentence(reports, "fell by a third"), "a checkable clause after an imperative was lost"


def test_a_request_after_a_leading_clause_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The harbour authority released a new timetable for the Calder ferry on Monday.\n"
        "For the full list of crossings, visit the harbour authority's page on the Calder ferry.\n"
        "If you travel on Sundays, check the new times at the pier before leaving Wexley.\n"
        "After the storm, engineers inspected the Wexley pier for three days."
    )
    reports = reports_of(text, models)
    assert not in_sentence(reports, "visit the harbour"), "a request after a leading phrase"
    assert not in_sentence(reports, "check the new times"), "a request after a condition"
    # A main clause with its own subject after a leading phrase still states something.
    assert in_sentence(reports, "engineers inspected"), "a checkable sentence was lost"


def test_a_short_plain_sentence_of_the_writer_is_a_claim(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tom Reyes, the harbour master of Calder, died on Sunday in a hotel room in Wexley.\n"
        "He was 75.\n"
        "The harbour office has since been closed.\n"
        "We walked past the closed office.\n"
        "“Nothing bad is going to happen.”\n"
        "The two timetables should not be confused.\n"
        "A very quiet week on the northern docks."
    )
    reports = reports_of(text, models)
    assert in_sentence(reports, "He was 75"), "a figure told in three words was lost"
    assert in_sentence(reports, "has since been closed"), "an event told in a short sentence was lost"
    # Short sentences that are someone's voice or a judgement stay out.
    assert not in_sentence(reports, "walked past"), "someone speaking in the first person"
    assert not in_sentence(reports, "Nothing bad"), "a short quotation with no source"
    assert not in_sentence(reports, "should not be confused"), "a modal judgement"
    assert not in_sentence(reports, "quiet week"), "a line with no verb and no figure"


def test_a_view_with_no_one_holding_it_is_the_articles_own(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Wexley ferry stopped running in March after forty years of service. "
        "The closure of the Wexley ferry was widely viewed as a failure of the county council."
    )
    for report in in_sentence(reports_of(text, models), "widely viewed"):
        assert report.chain == (), "no one is named: 'unnamed sources' would invent a speaker"


def test_an_intentions_holder_is_not_its_origin() -> None:
    """Bingo-like case: an outlet reports that a firm agreed to do something; the outlet is the origin."""
    article = Article(id="a1", source="a1.txt", text="x", outlet="Harbour Gazette")
    span = Span(0, 1, "x")
    chain = (ChainLink("The Courier", "outlet"), ChainLink("Wexley Boats", "organisation"))
    intention = Report("a1", span, span, "asserts", chain, kind="intention")
    statement = Report("a1", span, span, "asserts", chain)
    assert report_origin(intention, {"a1": article}, {}) == "The Courier"
    assert report_origin(statement, {"a1": article}, {}) == "Wexley Boats"
    alone = Report("a1", span, span, "asserts", chain[1:], kind="intention")
    assert report_origin(alone, {"a1": article}, {}) == "Harbour Gazette"


def test_a_view_inside_a_question_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Councillor Ann Holloway said the bridge would cost 40 million euros. "
        "“Why does the mayor want to close the harbour road before the vote?” Holloway asked."
    )
    found = in_sentence(reports_of(text, models), "close the harbour road")
    assert all(r.kind == "statement" for r in found), found


def test_each_clause_of_a_sentence_is_a_proposition_of_its_own(models) -> None:  # type: ignore[no-untyped-def]
    from sourcetrace.pipeline import analyse_articles

    text = (
        "The march through Eastwick ended late on Friday. "
        "Police said protesters threw stones at a patrol car, and 23 people were arrested. "
        "The driver was stopped after crossing the border with 40 kilograms of copper wire. "
        "The two inspectors, who counted 310 crates, were sent back to Calder on Saturday."
    )
    other = (
        "Police in Eastwick said 23 people were arrested during Friday's march. "
        "A lorry driver crossed the border with 40 kilograms of copper wire, customs officers said. "
        "Two inspectors counted 310 crates at the Calder depot."
    )
    dossier = analyse_articles(
        [
            Article(id="t1", source="t1.txt", text=text, outlet="Harbour Gazette"),
            Article(id="t2", source="t2.txt", text=other, outlet="Calder Post"),
        ],
        models=models,
    )
    reports = [r for c in dossier.claims for r in c.reports if r.article == "t1"]
    contents = [r.content.text for r in reports]
    arrested = [r for r in reports if r.content.text.startswith("23 people were arrested")]
    assert arrested and arrested[0].clause, contents  # the coordinated clause, on its own
    assert any("Police" in s for s in sources(arrested[0])), arrested  # with the sentence's source
    assert any(c.startswith("after crossing the border") for c in contents), contents  # adverbial clause
    assert any(c.startswith("who counted 310 crates") for c in contents), contents  # relative clause
    # The sentence's own report is kept beside its clauses.
    assert any("threw stones" in c and "23 people" in c for c in contents), contents


def test_a_clause_that_matches_nothing_elsewhere_is_left_to_its_sentence(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The march through Eastwick ended late on Friday. "
        "Police said protesters threw stones at a patrol car, and 23 people were arrested."
    )
    reports = reports_of(text, models)
    assert not any(r.clause for r in reports), [r.content.text for r in reports]
    assert any("23 people were arrested" in r.content.text for r in reports)


def test_a_condition_or_a_purpose_is_no_proposition_of_its_own(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ferry company met the harbour board on Tuesday. "
        "If the harbour board approves the plan, the ferry company will double its crossings to Calder. "
        "The company hired two engineers in March to inspect the 14 berths at the harbour."
    )
    contents = [r.content.text for r in reports_of(text, models)]
    assert not any(c.lower().startswith("if the harbour board") for c in contents), contents
    assert not any(c.startswith("to inspect") for c in contents), contents


def test_speculation_is_a_modal_on_the_main_clause_not_in_a_clause_below_it(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The new Calder ferry was launched at the Wexley yard on Monday. "
        "The ferry could carry up to 400 passengers on the Calder crossing next year. "
        "The ferry is scheduled to enter service in March of 2027, leaving the crew a few weeks in "
        "which training would have to be finished."
    )
    sentences = {r.sentence.text for r in reports_of(text, models)}
    assert not any(s.startswith("The ferry could carry") for s in sentences), sentences  # speculation
    assert any(s.startswith("The ferry is scheduled") for s in sentences), sentences  # a dated plan


def test_a_quote_split_over_two_sentences_keeps_its_speaker_in_both(models) -> None:  # type: ignore[no-untyped-def]
    # "“A,” X said. “B.”": the attribution's main stretch is B, in the second sentence; the first
    # sentence is still X's, not the speaker of the sentence before.
    text = (
        "The harbour board urged the mayor to reopen the ferry pier before the summer. "
        "“We reopened it this morning,” Mayor Tom Reyes replied. “The repairs to the old timber piles "
        "took four weeks and cost the town far less than the board had feared.”"
    )
    found = in_sentence(reports_of(text, models), "reopened it this morning")
    assert found, "the first half of the split quote gave no report"
    assert all(sources(r)[-1:] == ["Tom Reyes"] for r in found), [sources(r) for r in found]
    contents = [r.content.text for r in found]
    assert all(c == "We reopened it this morning" for c in contents), contents


def test_whether_something_happened_is_asked_not_stated(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ferry pier was closed on Monday after a crack appeared in one of its piles. "
        "The harbour board would not say whether the crack had been found before the inspection."
    )
    found = in_sentence(reports_of(text, models), "would not say whether")
    assert found and all(r.stance == "questions" for r in found), [(r.stance, r.content.text) for r in found]


def test_a_content_that_names_a_thing_is_a_topic_not_a_proposition(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor exchanged text messages with the owner of the ferry company last spring. "
        "The harbour board could not confirm the messages with the mayor."
    )
    reports = reports_of(text, models)
    confirm = in_sentence(reports, "could not confirm")
    things = [r for r in confirm if r.content.text.startswith("the messages")]
    assert things and all(r.topic for r in things), [(r.topic, r.content.text) for r in things]
    assert not any(r.topic for r in in_sentence(reports, "exchanged text messages"))


def test_a_verbless_sentence_in_the_articles_own_voice_is_no_topic(models) -> None:  # type: ignore[no-untyped-def]
    # Only what a source is said to speak of can be a topic; the article's own words still state.
    text = (
        "The ferry pier in Wexley was closed on Monday after a crack appeared in one of its piles. "
        "No ferries to the islands until the end of June at the earliest."
    )
    found = in_sentence(reports_of(text, models), "No ferries")
    assert found and not any(r.topic for r in found), [(r.topic, r.content.text) for r in found]


def test_a_line_with_no_verb_does_not_inherit_the_last_sentences_subject(models) -> None:  # type: ignore[no-untyped-def]
    # "falsifying documents had been made" has an actor from the text before; a verbless line has none.
    text = (
        "Tom Reyes, the harbour master of Calder, died on Sunday in a hotel room in Wexley.\n"
        "No ferries to the islands of the northern coast until the end of June at the earliest."
    )
    reports = reports_of(text, models)
    reyes = next(r.subject for r in in_sentence(reports, "died on Sunday"))
    assert reyes is not None
    found = in_sentence(reports, "No ferries")
    assert found and not any(reyes in r.entities or r.subject == reyes for r in found), [
        (r.subject, r.entities) for r in found
    ]
