"""Acceptance on the five real seed articles in ../shared/corpus/seeds (read from there, never copied).

Expectations annotated by reading the articles (see eval/gold/seeds_claims.json for the full set)."""

from __future__ import annotations

import json

import pytest

from sourcetrace.model import Claim, Dossier

pytestmark = [pytest.mark.models, pytest.mark.seeds]


def claim_with(dossier: Dossier, *fragments: str) -> Claim:
    """The claim holding the most reports whose sentences contain one of the fragments."""
    counts: dict[str, int] = {}
    for c in dossier.claims:
        counts[c.id] = sum(any(f in r.sentence.text for f in fragments) for r in c.reports)
    best = max(counts, key=lambda k: counts[k])
    assert counts[best] > 0, f"no claim reports any of {fragments}"
    return next(c for c in dossier.claims if c.id == best)


def test_json_validates_against_the_contract(seeds_dossier: Dossier, schema: dict) -> None:  # type: ignore[type-arg]
    import jsonschema

    from sourcetrace.render import render

    data = json.loads(render(seeds_dossier, "json"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert len(data["articles"]) == 5


def test_the_100_drone_claim_has_one_origin_and_at_least_four_echoes(seeds_dossier: Dossier) -> None:
    claim = claim_with(seeds_dossier, "100 ZT-180", "a hundred ZT-180")
    assert claim.echoes >= 4
    assert claim.origins == ("Der Spiegel",)


def test_the_negotiations_claim_is_denied_by_the_manufacturer(seeds_dossier: Dossier) -> None:
    claim = claim_with(
        seeds_dossier,
        "Negotiations are underway",
        "discussing the mass production",
        "involved in talks about full-scale production",
    )
    assert any("Bingo" in d for d in claim.denied_by), claim.denied_by
    assert "Der Spiegel" in claim.origins


def test_name_variants_are_one_entity_and_different_things_are_not(seeds_dossier: Dossier) -> None:
    entity_of = {alias: e for e in seeds_dossier.entities for alias in e.aliases}
    same = [
        (
            "Xi’an Bingo Intelligent Aviation Technology",
            "Xian Bingo Intelligent Aviation Technology",
            "Bingo",
        ),
        ("Anthony Blinken", "Antony Blinken"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Der Spiegel", "Spiegel"),
        ("Wall Street Journal", "WSJ"),
    ]
    for group in same:
        ids = {entity_of[a].id for a in group if a in entity_of}
        assert len(ids) == 1 and all(a in entity_of for a in group), group
    for a, b in [("Wang Yi", "Wang Wenbin"), ("Xi Jinping", "Bingo"), ("CNN", "WSJ")]:
        assert entity_of[a].id != entity_of[b].id, (a, b)
    for outlet in ("Der Spiegel", "CNN", "WSJ"):
        assert entity_of[outlet].type == "OUTLET"


def test_dates_and_removed_boilerplate(seeds_dossier: Dossier) -> None:
    articles = {a.id[:3]: a for a in seeds_dossier.articles}
    assert articles["001"].published == "2023-03-16"
    assert "Follow Alan Wong on Twitter." not in articles["003"].text
    assert any("Follow Alan Wong" in r.text for r in articles["003"].removed)


def test_contested_claims_show_their_conflicts(seeds_dossier: Dossier) -> None:
    shipping = claim_with(seeds_dossier, "falsify shipping documents", "falsifying shipping documents")
    assert shipping.verdict == "contested"
    assert "actor" in {c.kind for c in shipping.conflicts}
    ammunition = claim_with(seeds_dossier, "looking into supplying", "small arms like handheld weaponry")
    assert ammunition.verdict == "contested"
    content = [c for c in ammunition.conflicts if c.kind == "content"]
    assert content and "artillery" in content[0].detail


def test_attribution_chains_on_the_seeds(seeds_dossier: Dossier) -> None:
    def chain_of(fragment: str) -> list[str]:
        # The report that states the fragment (its content holds it), whatever the order of the claims.
        holding = [r for c in seeds_dossier.claims for r in c.reports if fragment in r.sentence.text]
        report = next((r for r in holding if fragment in r.content.text), holding[0])
        return [link.source for link in report.chain]

    assert chain_of("Negotiations are underway")[:2] == ["Der Spiegel", "unnamed sources"]
    assert chain_of("WSJ sources say")[0] == "The Wall Street Journal"  # the outlet table's name
    assert chain_of("Bingo Intelligent has no commercial contact")[-1].startswith("Xi’an Bingo")
