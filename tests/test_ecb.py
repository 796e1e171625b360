"""Event coreference (sourcetrace/events/): features and constrained clustering on invented data, the
shipped weights, and the ECB+ dev gate (eval/floors.json, key "ecb")."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sourcetrace.events import (
    FEATURE_NAMES,
    SINGLETON_FEATURES,
    ClusterSettings,
    EventDocument,
    EventMention,
    LemmaPairs,
    LemmaSingles,
    MentionTable,
    PairModel,
    SingletonModel,
    agglomerate,
    cluster_events,
    cluster_scores,
    describe_mentions,
    keep_apart,
    load_pair_model,
    pair_features,
    singleton_features,
)

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "eval" / "ecbplus"
FLOORS = ROOT / "eval" / "floors.json"


def _labels_together(labels: list[int], *items: int) -> bool:
    return len({labels[i] for i in items}) == 1


# ------------------------------------------------------------------------------ constrained clustering


def test_a_chain_does_not_become_one_cluster() -> None:
    # A~B and B~C are strong, A~C is weak: average link alone would join all three (mean 0.55 >= 0.5),
    # the cannot-link floor keeps C out.
    prob = np.array([[1.0, 0.9, 0.2], [0.9, 1.0, 0.9], [0.2, 0.9, 1.0]])
    chained = agglomerate(prob, 0.5, floor=0.0)
    assert _labels_together(chained, 0, 1, 2)  # the test can fail: without a floor it chains
    labels = agglomerate(prob, 0.5, floor=0.3)
    assert not _labels_together(labels, 0, 1, 2)
    assert _labels_together(labels, 0, 1) or _labels_together(labels, 1, 2)


def test_every_member_matches_the_cluster() -> None:
    rng = np.random.default_rng(0)
    raw = rng.random((12, 12))
    prob = (raw + raw.T) / 2
    np.fill_diagonal(prob, 1.0)
    labels = agglomerate(prob, 0.4, floor=0.25)
    for cluster in set(labels):
        members = [i for i, c in enumerate(labels) if c == cluster]
        assert all(prob[i, j] >= 0.25 for i in members for j in members)


def test_blocks_are_never_merged_and_start_clusters_are_kept() -> None:
    prob = np.full((4, 4), 0.95)
    labels = agglomerate(prob, 0.5, blocks=[0, 0, 1, 1])
    assert _labels_together(labels, 0, 1) and _labels_together(labels, 2, 3)
    assert labels[0] != labels[2]
    merged = agglomerate(prob, 0.5, start=labels)
    assert _labels_together(merged, 0, 1, 2, 3)
    assert agglomerate(prob, 0.99, start=[7, 7, 3, 3]) in ([0, 0, 1, 1], [1, 1, 0, 0])


def test_cross_group_merges_need_the_higher_threshold() -> None:
    # two documents in separate groups (similarity 0); the pair across them scores 0.7
    prob = np.array([[1.0, 0.7], [0.7, 1.0]])
    doc_sim = np.eye(2)
    strict = ClusterSettings(document_threshold=0.5, threshold=0.5, floor=0.0, cross_threshold=0.8)
    assert cluster_scores(prob, [0, 1], doc_sim, strict) == [0, 1]
    loose = ClusterSettings(document_threshold=0.5, threshold=0.5, floor=0.0, cross_threshold=0.6)
    assert cluster_scores(prob, [0, 1], doc_sim, loose) == [0, 0]


# ----------------------------------------------------------------------------------------- features


def _table() -> MentionTable:
    """Three invented mentions in two documents, with 3-d vectors instead of MiniLM's."""
    unit = np.eye(3, dtype=np.float32)
    return MentionTable(
        ids=["a:1", "a:2", "b:1"],
        doc=np.array([0, 0, 1]),
        sentence=np.array([0, 1, 0]),
        lemma=["arrest", "flee", "arrest"],
        pos=["VERB", "VERB", "NOUN"],
        lemma_vec=unit[[0, 1, 0]],
        context_vec=unit[[0, 1, 0]],
        sentence_vec=unit[[0, 1, 2]],
        participants=[frozenset({"wexford"}), frozenset(), frozenset({"calder"})],
        times=[frozenset({"tuesday"}), frozenset(), frozenset({"tuesday"})],
        amounts=[frozenset({"three"}), frozenset(), frozenset({"three"})],
        arguments=[frozenset({"police"}), frozenset({"suspect"}), frozenset({"police", "man"})],
        words=[frozenset({"police", "wexford"}), frozenset({"suspect"}), frozenset({"police", "calder"})],
        doc_ids=["a", "b"],
        doc_terms=[{"police": 2, "wexford": 1, "arrest": 1}, {"police": 1, "calder": 1, "arrest": 1}],
        doc_names=[{"wexford": 1, "tuesday": 1}, {"calder": 1, "tuesday": 1}],
        tense=["past", "future", ""],
        negated=np.array([False, True, False]),
    )


def test_pair_features_read_lemmas_arguments_and_conflicts() -> None:
    f = pair_features(_table())
    col = {name: k for k, name in enumerate(FEATURE_NAMES)}
    assert f.shape == (3, 3, len(FEATURE_NAMES))
    assert f[0, 2, col["same_lemma"]] == 1 and f[0, 1, col["same_lemma"]] == 0
    assert f[0, 1, col["same_document"]] == 1 and f[0, 2, col["same_document"]] == 0
    assert f[0, 2, col["participant_conflict"]] == 1  # Wexford and Calder: both named, none shared
    assert f[0, 1, col["participant_conflict"]] == 0  # nothing known on one side is no conflict
    assert f[0, 2, col["time_overlap"]] == 1 and f[0, 2, col["time_conflict"]] == 0
    assert f[0, 2, col["argument_overlap"]] == 1  # "police" is the smaller side's whole set
    assert f[0, 2, col["both_verbs"]] == 0 and f[0, 1, col["both_verbs"]] == 1
    assert 0 < f[0, 2, col["document_similarity"]] < 1
    assert f[0, 1, col["tense_conflict"]] == 1 and f[0, 2, col["tense_conflict"]] == 0  # "" is unknown
    assert f[0, 1, col["negation_differs"]] == 1 and f[0, 2, col["negation_differs"]] == 0
    assert np.allclose(f[..., col["context_cosine"]], f[..., col["context_cosine"]].T)


def test_lemma_pair_statistics_are_smoothed_and_round_trip() -> None:
    from collections import Counter

    counts = Counter(
        {
            ("arrest", "detain", True): 9,
            ("arrest", "detain", False): 1,
            ("say", "say", False): 20,
            ("say", "say", True): 1,
            ("arrest", "arrest", True): 6,
            ("flee", "rob", False): 1,  # too rare to keep
        }
    )
    pairs = LemmaPairs.from_counts(counts)
    assert ("flee", "rob") not in pairs.counts
    logits = pairs.logit_matrix(["detain", "arrest", "say", "say", "unseen"])
    assert logits[0, 1] > 0 > logits[2, 3]  # arrest/detain usually corefer, say/say rarely
    assert logits[0, 1] == logits[1, 0]
    assert logits[0, 4] == pytest.approx(logits[1, 4])  # unseen pairs take the different-lemma prior
    again = LemmaPairs.from_json(json.loads(json.dumps(pairs.to_json())))
    assert np.allclose(again.logit_matrix(["arrest", "detain"]), pairs.logit_matrix(["arrest", "detain"]))


def test_pair_model_reads_plain_numbers() -> None:
    weights = np.zeros((len(FEATURE_NAMES), 1))
    weights[FEATURE_NAMES.index("same_lemma"), 0] = 4.0
    model = PairModel.from_json(
        {
            "features": list(FEATURE_NAMES),
            "mean": [0.0] * len(FEATURE_NAMES),
            "scale": [1.0] * len(FEATURE_NAMES),
            "layers": [{"weights": weights.tolist(), "bias": [-2.0]}],
        }
    )
    prob = model.pair_proba(_table())
    assert prob[0, 2] > 0.8 > 0.2 > prob[0, 1]
    with pytest.raises(ValueError):
        model.proba(np.zeros((2, 3)))


def test_pair_network_over_mention_vectors_matches_a_direct_computation() -> None:
    # a network with a 2-number projection of the context vectors: the factored numpy inference
    # (chunks of rows, no (n, n, 3p) input built) must give what the plain formula gives pair by pair
    rng = np.random.default_rng(1)
    features, size, hidden = len(FEATURE_NAMES), 2, 5
    projection = rng.normal(size=(3, size))
    first = rng.normal(size=(features + 3 * size, hidden))
    last = rng.normal(size=(hidden, 1))
    data = {
        "features": list(FEATURE_NAMES),
        "mean": [0.0] * features,
        "scale": [1.0] * features,
        "layers": [
            {"weights": first.tolist(), "bias": [0.1] * hidden},
            {"weights": last.tolist(), "bias": [-0.2]},
        ],
        "projection": {"vectors": ["context_vec"], "weights": projection.tolist(), "bias": [0.0, 0.5]},
    }
    model = PairModel.from_json(json.loads(json.dumps(data)))
    table = _table()
    prob = model.pair_proba(table)
    x = pair_features(table)
    u = table.context_vec @ projection + np.array([0.0, 0.5])

    def direct(i: int, j: int) -> float:
        joined = np.concatenate([x[i, j], u[i] + u[j], u[i] * u[j], np.abs(u[i] - u[j])])
        logit = (np.maximum(joined @ first + 0.1, 0.0) @ last - 0.2)[0]
        return float(1.0 / (1.0 + np.exp(-logit)))

    for i in range(3):
        for j in range(3):
            assert prob[i, j] == pytest.approx((direct(i, j) + direct(j, i)) / 2, abs=1e-5)
    with pytest.raises(ValueError):
        model.proba(x)  # the vectors are missing


def test_a_mention_likely_alone_stays_a_singleton() -> None:
    prob = np.array([[1.0, 0.9, 0.6], [0.9, 1.0, 0.6], [0.6, 0.6, 1.0]], dtype=np.float32)
    assert _labels_together(agglomerate(prob, 0.5), 0, 1, 2)  # can fail: without the cut all three join
    apart = keep_apart(prob, np.array([0.1, 0.2, 0.8]), cut=0.5)
    labels = agglomerate(apart, 0.5)
    assert _labels_together(labels, 0, 1) and labels[2] != labels[0]
    assert np.diag(apart).tolist() == [1.0, 1.0, 1.0]
    assert keep_apart(prob, np.array([0.9, 0.9, 0.9]), cut=1.01) is prob  # above 1: off


def test_singleton_scorer_reads_lemma_records_and_best_pairs() -> None:
    from collections import Counter

    singles = LemmaSingles.from_counts(
        Counter({("say", True): 18, ("say", False): 2, ("quake", False): 9, ("quake", True): 1})
    )
    logits = singles.logits(["say", "quake", "unseen"])
    assert logits[0] > logits[2] > logits[1]  # the prior sits between the two records
    table = _table()
    prob = np.array([[1.0, 0.1, 0.9], [0.1, 1.0, 0.2], [0.9, 0.2, 1.0]], dtype=np.float32)
    x = singleton_features(table, prob, singles)
    column = {name: k for k, name in enumerate(SINGLETON_FEATURES)}
    assert x.shape == (3, len(SINGLETON_FEATURES))
    assert x[0, column["best_pair"]] == pytest.approx(0.9) and x[1, column["best_pair"]] == pytest.approx(0.2)
    assert x[0, column["best_pair_other_document"]] == pytest.approx(0.9)  # b:1 is in the other document
    assert x[1, column["best_pair_other_document"]] == pytest.approx(0.2)
    weights = np.zeros(len(SINGLETON_FEATURES), dtype=np.float32)
    weights[column["best_pair"]] = -5.0
    model = SingletonModel(
        mean=np.zeros(len(SINGLETON_FEATURES), np.float32),
        scale=np.ones(len(SINGLETON_FEATURES), np.float32),
        weights=weights,
        bias=2.0,
        singles=singles,
    )
    again = SingletonModel.from_json(json.loads(json.dumps(model.to_json())))
    alone = again.proba(table, prob)
    assert alone[1] > 0.5 > alone[0]  # the mention with no good partner is the one likely alone


def test_shipped_model_matches_the_features() -> None:
    model = load_pair_model()
    assert model.feature_names == FEATURE_NAMES
    vectors = 0 if model.projection is None else 3 * model.projection.size
    assert model.layers[0][0].shape[0] == len(FEATURE_NAMES) + vectors
    assert model.layers[-1][0].shape[1] == 1
    settings = ClusterSettings.from_model(model)
    assert 0.0 <= settings.floor < settings.threshold <= settings.cross_threshold


# ------------------------------------------------------------------------------------ with the models


@pytest.mark.models
def test_invented_reports_of_one_event_cluster_apart_from_another() -> None:
    documents = [
        EventDocument("one", "Police arrested the mayor of Wexford on Tuesday after a long inquiry."),
        EventDocument("two", "The mayor of Wexford was detained by police on Tuesday, officers said."),
        EventDocument("three", "A storm flooded the harbour of Calder and destroyed forty boats on Sunday."),
    ]

    def at(doc: str, word: str, n: int = 0) -> EventMention:
        text = next(d.text for d in documents if d.id == doc)
        start = text.index(word)
        return EventMention(f"{doc}:{word}", doc, start, start + len(word))

    mentions = [
        at("one", "arrested"),
        at("two", "detained"),
        at("three", "flooded"),
        at("three", "destroyed"),
    ]
    table = describe_mentions(documents, mentions)
    assert table.lemma[:3] == ["arrest", "detain", "flood"]
    assert table.tense[:2] == ["past", "past"] and not table.negated.any()
    assert "wexford" in table.doc_names[0] and "police" not in table.doc_names[0]
    assert "wexford" in table.participants[0] and "tuesday" in table.times[1]
    clusters = cluster_events(documents, mentions)
    assert set(clusters) == {m.id for m in mentions}
    assert clusters["one:arrested"] == clusters["two:detained"]
    assert clusters["one:arrested"] != clusters["three:flooded"]
    assert cluster_events(documents, []) == {}


@pytest.mark.models
def test_predictions_command_labels_every_mention_of_a_file_without_gold(tmp_path: Path) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    ecb = importlib.import_module("eval.ecb")
    texts = {
        ("d1", 1): "Firefighters rescued two hikers near Brannock Falls on Saturday.",
        ("d2", 1): "Two hikers were rescued at Brannock Falls by firefighters on Saturday.",
        ("d3", 2): "The council approved the new harbour budget on Monday.",
    }
    lines = []
    for (doc, topic), text in texts.items():
        word = "rescued" if "rescued" in text else "approved"
        start = text.index(word)
        mention = {"id": f"{doc}:1", "start": start, "end": start + len(word), "text": word}
        lines.append(json.dumps({"doc": doc, "topic": topic, "text": text, "mentions": [mention]}))
    gold = tmp_path / "held_out.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "pred.json"
    assert ecb.main(["--gold", str(gold), "--predictions", str(out)]) == 0
    predicted = json.loads(out.read_text(encoding="utf-8"))
    assert set(predicted) == {"d1:1", "d2:1", "d3:1"}
    assert predicted["d1:1"] == predicted["d2:1"] != predicted["d3:1"]


# --------------------------------------------------------------------------------------------- gate


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Any]:
    if not (ECB / "dev.jsonl").is_file():
        pytest.skip(f"ECB+ is not at {ECB} (it lives in the shared folder beside the repo)")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("eval.ecb").evaluate_split("dev")  # type: ignore[no-any-return]


def _floors() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["ecb"]  # type: ignore[no-any-return]


@pytest.mark.models
@pytest.mark.parametrize("setting", ["gold_topics", "without_topics"])
def test_ecb_dev_conll_above_floor(dev_scores: dict[str, Any], setting: str) -> None:
    ours = dev_scores[setting]["ours"]["conll"]
    floor = _floors()[f"dev_conll_{setting}"]
    assert ours >= floor, f"ECB+ dev CoNLL F1 ({setting}) {ours:.4f} fell below its floor {floor}"
    assert ours > dev_scores[setting]["lemma"]["conll"]


def test_ecb_floors_are_complete() -> None:
    floors = _floors()
    assert set(floors) == {"dev_conll_gold_topics", "dev_conll_without_topics"}
    assert all(0.0 <= v <= 1.0 for v in floors.values())
