"""Verdicts on hand-built claims: origins fold unnamed sources, echoes count articles, conflicts."""

from __future__ import annotations

from sourcetrace.model import Article, ChainLink, Claim, Quantity, Report, Span
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
