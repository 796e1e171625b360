"""The whole pipeline on our fictional example corpus, against the corpus's own hand annotations
(examples/annotations.json, written by reading the articles, not from any output of ours)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.model import Dossier

pytestmark = pytest.mark.models

ANNOTATIONS = json.loads(
    (Path(__file__).resolve().parent.parent / "examples" / "annotations.json").read_text()
)


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def test_articles_about_different_stories_come_out_as_separate_stories(example_dossier: Dossier) -> None:
    found = sorted(sorted(s.articles) for s in example_dossier.stories)
    expected = sorted(sorted(stem(f) for f in group) for group in ANNOTATIONS["stories"])
    assert found == expected
    for story in example_dossier.stories:
        assert story.claims, f"story {story.title!r} has no claims"
        claims = {c.id: c for c in example_dossier.claims}
        assert all(claims[c].story == story.id for c in story.claims)


def test_nothing_is_skipped_and_boilerplate_is_removed_not_lost(example_dossier: Dossier) -> None:
    assert example_dossier.problems == ()
    articles = {a.id: a for a in example_dossier.articles}
    for name, lines in ANNOTATIONS["boilerplate"].items():
        article = articles[stem(name)]
        removed = " ".join(r.text for r in article.removed)
        for line in lines:
            assert line not in article.text, f"{name}: {line!r} left in the text"
            assert line.strip() in removed or line.strip()[:40] in removed, (
                f"{name}: {line!r} dropped silently"
            )


def test_dates_from_date_lines(example_dossier: Dossier) -> None:
    articles = {a.id: a for a in example_dossier.articles}
    for name, date in ANNOTATIONS["dates"].items():
        assert articles[stem(name)].published == date


def test_different_people_sharing_a_name_are_not_merged(example_dossier: Dossier) -> None:
    entity_of = {alias: e.id for e in example_dossier.entities for alias in e.aliases}
    for a, b in ANNOTATIONS["distinct_entities"]:
        assert a in entity_of and b in entity_of
        assert entity_of[a] != entity_of[b], f"{a} and {b} were merged"


@pytest.mark.parametrize("name", ["Timur Bakhtiyarov", "D'Arcy Aeromotive", "Gannet-9"])
def test_spelling_variants_end_in_one_entity(example_dossier: Dossier, name: str) -> None:
    gold = next(e for e in ANNOTATIONS["entities"] if e["name"] == name)
    entity_of = {alias: e.id for e in example_dossier.entities for alias in e.aliases}
    seen = {entity_of[a] for a in gold["aliases"] if a in entity_of}
    assert len(seen) == 1, f"{name}: aliases split over {seen}"


def test_the_denial_is_attributed_to_the_company(example_dossier: Dossier) -> None:
    denials = [(r, c) for c in example_dossier.claims for r in c.reports if r.stance == "denies"]
    assert any(
        "no commercial contact" in r.sentence.text and any("Arcy" in link.source for link in r.chain)
        for r, _ in denials
    )
    assert any(c.verdict in ("denied", "contested") and c.denied_by for _, c in denials)
