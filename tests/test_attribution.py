"""Attribution: cues, sources, contents, chains and stances.

Unit tests on invented sentences (no corpus text), then the chains and stances of chosen sentences in
the five real seed articles (read from ../shared/corpus/seeds, never copied).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from sourcetrace.attribution import find_attributions, stance_of
from sourcetrace.model import Article, Attribution
from sourcetrace.pipeline import attribute_text, resolve_mentions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


# --- helpers ----------------------------------------------------------------------------------------


def analyse(models, *texts: str) -> list[list[Attribution]]:  # type: ignore[no-untyped-def]
    """Attributions (product reading) of articles analysed together, entities resolved across them."""
    from sourcetrace.sentences import parse_articles

    articles = [Article(id=f"a{i}", source=f"a{i}", text=t) for i, t in enumerate(texts)]
    parsed = list(parse_articles(articles, nlp=models.nlp))
    entities, mentions = resolve_mentions(parsed)
    by_id = {e.id: e for e in entities}
    return [find_attributions(p, [m for m in mentions if m.article == p.article.id], by_id) for p in parsed]


def one(models, text: str) -> list[Attribution]:  # type: ignore[no-untyped-def]
    return analyse(models, text)[0]


def about(attributions: Sequence[Attribution], fragment: str, cue: str | None = None) -> Attribution:
    """The attribution whose content holds ``fragment`` (and whose cue is ``cue``); innermost first."""
    hits = [a for a in attributions if fragment in said(a) and (cue is None or a.cue.text == cue)]
    found = [(a.cue.text, said(a)) for a in attributions]
    assert hits, f"no attribution with {fragment!r} (cue {cue!r}) in {found}"
    return min(hits, key=lambda a: len(said(a)))


def said(a: Attribution) -> str:
    """All of the content, its pieces included ("“A,” she said, “B.”")."""
    pieces = getattr(a, "content_spans", ()) or (a.content,)
    return " … ".join(piece.text for piece in pieces)


def chain(a: Attribution) -> list[str]:
    return [link.source for link in a.chain]


def expect_flat(models, *cases: tuple[str, str, str, str]) -> None:  # type: ignore[no-untyped-def]
    """Each (text, source, cue, fragment): the corpora's reading of ``text`` has an attribution with that
    cue whose content holds ``fragment`` and whose source is written exactly ``source``."""
    for text, source, cue, fragment in cases:
        a = about(attribute_text(text, models), fragment, cue=cue)
        assert a.source is not None and a.source.text == source, (text, a.source)


# --- no model needed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("the allegations are baseless and amount to a smear", "say", "denies"),
        ("the plant has no commercial contact with the army", "say", "denies"),
        ("the talks took place", "deny", "denies"),
        ("the talks took place", "confirm", "asserts"),
        ("the factory could double its output", "say", "hedges"),
        ("the shipment was reportedly delayed", "say", "hedges"),
        ("will the factory double its output?", "ask", "questions"),
        ("the ministry neither confirmed nor denied the talks", None, "questions"),
        ("the ministry declined to comment", None, "questions"),
        ("the factory doubled its output", "say", "asserts"),
    ],
)
def test_stance_of(text: str, cue: str | None, expected: str) -> None:
    assert stance_of(text, cue) == expected


def test_a_negated_denial_is_not_a_denial() -> None:
    assert stance_of("the talks took place", "deny", "did not deny") != "denies"


# --- cues, sources, contents on invented sentences (need the spaCy model) ---------------------------

models_needed = pytest.mark.models


@models_needed
def test_reporting_verb_with_clause(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "The mayor said that the old bridge would close in May."), "bridge would close")
    assert a.cue.text == "said"
    assert a.source is not None and a.source.text == "The mayor"
    assert a.content.text == "the old bridge would close in May"  # what is reported
    assert said(a) == "that the old bridge would close in May"  # the words the cue governs


@models_needed
def test_quotation_before_the_cue(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "“The old bridge is safe,” the mayor said on Tuesday."), "bridge is safe")
    assert a.cue.text == "said" and a.source is not None and a.source.text == "the mayor"
    assert a.content.text == "The old bridge is safe"


@models_needed
def test_according_to(models) -> None:  # type: ignore[no-untyped-def]
    a = about(
        one(models, "According to the city council, the old bridge will close in May."), "bridge will close"
    )
    assert a.cue.text == "According to"
    assert a.source is not None and a.source.text == "the city council"
    assert "According" not in a.content.text


@models_needed
def test_colon_cue(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "The mayor told the crowd: “The bridge will stay open.”"), "will stay open")
    assert a.cue.text == "told" and a.source is not None and a.source.text == "The mayor"
    assert "crowd" not in a.content.text


@models_needed
def test_passive_without_a_source_hedges(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "It is claimed that the factory will close next year."), "factory will close")
    assert a.cue.text == "It is claimed" and a.source is None
    assert chain(a) == ["unnamed sources"]
    assert a.stance == "hedges"


@models_needed
def test_inverted_cue_after_the_content(models) -> None:  # type: ignore[no-untyped-def]
    a = about(
        one(models, "The factory is preparing to double its output, reports Reuters."), "double its output"
    )
    assert a.cue.text == "reports" and chain(a) == ["Reuters"]


@models_needed
def test_description_resolves_to_the_last_outlet(models) -> None:  # type: ignore[no-untyped-def]
    text = "Reuters reported that the plant would close. The agency said the decision was final."
    a = about(one(models, text), "the decision was final")
    assert a.source is not None and a.source.text == "The agency"
    assert chain(a) == ["Reuters"]


@models_needed
def test_pronoun_resolves_to_the_person(models) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Lopez, the mayor, said the bridge was safe. She added that repairs would start in May."
    a = about(one(models, text), "repairs would start", "added")
    assert chain(a) == ["Maria Lopez"]


@models_needed
def test_the_official_is_the_official_described_before(models) -> None:  # type: ignore[no-untyped-def]
    text = "A senior official said the talks had stalled. The official added that a deal was unlikely."
    a = about(one(models, text), "a deal was unlikely")
    assert chain(a) == ["a senior official"]
    assert a.chain[0].kind == "unnamed"


@models_needed
def test_unnamed_sources_stay_a_label(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "People familiar with the talks said a deal was close."), "a deal was close")
    assert a.chain[-1].kind == "unnamed"


@models_needed
def test_told_an_outlet_is_the_outer_link(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "A company spokesman told Reuters that the plant had no orders."), "no orders")
    assert chain(a)[0] == "Reuters" and len(chain(a)) == 2


@models_needed
def test_nested_attribution_carries_the_outer_chain(models) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said the plan was dead, according to Reuters."
    inner = about(one(models, text), "the plan was dead", "said")
    assert chain(inner)[0] == "Reuters"


@models_needed
def test_quotation_over_several_sentences(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "“The bridge is safe. We checked it twice,” the mayor said."), "checked it twice")
    assert "The bridge is safe" in a.content.text and a.cue.text == "said"


@models_needed
def test_quotation_split_by_the_cue(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "“The bridge,” the mayor said, “is perfectly safe.”"), "The bridge")
    assert [s.text for s in a.content_spans] == ["The bridge", "is perfectly safe"]  # type: ignore[attr-defined]


@models_needed
def test_quotation_continued_after_the_cue_sentence(models) -> None:  # type: ignore[no-untyped-def]
    found = one(models, "“The bridge is safe,” the mayor said. “We checked it twice.”")
    a = about(found, "The bridge is safe")
    assert a.content_spans[-1].text == "We checked it twice"  # type: ignore[attr-defined]
    assert len(found) == 1


@models_needed
def test_first_person_inside_a_quotation_is_not_a_source(models) -> None:  # type: ignore[no-untyped-def]
    found = one(models, "“I think the bridge is safe,” the mayor said.")
    assert [a.cue.text for a in found] == ["said"]


@models_needed
def test_denial_and_hedge_and_non_committal_stances(models) -> None:  # type: ignore[no-untyped-def]
    found = one(
        models,
        "The company denied that it had sold drones to the army. The ministry said the plant could reopen. "
        "The council neither confirmed nor denied that the plant would reopen.",
    )
    assert about(found, "it had sold drones").stance == "denies"
    assert about(found, "the plant could reopen").stance == "hedges"
    assert about(found, "the plant would reopen").stance == "questions"


@models_needed
def test_attitudes_only_when_asked(models) -> None:  # type: ignore[no-untyped-def]
    text = "Most voters want lower taxes, and the governor praised the budget."
    assert not one(models, text)
    flat = attribute_text(text, models)
    assert {a.cue.text for a in flat} == {"want", "praised"}


@models_needed
def test_flat_reading_keeps_only_the_outermost(models) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said the governor told him that the bridge was safe."
    assert len(one(models, text)) == 2
    flat = attribute_text(text, models)
    assert [a.cue.text for a in flat] == ["said"]


@models_needed
def test_headline_colon_names_the_speaker(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("Mayor Lopez: The Old Bridge Is Safe\n\nThe city reopened the bridge.", models)
    a = about(flat, "The Old Bridge Is Safe")
    assert a.cue.text == ":" and a.source is not None and a.source.text == "Mayor Lopez"


TRANSCRIPT = (
    "The station published part of the interview.\n\n"
    '"HOST: Let us start with the bridge. Is it safe?\n\n'
    "MAYOR LOPEZ: The bridge is safe and it will reopen on Monday.\n\n"
    'HOST: Why Monday?"\n\n'
    "UPDATE: The bridge reopened on Monday."
)


@models_needed
def test_transcript_speaker_labels(models) -> None:  # type: ignore[no-untyped-def]
    for attributions in (attribute_text(TRANSCRIPT, models), one(models, TRANSCRIPT)):
        mayor = about(attributions, "The bridge is safe and it will reopen on Monday")
        assert mayor.cue.text == ":" and mayor.source is not None and mayor.source.text == "MAYOR LOPEZ"
        assert chain(mayor) and mayor.stance == "asserts"
        host = about(attributions, "Let us start with the bridge")  # the turn right after the opening mark
        assert host.source is not None and host.source.text == "HOST"
        assert about(attributions, "Why Monday").source.text == "HOST"  # type: ignore[union-attr]
        assert not any("reopened on Monday" in said(a) for a in attributions)  # "UPDATE:" is no speaker


SIGNED = (
    "Readers sent us their views on the vote.\n\n"
    "“The new bridge is a waste of money. Nobody asked us.” ― Jane Okafor\n\n"
    "“I will cross it every day.” — @riverwalker\n\n"
    "“Build it” — and they did."
)


@models_needed
def test_quotation_signed_after_a_dash(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text(SIGNED, models)
    a = about(flat, "The new bridge is a waste of money")
    assert a.cue.text == "―" and a.source is not None and a.source.text == "Jane Okafor"
    assert "Nobody asked us" in said(a)
    b = about(flat, "I will cross it every day")
    assert b.source is not None and b.source.text == "@riverwalker"
    assert not any(x.source is not None and x.source.text.startswith("and they") for x in flat)


@models_needed
def test_source_stops_at_the_cue(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A union representing bus drivers endorsed Mayor Lopez for re-election on Thursday, another sign "
        "of organised labour throwing its support behind her."
    )
    a = about(attribute_text(text, models), "Mayor Lopez", "endorsed")
    assert a.source is not None and a.source.text == "A union representing bus drivers"


@models_needed
def test_trailing_cue_after_a_comma(models) -> None:  # type: ignore[no-untyped-def]
    text = "Secrecy is no stranger to the council's budget talks, the mayor's former adviser maintains."
    a = about(attribute_text(text, models), "Secrecy is no stranger")
    assert a.cue.text == "maintains" and a.source is not None
    assert a.source.text == "the mayor's former adviser"


@models_needed
def test_phrasal_cue_verb(models) -> None:  # type: ignore[no-untyped-def]
    a = about(attribute_text("The mayor laid out her plan for the bridge on Friday.", models), "her plan")
    assert a.cue.text == "laid out" and a.source is not None and a.source.text == "The mayor"


@models_needed
def test_opening_mark_stays_with_its_sentence(models) -> None:  # type: ignore[no-untyped-def]
    text = "The plan adds many new rules. ''There is a lot of new complexity,'' said Mr. Okafor."
    flat = attribute_text(text, models)
    a = about(flat, "There is a lot of new complexity", "said")
    assert a.source is not None and a.source.text == "Mr. Okafor"
    assert not any("complexity" in said(x) for x in flat if x.cue.text != "said")


@models_needed
def test_inverted_said_before_a_colon(models) -> None:  # type: ignore[no-untyped-def]
    text = "The council met on Monday.\n\nSaid Okafor: “We are not done with the bridge yet.”"
    a = about(attribute_text(text, models), "We are not done with the bridge yet")
    assert a.cue.text == "Said" and a.source is not None and a.source.text == "Okafor"
    flat = attribute_text("CLARIFICATION: The first sentence has been changed to name the council.", models)
    assert not any(x.source is not None and x.source.text == "CLARIFICATION" for x in flat)


# --- the real seed articles -----------------------------------------------------------------------


@cache
def _seed_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # Input preparation, as the cleaning stage would do it: 001 opens with a stray date line and
        # 000 glues two words together across a lost line break.
        text = text.replace(" date 2023-03-16 ", "").replace("Ukrainereports", "Ukraine reports")
        texts[path.name[:3]] = text
    return texts


@pytest.fixture(scope="module")
def seeds(models) -> dict[str, list[Attribution]]:  # type: ignore[no-untyped-def]
    if not SEEDS.is_dir():
        pytest.skip(
            f"the real seed articles are not at {SEEDS} (they live in the shared folder beside the repo)"
        )
    texts = _seed_texts()
    found = analyse(models, *texts.values())
    return dict(zip(texts, found, strict=True))


@pytest.mark.models
@pytest.mark.seeds
class TestSeeds:
    def test_magazine_relaying_unnamed_sources(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["000"], "Negotiations are underway", "said")
        assert chain(a) == ["Der Spiegel", "unnamed sources"]

    def test_same_publication_continues_and_hedges(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["000"], "Bingo is reportedly ready to build 100 ZT-180 UAVs")
        assert a.cue.text == "continues"
        assert chain(a) == ["Der Spiegel"]
        assert a.stance == "hedges"

    def test_spokesman_calls_it_misinformation(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["000"], "There is a large amount of misinformation")
        assert chain(a) == ["Wang Wenbin"]
        assert a.stance == "denies"
        assert "wary" not in said(a)  # the next quotation is his too, but a report of its own

    def test_which_beijing_denied(self, seeds: dict[str, list[Attribution]]) -> None:
        accused = about(seeds["000"], "planning to supply Russia with weapons", "accused")
        assert chain(accused) == ["United States"] and "Beijing" not in said(accused)
        denied = about(seeds["000"], "planning to supply Russia with weapons", "denied")
        assert chain(denied) == ["Beijing"] and denied.stance == "denies"
        assert "accused" not in said(denied)  # what the US said, not that it said it

    def test_pronoun_resolves_to_the_last_speaker(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["000"], "We should be very wary", "added")
        assert chain(a) == ["Wang Wenbin"]

    def test_neither_confirmed_nor_denied_is_non_committal(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["000"], "negotiations are underway between Russia and Bingo")
        assert a.stance == "questions"

    def test_information_obtained_by(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["001"], "discussing the mass production of kamikaze drones", "According to")
        assert chain(a) == ["Der Spiegel"]

    def test_official_nested_in_according_to(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["001"], "much less ambiguous", "said")
        assert a.source is not None and a.source.text == "The official"
        assert chain(a) == ["The Wall Street Journal", "a senior western official"]

    def test_inverted_reports_cnn(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["001"], "any plans to provide lethal aid", "denied")
        assert chain(a) == ["CNN", "Chinese Foreign Ministry"]
        assert a.stance == "denies"

    def test_relative_clause_with_its_own_source(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["002"], "plans to build a hundred ZT-180 prototype drones", "said")
        names = chain(a)
        assert names[0] == "Der Spiegel" and len(names) == 2
        assert a.chain[1].kind == "unnamed" and names[1].startswith("unnamed source")

    def test_company_denies(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["003"], "Bingo Intelligent has no commercial contact with Russia", "said")
        assert chain(a) == ["Xi’an Bingo Intelligent Aviation Technology"]
        assert a.stance == "denies"

    def test_contractor_told_an_outlet(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["003"], "the drone maker had no business relationships with Russia", "told")
        assert chain(a) == ["VICE World News", "Xi’an Bingo Intelligent Aviation Technology"]
        assert a.stance == "denies"

    def test_sources_told_outlets(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["004"], "China is studying possibilities", "told")
        assert chain(a) == ["CNN", "sources familiar with the US intelligence community reports"]

    def test_outlet_sources(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["004"], "artillery and armed drones")
        assert chain(a) == ["The Wall Street Journal", "WSJ sources"]

    def test_it_is_claimed_hedges(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["004"], "the company agreed to test and send 100 ZT-180 drones")
        assert a.cue.text == "It is claimed"
        assert a.stance == "hedges"

    def test_slammed_as_libel_denies(self, seeds: dict[str, list[Attribution]]) -> None:
        a = about(seeds["004"], "libel", "slammed")
        assert a.stance == "denies"


# --- coverage added for PolNeAR-style attributions (invented sentences) -----------------------------


@models_needed
def test_headline_colon_with_a_mixed_case_name_and_an_audience(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("Mayor McKenna: The Harbour Wall Will Hold\n\nThe storm passed.", models)
    assert about(flat, "The Harbour Wall Will Hold").cue.text == ":"
    flat = attribute_text(
        "Lopez to teachers: Smith will cut school funding\n\nThe vote is on Monday.", models
    )
    a = about(flat, "Smith will cut school funding")
    assert a.cue.text == ":" and a.source is not None and a.source.text == "Lopez"


@models_needed
def test_recipient_and_setting_before_a_colon(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "The governor told the Herald in an interview: “It is a mess.”"), "It is a mess")
    assert a.cue.text == "told" and a.source is not None and a.source.text == "The governor"


@models_needed
def test_view_received_from_someone(models) -> None:  # type: ignore[no-untyped-def]
    a = about(
        attribute_text("The tunnel plan has drawn harsh criticism from rival candidates.", models), "tunnel"
    )
    assert a.cue.text == "has drawn harsh criticism"
    assert a.source is not None and a.source.text == "rival candidates"
    assert a.content.text == "The tunnel plan"


@models_needed
def test_relative_pronoun_as_the_named_object(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("The port, which he describes as his second home, will close in May.", models)
    a = next(a for a in flat if a.cue.text == "describes")
    assert [s.text for s in a.content_spans] == ["which", "as his second home"]  # type: ignore[attr-defined]


@models_needed
def test_people_described_by_who_and_by_trade_hold_views(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("Idealists who wanted a complete break left the party.", models)
    assert any(a.cue.text == "wanted" and "complete break" in a.content.text for a in flat)
    flat = attribute_text("Several centrists urged the senator to retire.", models)
    a = next(a for a in flat if a.cue.text == "urged")
    assert a.source is not None and a.source.text == "Several centrists"


@models_needed
def test_flat_reading_keeps_a_cited_relative_clause_inside_the_outer_content(models) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said the bridge, which engineers described as unsafe, would reopen in May."
    flat = attribute_text(text, models)
    assert [a.cue.text for a in flat] == ["said"]
    assert "engineers described as unsafe" in flat[0].content.text


@models_needed
def test_any_verb_that_introduces_a_quotation(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text(
        "After the governor criticized her, Smith shot back, “I chose my own career.”", models
    )
    a = about(flat, "I chose my own career")
    assert a.cue.text == "shot back" and a.source is not None and a.source.text == "Smith"
    signs = attribute_text("The marchers wore “Save Our Port” on their shirts.", models)
    assert not any("Save Our Port" in said(a) for a in signs)  # a slogan is not something said


@models_needed
def test_a_dateline_is_not_the_source(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("WASHINGTON (AP) — The mayor and the governor pledged to rebuild the port.", models)
    a = about(flat, "to rebuild the port")
    assert a.source is not None and a.source.text == "The mayor and the governor"
    # The dateline heading the subject's own phrase, before a long apposition, is cut off too.
    flat = attribute_text(
        "DUBLIN — Minister Tom Reyes, seeking to calm a dispute that is clouding his record as a reformer "
        "and hurting his chances of becoming the next premier, flatly denied on Friday that he had misled "
        "the committee.",
        models,
    )
    a = about(flat, "he had misled the committee")
    assert a.source is not None and a.source.text.startswith("Minister Tom Reyes"), a.source



@models_needed
def test_a_date_is_not_who_a_relative_clause_speaks_for(models) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "who said" on "March 2024"; the speakers are the officials before the date.
    flat = attribute_text(
        "The minister met with Kenyan officials in March 2024 who said the subsidy had been cut.", models
    )
    a = about(flat, "the subsidy had been cut")
    assert a.chain[-1].source == "Kenyan officials", a.chain


@models_needed
def test_likely_to_say_shares_the_subject(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("Younger voters were more likely to say that the port should stay open.", models)
    a = about(flat, "the port should stay open")
    assert a.source is not None and a.source.text == "Younger voters"


@models_needed
def test_passive_view_without_a_holder(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("The senator was booed at the county fair.", models)
    a = about(flat, "The senator")
    assert a.cue.text == "was booed" and a.source is None
    assert not one(models, "The senator was booed at the county fair.")  # a view, not a statement


@models_needed
def test_object_cue_with_a_question_clause(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("The mayor wouldn’t discuss on the radio whether she would run again.", models)
    a = about(flat, "whether she would run again")
    assert a.cue.text == "wouldn’t discuss" and a.source is not None and a.source.text == "The mayor"


@models_needed
def test_headline_colon_after_a_label(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text(
        "EXCLUSIVE – Roger Smith: Don’t Trust the Voting Machines\n\nThere is concern.", models
    )
    a = about(flat, "Don’t Trust the Voting Machines")
    assert a.cue.text == ":" and a.source is not None and a.source.text == "Roger Smith"


@models_needed
def test_weak_signs_of_a_speaker_give_views_not_statements(models) -> None:  # type: ignore[no-untyped-def]
    text = "Several centrists confirmed the merger."
    assert any(a.cue.text == "confirmed" for a in attribute_text(text, models))
    assert not one(models, text)  # the product reports statements only from subjects known to speak


@models_needed
def test_trailing_cue_the_parser_hangs_under_the_clause_it_frames(models) -> None:  # type: ignore[no-untyped-def]
    # Opening an article, the parser makes "reported" a clause of "agreed"; it is still the attribution.
    text = (
        "Darcy Aeromotive reportedly agreed to ship more than a hundred of its Gannet 9 engines to the "
        "embargoed state in a deal worth a whopping €31m, the Northgate Review reported on Thursday."
    )
    a = about(one(models, text), "agreed to ship", cue="reported")
    assert a.source is not None and a.source.text == "the Northgate Review"
    assert "Northgate" not in a.content.text and a.content.text.endswith("€31m")


@models_needed
def test_made_it_clear_with_the_clause_hung_on_clear(models) -> None:  # type: ignore[no-untyped-def]
    text = "In an interview, Vela made it clear he had doubts about the ferry plan."
    expect_flat(models, (text, "Vela", "made it clear", "he had doubts"))


@models_needed
def test_speaker_whose_description_the_parser_read_as_a_verb(models) -> None:  # type: ignore[no-untyped-def]
    # The parser makes "Correct" a verb with "Brock" its subject, and "rabbi" a verb with "Salkin" its.
    after = one(
        models,
        '"What is shaping up is a battle for the ages," said David Brock, a Clinton confidant '
        "who heads the pro-Clinton super PAC Correct the Record.",
    )
    a = about(after, "a battle for the ages")
    assert a.cue.text == "said" and a.source is not None and a.source.text.endswith("Correct the Record")
    assert a.source.text.startswith("David Brock") and chain(a) == ["David Brock"]
    before = attribute_text(
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he "
        "and other rabbis were alarmed about the hotel's behavior.",
        models,
    )
    b = about(before, "other rabbis were alarmed", cue="said")
    assert b.source is not None and b.source.text.startswith("Jeffrey Salkin")
    assert b.source.text.endswith("to organize the boycott")  # the whole description, not cut at "Fla."


@models_needed
def test_second_cue_coordinated_inside_the_first_content(models) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "suggested" on "declare" inside what she said; it is a second statement of hers.
    flat = attribute_text(
        "Prime Minister Ada Quill said that the country would formally declare its intention to leave by the "
        "end of March and suggested that it would withdraw from the customs union.",
        models,
    )
    first = about(flat, "formally declare", cue="said")
    assert "withdraw" not in said(first)
    second = about(flat, "withdraw from the customs union", cue="suggested")
    assert second.source is not None and second.source.text == "Prime Minister Ada Quill"


@models_needed
def test_naming_and_finding_a_thing_are_not_attributions(models) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "A new group called Fair Ferries Now is trying to raise money.",
        "The harbour board has found itself at the centre of the dispute.",
        "The council found ways to press its agenda through small amendments.",
    ):
        cues = [(a.cue.text, said(a)) for a in attribute_text(text, models)]
        assert not [c for c in cues if "call" in c[0] or "found" in c[0]], (text, cues)
    expect_flat(
        models,
        ("The survey found that most riders wanted later ferries.", "The survey", "found", "most riders"),
    )


@models_needed
def test_speaker_the_parser_hung_on_the_last_word_of_the_quotation(models) -> None:  # type: ignore[no-untyped-def]
    # "Flynn" becomes an apposition of "military"; "said" is left without a subject.
    text = (
        '"There is a severe disconnect between this White House and our military," Flynn, a top Trump '
        'surrogate, said Thursday morning on Fox News\'s "Fox and Friends."'
    )
    a = about(one(models, text), "a severe disconnect", cue="said")
    assert a.source is not None and a.source.text.startswith("Flynn")


@models_needed
def test_organisation_introduced_by_which(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("The Ferry Workers Union, which endorsed Mayor Vela in May, met on Sunday.", models)
    a = about(flat, "Mayor Vela", cue="endorsed")
    assert a.source is not None and a.source.text == "which"  # the corpora's source span
    assert any("Ferry Workers Union" in link for link in chain(a)), chain(a)  # who it stands for


@models_needed
def test_criticism_nobody_is_said_to_hold(models) -> None:  # type: ignore[no-untyped-def]
    flat = attribute_text("The harbour board has faced sharp criticism for the new timetable.", models)
    a = about(flat, "the new timetable")
    assert a.cue.text == "sharp criticism for" and a.source is None
    assert not one(models, "The harbour board has faced sharp criticism for the new timetable.")


@models_needed
def test_cue_the_parser_hung_on_a_noun_leaving_no_main_verb(models) -> None:  # type: ignore[no-untyped-def]
    # Root "One", "called" a participle of "letter": the sentence has no verb of its own.
    flat = attribute_text("One of the doctors who signed the letter called Mayor Vela a fraud.", models)
    a = about(flat, "Mayor Vela a fraud", cue="called")
    assert a.source is not None and a.source.text == "One of the doctors who signed the letter"
    assert not attribute_text("A new group called Fair Ferries Now.", models)  # a name, not a view


@models_needed
def test_question_object_and_topic_complements(models) -> None:  # type: ignore[no-untyped-def]
    # "if ..." hung on "asked" as an adverbial; an object of "reiterated"; what a view is about or against.
    expect_flat(
        models,
        (
            "Then Mr. Rubin asked the students if they were always so serious.",
            "Mr. Rubin",
            "asked",
            "if they were",
        ),
        ("Mayor Vela reiterated her support for the ferry plan.", "Mayor Vela", "reiterated", "her support"),
        (
            "The Northgate Review published portions of the harbour audit.",
            "The Northgate Review",
            "published",
            "the harbour audit",
        ),
        (
            "A reporter for the Review reported her presence on the pier.",
            "A reporter for the Review",
            "reported",
            "her presence",
        ),
        ("The union grumbled about the new timetable.", "The union", "grumbled about", "the new timetable"),
        (
            "Two captains testified against the harbour board.",
            "Two captains",
            "testified against",
            "the harbour board",
        ),
    )


@models_needed
def test_light_verbs_and_a_view_whose_object_is_the_antecedent(models) -> None:  # type: ignore[no-untyped-def]
    expect_flat(
        models,
        (
            "Dana Vela is casting herself as a champion of the crews.",
            "Dana Vela",
            "is casting herself as",
            "a champion",
        ),
        ("She drew a sharp contrast with her rival.", "She", "drew a sharp contrast with", "her rival"),
        (
            "The leaders made little secret of their disagreements.",
            "The leaders",
            "made little secret of",
            "disagreements",
        ),
        (
            "The only regret she acknowledged was the late timetable.",
            "she",
            "acknowledged",
            "The only regret",
        ),
    )
    received = about(attribute_text("The plan drew criticism from the unions.", models), "The plan")
    assert received.source is not None and received.source.text == "the unions"


@models_needed
def test_hearing_a_sound_is_not_hearsay(models) -> None:  # type: ignore[no-untyped-def]
    heard = attribute_text("The guards cannot hear smugglers digging.", models)
    assert not [a for a in heard if "hear" in a.cue.text]
    expect_flat(
        models,
        ("The pilots heard that the ferry would close.", "The pilots", "heard", "the ferry would close"),
    )


@models_needed
def test_as_someone_put_it(models) -> None:  # type: ignore[no-untyped-def]
    a = about(one(models, "As Professor Lind put it, the ferry does a better job."), "better job")
    assert a.cue.text == "put it" and a.source is not None and a.source.text == "Professor Lind"
    estimate = about(attribute_text("Forbes put his net worth at 45 billion dollars.", models), "45 billion")
    assert estimate.source is not None and estimate.source.text == "Forbes"
    assert not attribute_text("She put the book on the table.", models)
    painted = about(attribute_text("The mayor painted her rival as a friend of developers.", models), "rival")
    assert painted.cue.text == "painted" and painted.source is not None


@models_needed
def test_stance_on_the_whole_clause_before_which(models) -> None:  # type: ignore[no-untyped-def]
    found = one(models, "The council accused the ferry firm of hiding its losses, which the firm denied.")
    denied = about(found, "hiding its losses", cue="denied")
    assert chain(denied) == ["the firm"] and denied.stance == "denies"
    assert "council" not in said(denied) and "denied" not in said(about(found, "hiding", cue="accused"))


@models_needed
def test_an_expectation_keeps_its_subject_and_a_question_put_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    found = one(models, "The ferries are expected to be delivered to the harbour as early as April.")
    a = about(found, "delivered to the harbour", cue="are expected")
    assert a.content.text.startswith("The ferries are expected to be delivered") and a.stance == "hedges"
    asked = one(models, "When asked about the audit, the mayor said the harbour board had seen it.")
    assert not [x for x in asked if "asked" in x.cue.text], [(x.cue.text, said(x)) for x in asked]
    assert about(asked, "had seen it", cue="said").source is not None


@models_needed
def test_labels_and_lists_before_a_colon_are_not_speakers(models) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "BYLINE: Amber Vela.\n\nThe harbour board met on Monday.",
        "Contributing: Brittney Bennett and Greg Toppo, Northgate Review.",
        "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.",
    ):
        colons = [a for a in attribute_text(text, models) if a.cue.text == ":"]
        assert not colons, (text, [(a.source.text if a.source else None, said(a)) for a in colons])
    quoted = attribute_text("Vela: Time for a ‘new start’ at the harbour.\n\nThe mayor spoke.", models)
    a = about(quoted, "new start")
    assert a.cue.text == ":" and a.source is not None and a.source.text == "Vela"


@models_needed
def test_review_cases_that_are_not_what_they_look_like(models) -> None:  # type: ignore[no-untyped-def]
    # A "which" after a denial does not deny what was denied.
    flat = one(models, "China denied that it had supplied weapons, which Washington disputed.")
    assert not [a for a in flat if chain(a) == ["Washington"] and a.stance == "denies"], flat
    # A verb coordinated inside what she said stays in it unless it has a clause of its own.
    coordinated = attribute_text("She said the minister resigned and admitted the error.", models)
    assert "admitted the error" in said(about(coordinated, "resigned"))
    # A thing someone made is no claim; putting something somewhere is no estimate.
    assert not one(models, "The book she wrote was long.")
    for text in ("He put his life at risk for the crew.", "She put the book on the table."):
        assert not [a for a in attribute_text(text, models) if a.cue.text.startswith("put")], text
    # Whose concern it is, and a criticism that is not there.
    for text in ("The concern of the residents is noise.", "There is no criticism of the plan."):
        assert not attribute_text(text, models), text
    # ", which the mayor confirmed" hung on as an adverbial.
    confirmed = about(one(models, "The ferry will close, which the mayor confirmed on Monday."), "ferry")
    assert chain(confirmed) == ["the mayor"]


@models_needed
def test_a_possessive_owner_is_named_without_its_s(models) -> None:  # type: ignore[no-untyped-def]
    text = "The vote was part of the regional council’s support for the new tram line."
    a = about(attribute_text(text, models), "the new tram line")
    assert chain(a)[-1] == "the regional council"


# --- only someone, or a document, can be a source (attribution/speakers.py) ------------------------


def _sources(attributions: Sequence[Attribution]) -> list[str]:
    return [a.source.text for a in attributions if a.source is not None]


@models_needed
def test_things_counted_are_no_source(models) -> None:  # type: ignore[no-untyped-def]
    # A passive's agent that is a number of things: the votes did not speak, nor did the bullets.
    for text in ("The plan was backed by 52 votes to 11 at the meeting.", "The boy was hit by six bullets."):
        assert not [s for s in _sources(attribute_text(text, models)) if "votes" in s or "bullets" in s], text
        assert not [a for a in one(models, text) if a.cue.text.startswith("was")], text


@models_needed
def test_an_event_or_a_reason_is_no_source(models) -> None:  # type: ignore[no-untyped-def]
    for text in ("The crash shows that the road is dangerous.", "Many factors could explain the drop."):
        assert not attribute_text(text, models), text
        assert not one(models, text), text


@models_needed
def test_a_record_is_still_a_source(models) -> None:  # type: ignore[no-untyped-def]
    # Recordings and documents show what happened; an event shown with them does not speak.
    a = about(one(models, "The autopsy showed that he was shot four times."), "shot four times")
    assert chain(a) == ["the autopsy"]
    video = about(attribute_text("Video showed the officer running toward the car.", models), "running")
    assert video.source is not None and video.source.text == "Video"
    assert not attribute_text("The shooting showed that the street was unsafe.", models)


@models_needed
def test_a_dateline_before_a_colon_is_no_source(models) -> None:  # type: ignore[no-untyped-def]
    text = "Posted: 03/2/2011 9:15 am Updated: 03/2/2011 9:15 am: The mayor wants a new stadium."
    found = attribute_text(text, models)
    assert not [a for a in found if a.cue.text == ":"], found
    mayor = about(found, "new stadium")
    assert mayor.source is not None and mayor.source.text == "The mayor"


@models_needed
def test_the_person_a_place_describes_speaks(models) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "who asked ..." on the plant; the worker asked, not the plant nor its owner.
    text = "One worker at the Kestrel Engines plant, who asked not to be named, said they were for drones."
    assert chain(about(attribute_text(text, models), "not to be named")) == ["One worker"]


@models_needed
def test_a_source_is_named_without_its_age_or_the_time(models) -> None:  # type: ignore[no-untyped-def]
    # The chain names who speaks; the source words keep an age, as attribution corpora mark them.
    aged = about(one(models, "The driver, 52, said the brakes had failed."), "brakes had failed")
    assert chain(aged) == ["the driver"]
    assert aged.source is not None and aged.source.text == "The driver, 52"
    assert chain(about(one(models, "Two men on Tuesday said the shop had closed."), "shop")) == ["Two men"]
    # A time that ends the source is not part of its words either.
    timed = about(attribute_text("The senator over the weekend joked about the tax bill.", models), "tax")
    assert timed.source is not None and timed.source.text == "The senator"


@models_needed
def test_a_seat_of_government_speaks_for_it(models) -> None:  # type: ignore[no-untyped-def]
    # A street is a place, but "Downing Street" stands for the government that sits there.
    a = about(one(models, "Downing Street denied that the minister had resigned."), "minister had resigned")
    assert chain(a) == ["Downing Street"]


def test_a_date_taken_for_the_subject_gives_way_to_the_name_in_it() -> None:
    # Built by hand as the parser misreads it: "Saturday" the subject, the senator hung on it.
    from spacy.lang.en import English
    from spacy.tokens import Doc

    from sourcetrace.attribution.speakers import spoken
    from sourcetrace.attribution.tree import _Found

    words = "Saturday at the convention Sen. Ines Varga said the plan failed .".split()
    doc = Doc(
        English().vocab,  # the language's lexical attributes (lower case, numbers), no model
        words=words,
        heads=[7, 0, 3, 1, 6, 6, 0, 7, 9, 10, 7, 7],
        deps="nsubj prep det pobj compound compound appos ROOT det nsubj ccomp punct".split(),
        pos="PROPN ADP DET NOUN PROPN PROPN PROPN VERB DET NOUN VERB PUNCT".split(),
        lemmas=[w.lower() for w in words],
        ents=["B-DATE", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
    )
    found = spoken(doc, _Found((7, 8), (0, 7), ((8, 11),), "verb", 7, (0, 7)))
    assert found is not None and found.source is not None
    assert doc[found.source[0] : found.source[1]].text == "Sen. Ines Varga"
    # With no name in it, a date is nobody: the sentence is the article's own.
    assert spoken(doc, _Found((7, 8), (0, 1), ((8, 11),), "verb", 7, (0, 1))) is None



def test_a_street_is_nobody_even_when_it_has_a_name() -> None:
    # Built by hand as the parser reads a sentence cut after "Ave.": "and Elm St. described how ...".
    from spacy.lang.en import English
    from spacy.tokens import Doc

    from sourcetrace.attribution.speakers import spoken
    from sourcetrace.attribution.tree import _Found

    words = "and E. 12th St. described how rioters ran .".split()
    doc = Doc(
        English().vocab,
        words=words,
        heads=[4, 2, 3, 4, 4, 7, 7, 4, 4],
        deps="cc compound compound nsubj ROOT advmod nsubj ccomp punct".split(),
        pos="CCONJ PROPN NOUN PROPN VERB SCONJ NOUN VERB PUNCT".split(),
        lemmas=[w.lower() for w in words],
    )
    assert spoken(doc, _Found((4, 5), (1, 4), ((5, 8),), "verb", 4, (1, 4))) is None


# --- who "he" and "she" are (each rule checked on eval/gold/polnear_pronouns.json) -------------------


@models_needed
def test_she_is_not_the_man_named_as_the_subject(models) -> None:  # type: ignore[no-untyped-def]
    # Gender from the honorifics of the article itself: the subject is "Mr.", so "she" is the other.
    text = "Mr. Ortiz greeted Ms. Vale at the harbour. She said the pier would reopen in June."
    assert chain(about(one(models, text), "the pier would reopen")) == ["Vale"]


@models_needed
def test_a_name_followed_by_he_said_is_a_man(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sam Keller said he would not resign. Sam Keller later thanked Alex Moreau for the help. "
        "She said the port would stay open."
    )
    assert chain(about(one(models, text), "the port would stay open")) == ["Alex Moreau"]


@models_needed
def test_he_is_the_subject_not_the_object_of_a_preposition(models) -> None:  # type: ignore[no-untyped-def]
    text = "Officer Dan Price stopped the car of Tom Reyes on Friday. He said the driver had been speeding."
    assert chain(about(one(models, text), "the driver had been speeding")) == ["Dan Price"]


@models_needed
def test_a_name_inside_a_quotation_is_not_who_she_is(models) -> None:  # type: ignore[no-untyped-def]
    text = "Reporters met Maria Lopez after the vote. “Tom Reyes deserves the credit,” she said."
    assert chain(about(one(models, text), "deserves the credit")) == ["Maria Lopez"]


@models_needed
def test_she_after_a_quotation_goes_on_with_the_last_speaker(models) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The budget is balanced,” Maria Lopez said at the meeting. Rita Moss, the new auditor, had "
        "reviewed the accounts in May. “There is no deficit,” she said."
    )
    assert chain(about(one(models, text), "There is no deficit")) == ["Maria Lopez"]


@models_needed
def test_a_place_that_modifies_the_speaker_does_not_speak(models) -> None:  # type: ignore[no-untyped-def]
    text = "A Brighton woman who lives by the pier said the ferry had left an hour early."
    assert chain(about(one(models, text), "the ferry had left")) == ["a Brighton woman"]


@models_needed
def test_a_cue_the_parser_left_hanging_shares_the_subject_of_the_verb_before(models) -> None:  # type: ignore[no-untyped-def]
    # "He paused, then added: “...”": the parser hangs "added" on "paused" with no subject of its own.
    text = "Mayor Tom Reyes spoke to the council. He paused, then added: “But I don’t know that.”"
    assert chain(about(one(models, text), "But I don’t know that")) == ["Tom Reyes"]
