"""Verdicts on hand-built claims: origins fold unnamed sources, echoes count articles, conflicts."""

from __future__ import annotations

from dataclasses import replace

from sourcetrace.model import Article, ChainLink, Claim, Dossier, Quantity, Report, Span, Story
from sourcetrace.provenance import build_provenance, build_timeline
from sourcetrace.render import render
from sourcetrace.sources import StoryIndex, copied_passages, index_story
from sourcetrace.verdicts import judge

SPIEGEL = ChainLink("Der Spiegel", "outlet", "e-der-spiegel", "said")
UNNAMED = ChainLink("unnamed sources", "unnamed")
CNN = ChainLink("CNN", "outlet", "e-cnn", "reported")
BINGO = ChainLink("Bingo", "organisation", "e-bingo", "said")

ARTICLES = {a: Article(a, f"{a}.txt", "text", outlet=f"Outlet {a}") for a in ("a", "b", "c", "d", "e")}


def report(
    article: str,
    chain: tuple[ChainLink, ...],
    stance: str = "asserts",
    quantities: tuple[Quantity, ...] = (),
    predicate: str | None = None,
    subject: str | None = None,
) -> Report:
    span = Span(0, 10, "some text.")
    return Report(
        article,
        span,
        span,
        stance,
        chain,
        quantities=quantities,
        predicate=predicate,  # type: ignore[arg-type]
        subject=subject,
    )


def claim(*reports: Report) -> Claim:
    return Claim("c1", "s1", "A statement.", tuple(reports))


def test_five_outlets_relaying_one_magazine_are_one_origin() -> None:
    c = judge(claim(*(report(a, (SPIEGEL, UNNAMED)) for a in "abcde")), (), ARTICLES, (), {})
    assert c.origins == ("Der Spiegel",)
    assert c.echoes == 5
    assert c.verdict == "single_origin"


def test_two_named_origins_corroborate() -> None:
    c = judge(claim(report("a", (SPIEGEL,)), report("b", (CNN, UNNAMED))), (), ARTICLES, (), {})
    assert set(c.origins) == {"Der Spiegel", "CNN"}
    assert c.verdict == "corroborated"


def test_two_origins_corroborate_only_through_reports_that_match_each_other() -> None:
    # Der Spiegel and CNN sit in one claim only through a third report (an echo of Der Spiegel's):
    # no report of one matches a report of the other directly, so nothing corroborates the claim.
    reports = (report("a", (SPIEGEL,)), report("b", (SPIEGEL, UNNAMED)), report("c", (CNN,)))
    linked = judge(claim(*reports), (), ARTICLES, (), {}, None, matched=[(0, 1), (1, 2)])
    assert set(linked.origins) == {"Der Spiegel", "CNN"}
    assert linked.verdict == "single_origin"
    direct = judge(claim(*reports), (), ARTICLES, (), {}, None, matched=[(0, 2)])
    assert direct.verdict == "corroborated"


def test_own_voice_originates_with_the_outlet_and_a_copy_is_only_an_echo() -> None:
    c = judge(claim(report("a", ()), report("b", ())), (), ARTICLES, (("a", "b"),), {})
    assert c.origins == ("Outlet a",)
    assert c.echoes == 2


def test_a_denial_names_its_source_and_is_not_an_echo() -> None:
    c = judge(
        claim(report("a", (SPIEGEL,)), report("b", (CNN, BINGO), stance="denies")), (), ARTICLES, (), {}
    )
    assert c.denied_by == ("Bingo",)
    assert c.echoes == 1
    assert c.verdict == "denied"


def test_disjoint_numbers_make_a_quantity_conflict_and_contested_wins() -> None:
    hundred = Quantity("100", 100, 100, "drone")
    more = Quantity("more than a hundred", 100.5, float("inf"), "drone")
    c = judge(
        claim(
            report("a", (SPIEGEL,), quantities=(hundred,)),
            report("b", (SPIEGEL,), quantities=(more,)),
            report("c", (CNN, BINGO), stance="denies"),
        ),
        (),
        ARTICLES,
        (),
        {},
    )
    assert [x.kind for x in c.conflicts] == ["quantity"]
    assert "100" in c.conflicts[0].detail and "more than a hundred" in c.conflicts[0].detail
    assert c.verdict == "contested"


def test_compatible_numbers_are_drift_not_conflict() -> None:
    hundred = Quantity("100", 100, 100, "drone")
    about = Quantity("around 100", 90, 110, "drone", approximate=True)
    c = judge(
        claim(report("a", (SPIEGEL,), quantities=(hundred,)), report("b", (SPIEGEL,), quantities=(about,))),
        (),
        ARTICLES,
        (),
        {},
    )
    assert c.conflicts == ()


def test_different_actors_for_one_act_conflict() -> None:
    c = judge(
        claim(
            report("a", (SPIEGEL,), predicate="falsify", subject="e-bingo"),
            report("b", (), predicate="falsify", subject="e-army"),
        ),
        (),
        ARTICLES,
        (),
        {"e-bingo": "Bingo", "e-army": "Chinese Army"},
    )
    assert [x.kind for x in c.conflicts] == ["actor"]
    assert "Bingo" in c.conflicts[0].detail and "Chinese Army" in c.conflicts[0].detail


def test_contrasting_accounts_are_a_content_conflict() -> None:
    c = judge(
        claim(report("a", (CNN, UNNAMED)), report("a", (ChainLink("WSJ", "outlet", "e-wsj"), UNNAMED))),
        ((0, 1),),
        ARTICLES,
        (),
        {},
    )
    assert [x.kind for x in c.conflicts] == ["content"]
    assert c.verdict == "contested"


# ------------------------------------------------------------ independence rules (docs/verdicts.md)

DATED = {
    "a": Article("a", "a.txt", "text", outlet="Outlet A", published="2024-05-01"),
    "b": Article("b", "b.txt", "text", outlet="Outlet B", published="2024-05-02"),
    "c": Article("c", "c.txt", "text", outlet="Outlet C", published="2024-05-03"),
    "x": Article("x", "x.txt", "text", published="2024-05-01"),  # no known outlet
    "r": Article("r", "r.txt", "text", outlet="Reuters", published="2024-05-01"),
}
OUTLET_A = ChainLink("Outlet A", "outlet", None, "told")


def said(article: str, sentence: str, *chain: ChainLink, start: int = 0, stance: str = "asserts") -> Report:
    span = Span(start, start + len(sentence), sentence)
    return Report(article, span, span, stance, chain)  # type: ignore[arg-type]


def origins(*reports: Report, index: StoryIndex | None = None) -> Claim:
    return judge(claim(*reports), (), DATED, (), {}, index)


def test_an_unnamed_source_is_identified_by_its_relay_and_described() -> None:
    close = ChainLink("a source close to the minister", "unnamed")
    c = origins(said("a", "The minister will resign, a source close to the minister said.", close))
    assert c.origins == ("Outlet A",)
    assert c.traces[0].description == "a source close to the minister, via Outlet A"


def test_the_source_later_in_the_article_is_the_source_described_before() -> None:
    first = said("a", "The port will close, a source close to the minister said.",
                 ChainLink("a source close to the minister", "unnamed"))
    later = said("a", "The bridge will close too, the source said.", ChainLink("the source", "unnamed"),
                 start=80)
    index = index_story(list(DATED.values()), [first, later])
    c = origins(later, index=index)
    assert c.traces[0].description == "a source close to the minister, via Outlet A"


def test_another_articles_according_to_outlet_as_source_is_an_echo_of_it() -> None:
    own = said("a", "The minister will resign, a source said.", ChainLink("a source", "unnamed"))
    relayed = said("b", "The minister will resign, according to a source quoted by Outlet A.",
                   OUTLET_A, ChainLink("a source", "unnamed"))
    c = origins(own, relayed)
    assert c.origins == ("Outlet A",)
    assert [t.role for t in c.traces] == ["origin", "echo"]
    assert c.verdict == "single_origin"


def test_told_outlet_a_in_the_text_puts_the_relay_in_the_chain() -> None:
    # Attribution found only "officials"; the sentence shows Outlet A relaying them.
    c = origins(
        said("a", "Officials said the talks failed.", ChainLink("officials", "unnamed")),
        said("b", "The talks failed, officials told Outlet A on Monday.", ChainLink("officials", "unnamed")),
    )
    assert c.origins == ("Outlet A",)
    assert c.traces[1].role == "echo"


def test_told_reuters_inside_reuters_is_its_own_reporting() -> None:
    c = origins(said("r", "The mine closed, a manager told Reuters.", ChainLink("Reuters", "outlet"),
                     ChainLink("a manager", "other")))
    assert c.origins == ("Reuters",)
    assert c.traces[0].role == "origin"


def test_an_own_voice_repeat_of_an_attributed_claim_is_an_echo() -> None:
    c = origins(
        said("a", "The dam is cracked, Ann Vale said.", ChainLink("Ann Vale", "person", "e-vale")),
        said("b", "The dam is cracked."),
    )
    assert c.origins == ("Ann Vale",)
    assert [t.role for t in c.traces] == ["origin", "echo"]


def test_own_voice_only_rests_on_the_earliest_article_and_later_repeats_echo() -> None:
    c = origins(said("c", "The dam is cracked."), said("a", "The dam is cracked."),
                said("b", "The dam cracked."))
    assert c.origins == ("Outlet A",)
    assert c.verdict == "single_origin"
    assert {t.article: t.role for t in c.traces} == {"a": "origin", "b": "echo", "c": "echo"}


def test_a_copied_passage_carries_the_origin_of_its_earliest_appearance() -> None:
    text_a = "Ann Vale said the old dam on the river is cracked in three places."
    text_b = "In other news. The old dam on the river is cracked in three places, Ann Vale said."
    arts = {
        "a": replace(DATED["a"], text=text_a),
        "b": replace(DATED["b"], text=text_b),
    }
    copied = copied_passages(list(arts.values()))
    assert copied == {("b", 14): ("a", 0)}
    index = index_story(list(arts.values()), [])
    c = judge(claim(said("b", text_b[14:], ChainLink("Bob Pine", "person", "e-pine"), start=14)),
              (), arts, (), {}, index)
    assert "copies a passage of Outlet A" in c.traces[0].why


def test_untraced_reports_are_shown_and_never_corroborate() -> None:
    c = origins(
        said("a", "The dam is cracked, he said.", ChainLink("he", "other")),
        said("b", "The dam is cracked, according to reports.", ChainLink("reports", "document")),
        said("c", "The dam is cracked, Ann Vale said.", ChainLink("Ann Vale", "person", "e-vale")),
    )
    assert c.origins == ("Ann Vale",)
    assert [t.role for t in c.traces] == ["untraced", "untraced", "origin"]
    assert c.verdict == "single_origin"


def test_an_article_with_no_known_outlet_is_never_a_named_origin() -> None:
    c = origins(said("x", "The dam is cracked."), said("x", "The dam is cracked, a source said.",
                                                      ChainLink("a source", "unnamed")))
    assert c.origins == ()
    assert {t.role for t in c.traces} == {"untraced"}
    assert "unknown outlet (article x)" in c.traces[0].why


def test_two_distinct_identified_sources_corroborate() -> None:
    c = origins(
        said("a", "The dam is cracked, Ann Vale said.", ChainLink("Ann Vale", "person", "e-vale")),
        said("b", "The dam is cracked, a source told Outlet B.", ChainLink("a source", "unnamed")),
    )
    assert c.origins == ("Ann Vale", "Outlet B")
    assert c.verdict == "corroborated"


def test_name_variants_and_a_bare_surname_are_one_speaker() -> None:
    c = origins(
        said("a", "x", ChainLink("Ann B. Vale", "person", "e-1")),
        said("b", "x", ChainLink("Ann Vale", "person", "e-2")),
        said("c", "x", ChainLink("Vale", "person", "e-3")),
    )
    assert len(c.origins) == 1 and c.verdict == "single_origin"


def test_a_description_relayed_by_a_named_source_is_identified_through_it() -> None:
    c = origins(
        said("a", "x", ChainLink("Outlet C", "outlet"), ChainLink("police", "other")),
        said("b", "x", ChainLink("Outlet C", "outlet")),
    )
    assert c.origins == ("Outlet C",)


def test_a_spokesperson_speaks_for_the_body() -> None:
    c = origins(
        said("a", "x", ChainLink("a harbour authority spokeswoman", "other")),
        said("b", "x", ChainLink("harbour authority", "organisation")),
    )
    assert len(c.origins) == 1


def test_first_reported_by_names_the_origin_of_own_voice_reports() -> None:
    arts = {"a": replace(DATED["a"], text="The dam is cracked, as first reported by the Daily Flare.")}
    index = index_story(list(arts.values()), [])
    c = judge(claim(said("a", "The dam is cracked.")), (), arts, (), {}, index)
    assert c.origins == ("Daily Flare",)


def test_a_denial_is_neither_origin_nor_echo() -> None:
    c = origins(
        said("a", "x", ChainLink("Ann Vale", "person", "e-vale")),
        said("b", "x", ChainLink("Bob Pine", "person", "e-pine"), stance="denies"),
    )
    assert [t.role for t in c.traces] == ["origin", "denial"]
    assert c.origins == ("Ann Vale",)


def test_a_copy_keeps_the_identity_its_passage_had_where_it_first_appeared() -> None:
    text_a = "The old dam on the river north of the town is cracked in three places, Ann Vale said."
    text_b = "The old dam on the river north of the town is cracked in three places, an engineer said."
    arts = {"a": replace(DATED["a"], text=text_a), "b": replace(DATED["b"], text=text_b)}
    index = index_story(list(arts.values()), [])
    c = judge(
        claim(said("a", text_a, ChainLink("Ann Vale", "person", "e-vale")),
              said("b", text_b, ChainLink("an engineer", "other"))),
        (), arts, (), {}, index,
    )
    assert c.origins == ("Ann Vale",)
    assert [t.role for t in c.traces] == ["origin", "echo"]


def test_a_description_hung_on_an_unresolved_pronoun_is_untraced() -> None:
    c = origins(said("a", "x", ChainLink("His sister", "other")),
                said("b", "x", ChainLink("the pair", "other")))
    assert c.origins == () and {t.role for t in c.traces} == {"untraced"}


def test_a_shorter_name_that_ends_one_longer_name_is_that_speaker() -> None:
    c = origins(
        said("a", "x", ChainLink("Donald Vale Jr.", "person", "e-1")),
        said("b", "x", ChainLink("Vale Jr.", "person", "e-2")),
    )
    assert c.origins == ("Donald Vale Jr.",)


# ------------------------------------------------------------------ graph, timeline and rendering


def _copied_story() -> tuple[dict[str, Article], Claim]:
    text_a = "Ann Vale said the old dam on the river north of the town is cracked in three places."
    text_b = "Rain fell. Ann Vale said the old dam on the river north of the town is cracked in three places."
    arts = {"a": replace(DATED["a"], text=text_a), "b": replace(DATED["b"], text=text_b)}
    vale = ChainLink("Ann Vale", "person", "e-vale")
    reports = (said("a", text_a, vale), said("b", text_b[11:], vale, start=11))
    index = index_story(list(arts.values()), list(reports))
    return arts, judge(claim(*reports), (), arts, (), {}, index)


def test_the_graph_says_which_article_copies_which_passage() -> None:
    arts, c = _copied_story()
    graph = build_provenance([c], list(arts.values()), [Story("s1", "t", ("a", "b"))])
    kinds = {(e.source, e.target, e.kind) for e in graph.edges}
    assert ("article:b", "article:a", "copies") in kinds
    passage = next(n for n in graph.nodes if n.kind == "passage")
    assert "old dam" in passage.label and passage.article == "a"
    assert ("article:b", passage.id, "copies passage") in kinds
    assert (passage.id, "article:a", "first appears in") in kinds


def test_the_timeline_says_who_reported_first_only_when_dates_show_it() -> None:
    arts, c = _copied_story()
    firsts = [e for e in build_timeline([c], list(arts.values())) if e.kind == "first_report"]
    assert [(e.date, e.article) for e in firsts] == [("2024-05-01", "a")]
    assert "first reported by Outlet A" in firsts[0].text
    undated = {k: replace(v, published=None) for k, v in arts.items()}
    assert not [e for e in build_timeline([c], list(undated.values())) if e.kind == "first_report"]


def test_markdown_and_html_show_origins_with_relays_and_their_echoes() -> None:
    c = origins(
        said("a", "The dam is cracked, Ann Vale told Outlet C.", ChainLink("Outlet C", "outlet"),
             ChainLink("Ann Vale", "person", "e-vale")),
        said("b", "The dam is cracked, Ann Vale said.", ChainLink("Ann Vale", "person", "e-vale")),
        said("c", "The dam is cracked, he said.", ChainLink("he", "other")),
    )
    dossier = Dossier(tuple(DATED.values()), (Story("s1", "Dam", ("a", "b", "c"), (c.id,)),), (), (c,))
    md = render(dossier, "markdown")
    assert "**Ann Vale**" in md and "relayed by Outlet C" in md
    assert "echo: report 2" in md and "untraced (not counted): report 3" in md
    page = render(dossier, "html")
    assert "Origins and echoes" in page and "relayed by Outlet C" in page and "untraced (not counted)" in page


def test_a_report_that_only_questions_the_claim_is_no_origin() -> None:
    c = origins(
        said("a", "x", ChainLink("Ann Vale", "person", "e-vale")),
        said("b", "x", ChainLink("Harbour Ministry", "organisation"), stance="questions"),
    )
    assert c.origins == ("Ann Vale",) and c.verdict == "single_origin"
    assert [t.role for t in c.traces] == ["origin", "question"]


def test_without_dates_the_graph_says_text_is_shared_not_who_copied() -> None:
    arts, c = _copied_story()
    undated = {k: replace(v, published=None) for k, v in arts.items()}
    graph = build_provenance([c], list(undated.values()), [Story("s1", "t", ("a", "b"))])
    kinds = {e.kind for e in graph.edges}
    assert "shares text with" in kinds and "shares passage" in kinds
    assert not kinds & {"copies", "copies passage"}


def test_the_original_of_a_copied_passage_is_the_origin_whatever_the_article_ids() -> None:
    # "a0" sorts before "z9": the copy must still not take the origin from the article it copies.
    sentence = "A source close to the minister said the old dam on the river is cracked in three places."
    arts = {
        "z9": Article("z9", "z9.txt", sentence, outlet="Outlet Z", published="2024-05-01"),
        "a0": Article("a0", "a0.txt", sentence + " Other news.", outlet="Outlet A", published="2024-05-02"),
    }
    close = ChainLink("a source close to the minister", "unnamed")
    reports = [said("z9", sentence, close), said("a0", sentence, close)]
    c = judge(claim(*reports), (), arts, (), {}, index_story(list(arts.values()), reports))
    assert [(t.article, t.role) for t in c.traces] == [("z9", "origin"), ("a0", "echo")]
    assert "copies a passage of Outlet Z" in c.traces[1].why


def test_a_report_that_speaks_of_a_thing_and_states_nothing_is_no_origin() -> None:
    # "The ministry could not confirm the messages" sits with "the mayor exchanged messages with the
    # port's owner": the ministry states nothing, so it neither originates nor corroborates the claim.
    stated = said("a", "x", ChainLink("Ann Vale", "person", "e-vale"))
    topic = replace(said("b", "y", ChainLink("Harbour Ministry", "organisation")), topic=True)
    c = origins(stated, topic)
    assert c.origins == ("Ann Vale",) and c.verdict == "single_origin"
    assert [t.role for t in c.traces] == ["origin", "topic"]
    story = Story("s1", "t", ("a", "b"), claims=("c1",))
    md = render(Dossier(tuple(DATED.values()), (story,), (), (c,)), "markdown")
    assert "speaks of it, states nothing (not counted): report 2" in md


def test_a_claim_of_topic_reports_only_keeps_their_sources_as_origins() -> None:
    # "hailed the meeting with the mayor" and nothing else: the claim is what its sources speak of.
    c = origins(replace(said("a", "x", ChainLink("Ann Vale", "person", "e-vale")), topic=True))
    assert c.origins == ("Ann Vale",)


def test_two_wordings_of_one_resolved_person_are_one_origin() -> None:
    # "Bill Marsh (the mayor)" and "Marsh" are one person once the entity stage resolved both: one origin,
    # not two that corroborate each other. Different people stay two.
    a = said("a", "x", ChainLink("Bill Marsh (the mayor)", "person", "e-bill-marsh"))
    b = said("b", "x", ChainLink("Mayor Marsh", "person", "e-bill-marsh"))
    c = origins(a, b)
    assert len(c.origins) == 1 and c.verdict == "single_origin", c.origins
    other = said("c", "x", ChainLink("Mayor Marsh", "person", "e-tom-marsh"))
    assert len(origins(a, other).origins) == 2
