"""Stories (sourcetrace/stories/): the one similarity and its callers for a folder (group) and for one
new article (assign), on hand-built vectors and invented texts; the stream has tests/test_cluster.py."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from sourcetrace.model import Article
from sourcetrace.stories import (
    ClusterSettings,
    Group,
    Stored,
    StoryClusterer,
    assign_sketch,
    average_linkage,
    choose_story,
    group_sketches,
    group_vectors,
    link,
    near_duplicates,
    sketch,
)

BASE = (
    "The council approved the new tram line on Tuesday after a long debate about costs, routes and the "
    "timetable for construction, which is due to start next spring and finish within four years."
)
LEXICAL = ClusterSettings(embedding_weight=0.0, hashed_dims=256)
TRAM = [
    "Bristol councillors approved the Temple Meads tram line, whose 14 stops will open by 2031.",
    "The Temple Meads tram line won approval from Bristol councillors; its 14 stops open by 2031.",
    "Bristol's tram line to Temple Meads was approved, with 14 stops planned to open by 2031.",
]
ENGINES = [
    "D'Arcy Aeromotive denied selling turbojet engines to Sarvania despite the arms embargo.",
    "Sarvania received turbojet engines from D'Arcy Aeromotive, the embargo monitors say; D'Arcy Aeromotive "
    "denied it.",
]


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)  # type: ignore[no-any-return]


def test_near_copies_are_grouped_and_different_texts_are_not() -> None:
    copy = BASE + " Reporting by a wire service."  # a syndicated copy with a credit line
    other = "A drone maker denied selling engines abroad, saying it had no commercial contact with the buyer."
    groups = near_duplicates([BASE, other, copy])
    assert groups == [{0, 2}]


def test_average_linkage_respects_threshold_and_floor() -> None:
    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.8], [0.1, 0.8, 1.0]])
    # {0, 1} joins 2 at a mean of (0.1 + 0.8) / 2 = 0.45.
    assert sorted(map(sorted, average_linkage(sim, 0.5))) == [[0, 1], [2]]
    assert sorted(map(sorted, average_linkage(sim, 0.4))) == [[0, 1, 2]]
    # With a floor, 0 and 2 (0.1 apart) never end up together.
    assert sorted(map(sorted, average_linkage(sim, 0.4, floor=0.5))) == [[0, 1], [2]]


def test_the_link_of_two_groups_is_the_mean_similarity_of_their_members() -> None:
    a, b, c = unit(1, 0, 0), unit(0.6, 0.8, 0), unit(0, 0, 1)
    left = Group.of(a)
    left.absorb(Group.of(b))
    # Pairs (a, c) 0 and (b, c) 0; (a, b) 0.6 only counts inside the group. Sums are kept in float16.
    assert link(LEXICAL, left, Group.of(c)) == pytest.approx(0.0, abs=2e-3)
    assert link(LEXICAL, Group.of(a), left) == pytest.approx((1.0 + 0.6) / 2, abs=2e-3)


def test_the_time_penalty_grows_with_the_gap_beyond_the_grace_days() -> None:
    s = replace(LEXICAL, time_penalty=0.2, time_grace_days=2.0, time_horizon_days=12.0)
    v = unit(1, 0)
    assert link(s, Group.of(v, 100.0), Group.of(v, 101.0)) == pytest.approx(1.0)
    assert link(s, Group.of(v, 100.0), Group.of(v, 107.0)) == pytest.approx(1.0 - 0.2 * 5 / 10)
    assert link(s, Group.of(v, 100.0), Group.of(v, 400.0)) == pytest.approx(0.8)
    assert link(s, Group.of(v, None), Group.of(v, 400.0)) == pytest.approx(1.0)


def test_a_folder_merges_while_the_mean_link_reaches_the_threshold() -> None:
    # Two tight pairs; across them every similarity is 0.3, so the mean link is 0.3.
    e = np.eye(3, dtype=np.float32)
    near_a, near_b = unit(1, 0.2, 0), unit(0.2, 1, 0)
    vectors = np.stack([e[0], near_a, e[1], near_b])
    links = vectors @ vectors.T
    across = float(np.mean(links[:2, 2:]))
    undated = [None] * 4
    apart = group_vectors(vectors, undated, replace(LEXICAL, threshold=across + 0.01))
    assert apart == [[0, 1], [2, 3]]
    assert group_vectors(vectors, undated, replace(LEXICAL, threshold=across - 0.01)) == [[0, 1, 2, 3]]


def test_near_copies_start_together_whatever_the_threshold() -> None:
    vectors = np.stack([unit(1, 0), unit(0, 1), unit(1, 0.01)])
    unreachable = replace(LEXICAL, threshold=1.5)
    assert group_vectors(vectors, [None] * 3, unreachable) == [[0], [1], [2]]
    assert group_vectors(vectors, [None] * 3, unreachable, together=[[1, 2]]) == [[0], [1, 2]]


def test_dates_far_apart_split_a_folder_as_they_split_a_stream() -> None:
    s = replace(LEXICAL, threshold=0.8, time_penalty=0.5)
    vectors = np.stack([unit(1, 0.1), unit(1, 0.12), unit(1, 0.11), unit(1, 0.13)])
    dates = [10.0, 11.0, 300.0, 301.0]
    assert group_vectors(vectors, dates, s) == [[0, 1], [2, 3]]
    assert group_vectors(vectors, [None] * 4, s) == [[0, 1, 2, 3]]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_folder_and_a_stream_agree_on_well_separated_stories(seed: int) -> None:
    rng = np.random.default_rng(seed)
    s = replace(LEXICAL, hashed_dims=32, threshold=0.5, fragment_threshold=0.8)
    centres = rng.normal(size=(5, s.dims))
    labels = [g for g in range(5) for _ in range(6)]
    vectors = np.stack(
        [centres[g] / np.linalg.norm(centres[g]) + 0.05 * rng.normal(size=s.dims) for g in labels]
    )
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    folder = {frozenset(m) for m in group_vectors(vectors, [None] * len(vectors), s)}
    clusterer = StoryClusterer(s)
    order = list(range(len(vectors)))
    random.Random(seed).shuffle(order)
    for key in order:
        clusterer.add(key, vectors[key], np.full(128, key, dtype=np.uint32))
    by_label: dict[int, set[int]] = {}
    for key, label in clusterer.finish():
        by_label.setdefault(label, set()).add(key)
    stream = {frozenset(m) for m in by_label.values()}
    assert (
        folder == stream == {frozenset(i for i, g in enumerate(labels) if g == group) for group in range(5)}
    )


def articles(texts: list[str], prefix: str) -> list[Article]:
    return [Article(id=f"{prefix}{n}", source=f"{prefix}{n}.txt", text=t) for n, t in enumerate(texts)]


def test_a_folder_of_invented_articles_falls_into_its_stories() -> None:
    folder = articles(TRAM, "t") + articles(ENGINES, "e")
    order = [3, 0, 4, 1, 2]
    stories = group_sketches([sketch(folder[i]) for i in order], settings=LEXICAL)
    assert sorted(sorted(folder[order[k]].id[0] for k in story) for story in stories) == [
        ["e"] * 2,
        ["t"] * 3,
    ]


def test_a_new_article_joins_the_story_it_is_most_like_or_opens_one() -> None:
    stored = [Stored("s1", a, np.zeros(0, np.float32)) for a in articles(TRAM[:2], "t")]
    stored += [Stored("s2", a, np.zeros(0, np.float32)) for a in articles(ENGINES[:1], "e")]
    tram, engines = articles([TRAM[2], ENGINES[1]], "n")
    assert choose_story(tram, None, stored, LEXICAL) == "s1"
    assert choose_story(engines, None, stored, LEXICAL) == "s2"
    floods = Article("f", "f.txt", "Heavy rain flooded Kelmscott overnight and 300 homes were evacuated.")
    assert choose_story(floods, None, stored, LEXICAL) is None
    assert choose_story(tram, None, [], LEXICAL) is None


def test_assignment_is_the_mean_link_against_the_threshold_and_ties_go_to_the_older_story() -> None:
    s = replace(LEXICAL, hashed_dims=8, duplicate_jaccard=1.1)  # no near-copy rule: the link alone decides
    item = sketch(Article("x", "x", "Bristol tram line approved"))
    members = [("s1", item), ("s2", item)]
    assert assign_sketch(item, members, replace(s, threshold=0.5)) == "s1"
    assert assign_sketch(item, members, replace(s, threshold=1.5)) is None
    assert assign_sketch(item, [], s) is None


def test_a_near_copy_joins_the_story_of_what_it_copies_whatever_the_threshold() -> None:
    original = Article("o", "o.txt", BASE + " " + TRAM[0])
    copy = Article("c", "c.txt", BASE + " " + TRAM[0] + " Reporting by the wire.")
    other = Article("e", "e.txt", ENGINES[0])
    strict = replace(LEXICAL, threshold=1.5)
    stored = [Stored("s1", other, np.zeros(0, np.float32)), Stored("s2", original, np.zeros(0, np.float32))]
    assert choose_story(copy, None, stored, strict) == "s2"


def test_an_embedding_of_the_wrong_size_is_refused() -> None:
    stored = [Stored("s1", articles(TRAM[:1], "t")[0], np.ones(3, np.float32))]
    with pytest.raises(ValueError, match="384"):
        choose_story(articles(TRAM[1:2], "n")[0], None, stored)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_three_callers_agree_on_invented_stories_in_any_arrival_order(seed: int) -> None:
    from sourcetrace.stories import Sketch, cluster_sketches

    folder = articles(TRAM, "t") + articles(ENGINES, "e")
    random.Random(seed).shuffle(folder)
    sketches = [sketch(a) for a in folder]
    expected = {frozenset(i for i, a in enumerate(folder) if a.id[0] == kind) for kind in "te"}
    grouped = {frozenset(story) for story in group_sketches(sketches, settings=LEXICAL)}
    streamed = {frozenset(story) for story in cluster_sketches(sketches, settings=LEXICAL)[0]}
    members: list[tuple[str, Sketch]] = []
    by_story: dict[str, set[int]] = {}
    for n, item in enumerate(sketches):
        story = assign_sketch(item, members, LEXICAL) or f"new{n}"
        members.append((story, item))
        by_story.setdefault(story, set()).add(n)
    added = {frozenset(m) for m in by_story.values()}
    assert grouped == streamed == added == expected
