"""Streaming story clustering (sourcetrace/stories/stream.py): hand-built vectors and texts; the example
corpus for the one test that needs the embedding model."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.model import Article
from sourcetrace.stories import (
    ClusterSettings,
    DocumentFrequencies,
    Sketch,
    StoryClusterer,
    cluster_articles,
    cluster_sketches,
    minhash_signature,
    sketch,
    term_counts,
    vectorize,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
LEXICAL = ClusterSettings(embedding_weight=0.0, hashed_dims=256)

TRAM = (
    "Bristol City Council voted on Tuesday to approve a tram line between Temple Meads and Hotwells, a "
    "project that supporters say will ease congestion. The route will serve 14 stops and open by 2031."
)
ENGINES = (
    "D'Arcy Aeromotive agreed to supply 120 turbojet engines to the defence ministry of Sarvania, a "
    "country under an arms embargo, according to documents seen by The Northgate Review."
)
FLOODS = (
    "Heavy rain flooded the lower town of Kelmscott overnight, and the river authority said 300 homes "
    "were evacuated while pumps worked to clear the main road before the weekend market."
)


def groups(n: int, size: int, dims: int, seed: int = 1, noise: float = 0.25) -> list[tuple[int, np.ndarray]]:
    """``n`` groups of ``size`` unit vectors scattered around random centres: (group, vector) pairs."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n, dims))
    out: list[tuple[int, np.ndarray]] = []
    for g in range(n):
        for _ in range(size):
            v = centres[g] / np.linalg.norm(centres[g]) + noise * rng.normal(size=dims) / np.sqrt(dims)
            out.append((g, (v / np.linalg.norm(v)).astype(np.float32)))
    return out


def signature(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)


def partition(pairs: list[tuple[int, int]], members: dict[int, int]) -> set[frozenset[int]]:
    """The final (key, label) pairs as a set of groups of the callers' group numbers' keys."""
    by_label: dict[int, set[int]] = {}
    for key, label in pairs:
        by_label.setdefault(label, set()).add(key)
    return {frozenset(keys) for keys in by_label.values()}


def test_terms_are_folded_words_names_and_numbers() -> None:
    counts = term_counts("The Islamic State released 2 videos; Islamic State fighters said 1,200 engines.")
    assert counts["w:video"] == 1 and counts["w:engine"] == 1  # plurals folded
    assert counts["e:islamic state"] == 2
    assert counts["n:1200"] == 1 and counts["n:2"] == 1
    assert "w:the" not in counts and "w:said" not in counts  # stop words and reporting words out


@given(st.text(max_size=300), st.none() | st.sampled_from(["2024-02-29", "2023-03-16T10:00:00Z"]))
@settings(max_examples=40, deadline=None)
def test_sketch_survives_its_json_round_trip(text: str, published: str | None) -> None:
    embedding = np.linspace(-1, 1, 384, dtype=np.float32)
    original = sketch(Article(id="a", source="a.txt", text=text, published=published), embedding)
    copy = Sketch.from_json(original.to_json())
    assert np.array_equal(copy.term_ids, original.term_ids)
    assert np.allclose(copy.term_weights, original.term_weights, rtol=1e-3)
    assert np.allclose(copy.embedding, original.embedding, atol=1e-3)
    assert np.array_equal(copy.signature, original.signature)
    assert copy.published == original.published


def test_vectors_are_unit_length_and_weigh_both_halves() -> None:
    both = ClusterSettings(hashed_dims=256)
    df = DocumentFrequencies()
    items = [
        sketch(Article(id=str(i), source="x", text=t), np.eye(384, dtype=np.float32)[i])
        for i, t in enumerate((TRAM, ENGINES))
    ]
    for item in items:
        df.add(item)
    a, b = (vectorize(item, df, both) for item in items)
    assert a.shape == (both.dims,) and np.isclose(np.linalg.norm(a), 1.0, atol=1e-5)
    # Orthogonal embeddings and unrelated texts: the similarity is small on both halves.
    assert float(a @ b) < 0.2
    same = vectorize(items[0], df, both)
    assert np.isclose(float(a @ same), 1.0, atol=1e-5)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_groups_come_out_whole_in_any_arrival_order(seed: int) -> None:
    s = replace(LEXICAL, threshold=0.5, fragment_threshold=0.8)
    data = groups(n=6, size=8, dims=s.dims)
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer(s)
    for key in order:
        clusterer.add(key, data[key][1], signature(key))
    pairs = clusterer.drain() + clusterer.finish()
    assert sorted(k for k, _ in pairs) == list(range(len(data)))  # every article exactly once
    expected = {frozenset(k for k, (g, _) in enumerate(data) if g == group) for group in range(6)}
    assert partition(pairs, {}) == expected


def test_consolidation_repairs_what_arrival_order_lumped_together() -> None:
    # a1 arrives first; x (half like a1, mostly like the b's) joins it; then the b's follow x in.
    s = replace(LEXICAL, threshold=0.4, fragment_threshold=0.9, hashed_dims=4)
    e1, e2 = np.eye(4, dtype=np.float32)[:2]
    x = (0.5 * e1 + np.sqrt(0.75) * e2).astype(np.float32)
    arrivals = [e1, x, e2, e2]

    def run(settings: ClusterSettings) -> list[set[int]]:
        clusterer = StoryClusterer(settings)
        for key, vector in enumerate(arrivals):
            clusterer.add(key, vector, signature(key))
        by_label: dict[int, set[int]] = {}
        for key, label in clusterer.finish():
            by_label.setdefault(label, set()).add(key)
        return sorted(by_label.values(), key=min)

    assert run(replace(s, consolidate=False)) == [{0, 1, 2, 3}]
    # Average linkage from the fragments: x joins the b's (0.87), and a1 stays apart (mean link 0.17).
    assert run(s) == [{0}, {1, 2, 3}]


def test_near_copies_join_their_original_and_are_grouped() -> None:
    original = Article(id="o", source="o.txt", text=TRAM + " " + FLOODS)
    copy = Article(id="c", source="c.txt", text=TRAM + " " + FLOODS + " Reporting by the wire.")
    other = Article(id="x", source="x.txt", text=ENGINES)
    # Thresholds no pair of articles can reach: only the near-copy rule can put two together.
    strict = replace(LEXICAL, threshold=1.5, fragment_threshold=1.5)
    stories, duplicates = cluster_sketches([sketch(a) for a in (original, other, copy)], settings=strict)
    assert duplicates == [[0, 2]]
    assert sorted(stories) == [[0, 2], [1]]


def test_minhash_signature_estimates_jaccard_of_shingles() -> None:
    a, b = minhash_signature(TRAM * 3), minhash_signature(TRAM * 3 + " And one more sentence at the end.")
    assert np.mean(a == b) > 0.8
    assert np.mean(minhash_signature(TRAM) == minhash_signature(ENGINES)) < 0.1


def test_dates_far_apart_keep_the_same_words_in_two_stories() -> None:
    s = replace(LEXICAL, threshold=0.6, fragment_threshold=0.95, time_penalty=0.5)
    text_a = TRAM + " The first vote was close."
    text_b = TRAM + " Work on the line begins now."
    early = [
        Article(id=f"e{i}", source="e", text=text_a, published="2024-01-0" + str(i + 1)) for i in range(2)
    ]
    late = [
        Article(id=f"l{i}", source="l", text=text_b, published="2024-09-0" + str(i + 1)) for i in range(2)
    ]
    together, _ = cluster_sketches([sketch(a) for a in early + late], settings=replace(s, time_penalty=0.0))
    assert together == [[0, 1, 2, 3]]
    apart, _ = cluster_sketches([sketch(a) for a in early + late], settings=s)
    assert apart == [[0, 1], [2, 3]]
    undated = [replace(a, published=None) for a in early + late]
    assert cluster_sketches([sketch(a) for a in undated], settings=s)[0] == [[0, 1, 2, 3]]


def test_the_live_window_bounds_memory_and_every_article_gets_one_final_story() -> None:
    s = replace(LEXICAL, threshold=0.5, fragment_threshold=0.8, max_live_articles=40)
    data = groups(n=20, size=10, dims=s.dims, seed=3)  # arriving story by story, as a news stream does
    clusterer = StoryClusterer(s)
    final: list[tuple[int, int]] = []
    for key, (_, vector) in enumerate(data):
        clusterer.add(key, vector, signature(key))
        assert clusterer.live_articles <= 40
        final.extend(clusterer.drain())
    assert final, "a full window hands out its oldest stories"
    final.extend(clusterer.finish())
    assert sorted(k for k, _ in final) == list(range(len(data)))
    expected = {frozenset(k for k, (g, _) in enumerate(data) if g == group) for group in range(20)}
    assert partition(final, {}) == expected


def test_adding_a_key_twice_is_refused() -> None:
    clusterer = StoryClusterer(LEXICAL)
    vector = np.zeros(LEXICAL.dims, np.float32)
    vector[0] = 1.0
    clusterer.add(7, vector, signature(7))
    with pytest.raises(ValueError, match="already added"):
        clusterer.add(7, vector, signature(7))


@pytest.mark.models
@pytest.mark.parametrize("seed", [0, 1])
def test_example_corpus_falls_into_its_two_annotated_stories(seed: int) -> None:
    from sourcetrace.pipeline import load_articles

    articles, problems = load_articles([str(EXAMPLES)])
    assert not problems
    random.Random(seed).shuffle(articles)
    stories, _ = cluster_articles(articles)
    found = sorted(sorted(articles[i].id[:1] for i in story) for story in stories)
    assert found == [["a"] * 6, ["b"] * 2]
