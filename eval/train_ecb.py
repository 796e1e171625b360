"""Train the event-coreference pair model on ECB+ train and write ``sourcetrace/data/event_pair_model.json``.

    python eval/train_ecb.py            # topic-grouped CV on train, then fit on all of train and write
    python eval/train_ecb.py --cv-only  # the CV figures only

Only ``../shared/eval/ecbplus/train.jsonl`` is read; dev is never used here (``eval/ecb.py --split dev``
reports it). Cross-validation splits the 25 train topics into 5 folds: a fold's topics are scored by a
model fitted on the other folds' topics, so the clustering thresholds are tuned on pair scores the
model has not been fitted on. The thresholds that maximise the out-of-fold CoNLL F1 (the mean of the
gold-topics and the without-topics settings) are shipped with the weights.

Training pairs: every pair of mentions inside one topic (features computed per topic, as in the
gold-topics setting), plus a seeded sample of pairs across topics (features computed over a fold's
topics together, as in the without-topics setting), which are all negatives.

Head-lemma pair statistics (how often mentions headed by lemmas a and b corefered in train) are a
feature; a training pair's statistics never count its own topic, and a fold's topics are scored with
statistics of the other folds only.

Nothing from ECB+ goes into the JSON but numbers and single words: feature means and scales, weights,
thresholds, and the counts of head-lemma pairs seen at least three times. No sentence or article text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.ecb import (  # noqa: E402
    ECB_DIR,
    gold_clusters,
    load_scorer,
    mention_table,
    mention_topics,
    read_documents,
    scores,
)
from sourcetrace.events import (  # noqa: E402
    FEATURE_NAMES,
    ClusterSettings,
    LemmaPairs,
    MentionTable,
    PairModel,
    agglomerate,
    doc_similarity,
    group_documents,
    pair_features,
)

MODEL_PATH = ROOT / "sourcetrace" / "data" / "event_pair_model.json"
SEED = 20261206
FOLDS = 5
CROSS_TOPIC_PAIRS_PER_FOLD = 20000
HIDDEN: tuple[int, ...] = ()  # logistic regression; (32,) gives one small hidden layer
ALPHA = 1e-3  # L2 penalty of the MLP
GRID = {
    "document_threshold": (0.06, 0.08, 0.1, 0.15, 0.2),
    "threshold": (0.2, 0.25, 0.3, 0.4, 0.5),
    "floor": (0.0, 0.05, 0.15),
    "cross_threshold": (0.5, 0.6, 0.7, 0.8, 1.01),  # above 1: no merge across document groups
}


@dataclass
class Scope:
    """Rows clustered together, with what clustering them needs."""

    rows: list[int]
    features: np.ndarray  # (n, n, F)
    doc_of_row: list[int]
    doc_sim: np.ndarray


def make_scope(table: MentionTable, rows: Sequence[int]) -> Scope:
    sub = table.subset(rows)
    docs = sorted(set(sub.doc.tolist()))
    local = {d: i for i, d in enumerate(docs)}
    return Scope(
        list(rows), pair_features(sub), [local[d] for d in sub.doc.tolist()], doc_similarity(sub, docs)
    )


def upper_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(n, k=1)


def fit(x: np.ndarray, y: np.ndarray, hidden: tuple[int, ...] = HIDDEN) -> PairModel:
    """A seeded MLP (or logistic regression) on standardised features, returned as plain numbers."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.neural_network import MLPClassifier  # type: ignore[import-untyped]

    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-6, x.std(axis=0), 1.0)
    z = (x - mean) / scale
    if hidden:
        mlp = MLPClassifier(
            hidden_layer_sizes=hidden,
            alpha=ALPHA,
            random_state=SEED,
            max_iter=60,
            batch_size=512,
            learning_rate_init=1e-3,
            tol=1e-5,
            n_iter_no_change=5,
        )
        mlp.fit(z, y)
        layers = [(np.asarray(w), np.asarray(b)) for w, b in zip(mlp.coefs_, mlp.intercepts_, strict=True)]
    else:
        lr = LogisticRegression(C=1.0, max_iter=2000)
        lr.fit(z, y)
        layers = [(lr.coef_.T.copy(), lr.intercept_.copy())]
    return PairModel(
        feature_names=FEATURE_NAMES,
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        layers=tuple((w.astype(np.float32), b.astype(np.float32)) for w, b in layers),
    )


LEMMA_COLUMN = FEATURE_NAMES.index("lemma_pair_logit")


def with_lemma_pairs(scope: Scope, lemmas: Sequence[str], lemma_pairs: LemmaPairs) -> np.ndarray:
    """The scope's features with the lemma-pair column read from the given statistics."""
    features = scope.features.copy()
    features[..., LEMMA_COLUMN] = lemma_pairs.logit_matrix([lemmas[r] for r in scope.rows])
    return features


def lemma_counts(scope: Scope, lemmas: Sequence[str], gold: Sequence[str]) -> Counter[tuple[str, str, bool]]:
    """{(lemma a, lemma b, coreferent): pairs} over the pairs of one topic."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for x, y in zip(*upper_pairs(len(scope.rows)), strict=True):
        r, q = scope.rows[x], scope.rows[y]
        a, b = sorted((lemmas[r], lemmas[q]))
        counts[(a, b, gold[r] == gold[q])] += 1
    return counts


def pairs_without(
    counts: dict[str, Counter[tuple[str, str, bool]]], left_out: set[str], among: Sequence[str]
) -> LemmaPairs:
    total: Counter[tuple[str, str, bool]] = Counter()
    for t in among:
        if t not in left_out:
            total.update(counts[t])
    return LemmaPairs.from_counts(total)


def training_pairs(
    topics: Sequence[str],
    topic_scope: dict[str, Scope],
    fold_scopes: Sequence[Scope],
    counts: dict[str, Counter[tuple[str, str, bool]]],
    lemmas: Sequence[str],
    gold: Sequence[str],
    topic: Sequence[str],
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Every within-topic pair of the topics, plus sampled cross-topic pairs of the fold scopes (negatives).

    A pair's lemma-pair statistics never count its own topic (leave one topic out), so that the model
    learns how much the statistics carry over to a topic they have not seen.
    """
    xs, ys = [], []
    for t in topics:
        scope = topic_scope[t]
        features = with_lemma_pairs(scope, lemmas, pairs_without(counts, {t}, topics))
        i, j = upper_pairs(len(scope.rows))
        labels = np.asarray([gold[r] for r in scope.rows])
        xs.append(features[i, j])
        ys.append((labels[i] == labels[j]).astype(int))
    for scope in fold_scopes:
        own = {topic[r] for r in scope.rows}
        features = with_lemma_pairs(scope, lemmas, pairs_without(counts, own, topics))
        in_topic = np.asarray([topic[r] for r in scope.rows])
        n = len(scope.rows)
        i = rng.integers(0, n, CROSS_TOPIC_PAIRS_PER_FOLD * 2)
        j = rng.integers(0, n, CROSS_TOPIC_PAIRS_PER_FOLD * 2)
        keep = np.flatnonzero(in_topic[i] != in_topic[j])[:CROSS_TOPIC_PAIRS_PER_FOLD]
        xs.append(features[i[keep], j[keep]])
        ys.append(np.zeros(len(keep), dtype=int))
    return np.concatenate(xs), np.concatenate(ys)


def symmetric(model: PairModel, features: np.ndarray) -> np.ndarray:
    prob = model.proba(features)
    return np.asarray((prob + prob.T) / 2.0)


def tune(
    topic_probs: Sequence[tuple[Scope, np.ndarray]],
    fold_probs: Sequence[tuple[Scope, np.ndarray]],
    gold: dict[str, str],
    ids: Sequence[str],
) -> tuple[ClusterSettings, dict[str, float]]:
    """Grid search of the clustering thresholds on out-of-fold probabilities.

    The steps of ``cluster_scores`` are run here one by one so that each step's result is reused by
    every setting of the later steps.
    """
    scorer = load_scorer()
    settings_list = []
    results: dict[ClusterSettings, list[float]] = {}
    for tag, scoped in (("t", topic_probs), ("f", fold_probs)):
        for document_threshold in GRID["document_threshold"]:
            blocks = []
            for scope, _ in scoped:
                groups = group_documents(scope.doc_sim, document_threshold)
                blocks.append([groups[d] for d in scope.doc_of_row])
            for threshold, floor in itertools.product(GRID["threshold"], GRID["floor"]):
                inside = [
                    agglomerate(prob, threshold, floor=floor, blocks=block)
                    for (_, prob), block in zip(scoped, blocks, strict=True)
                ]
                for cross in GRID["cross_threshold"]:
                    settings = ClusterSettings(document_threshold, threshold, floor, cross)
                    pred: dict[str, str] = {}
                    for k, ((scope, prob), start) in enumerate(zip(scoped, inside, strict=True)):
                        labels = agglomerate(prob, cross, floor=floor, start=start) if cross <= 1 else start
                        pred.update(
                            {ids[r]: f"{tag}{k}-{c}" for r, c in zip(scope.rows, labels, strict=True)}
                        )
                    results.setdefault(settings, []).append(scores(scorer, gold, pred)["conll"])
                    if tag == "t":
                        settings_list.append(settings)
    best = max(settings_list, key=lambda st: (sum(results[st]) / 2, results[st][0]))
    topics, whole = results[best]
    return best, {"gold_topics": topics, "without_topics": whole}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="print the CV figures, write nothing")
    parser.add_argument(
        "--hidden",
        default=",".join(map(str, HIDDEN)),
        help="hidden layer sizes, e.g. 32 or 32,16; empty: logistic",
    )
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model JSON")
    args = parser.parse_args(argv)
    hidden = tuple(int(h) for h in args.hidden.split(",") if h)
    started = time.time()
    path = ECB_DIR / "train.jsonl"
    docs = read_documents(path)
    table = mention_table(path, docs)
    gold_map = gold_clusters(docs)
    assert gold_map is not None
    gold = [gold_map[m] for m in table.ids]
    topic = mention_topics(docs)
    topic_names = sorted(set(topic), key=int)
    rng = np.random.default_rng(SEED)
    fold_of_topic = {t: k % FOLDS for k, t in enumerate(rng.permutation(topic_names).tolist())}
    rows_of_topic = {t: [r for r in range(len(topic)) if topic[r] == t] for t in topic_names}
    topic_scope = {t: make_scope(table, rows) for t, rows in rows_of_topic.items()}
    fold_scope = {
        f: make_scope(table, [r for t in topic_names if fold_of_topic[t] == f for r in rows_of_topic[t]])
        for f in range(FOLDS)
    }
    print(f"features ready ({time.time() - started:.0f}s)", flush=True)
    lemmas = table.lemma
    counts = {t: lemma_counts(topic_scope[t], lemmas, gold) for t in topic_names}
    topic_probs: list[tuple[Scope, np.ndarray]] = []
    fold_probs: list[tuple[Scope, np.ndarray]] = []
    for f in range(FOLDS):
        train_topics = [t for t in topic_names if fold_of_topic[t] != f]
        x, y = training_pairs(
            train_topics,
            topic_scope,
            [fold_scope[g] for g in range(FOLDS) if g != f],
            counts,
            lemmas,
            gold,
            topic,
            rng,
        )
        model = fit(x, y, hidden)
        seen = pairs_without(counts, set(), train_topics)
        for t in topic_names:
            if fold_of_topic[t] == f:
                features = with_lemma_pairs(topic_scope[t], lemmas, seen)
                topic_probs.append((topic_scope[t], symmetric(model, features)))
        fold_probs.append((fold_scope[f], symmetric(model, with_lemma_pairs(fold_scope[f], lemmas, seen))))
        print(
            f"fold {f}: {len(y)} pairs, {int(y.sum())} coreferent ({time.time() - started:.0f}s)", flush=True
        )
    settings, cv = tune(topic_probs, fold_probs, gold_map, table.ids)
    scorer = load_scorer()
    lemma_topics = scores(
        scorer, gold_map, {table.ids[r]: f"{topic[r]}-{table.lemma[r]}" for r in range(len(topic))}
    )
    print(
        f"CV on train (out of fold): ours gold topics {cv['gold_topics']:.4f}, without topics "
        f"{cv['without_topics']:.4f}; lemma gold topics {lemma_topics['conll']:.4f}"
    )
    print(f"settings: {settings}")
    if args.cv_only:
        return 0
    x, y = training_pairs(
        topic_names, topic_scope, list(fold_scope.values()), counts, lemmas, gold, topic, rng
    )
    model = fit(x, y, hidden)
    shipped_pairs = pairs_without(counts, set(), topic_names)
    data: dict[str, Any] = {
        "about": "ECB+ event coreference pair model (sourcetrace/events/), fitted by eval/train_ecb.py "
        "on the ECB+ train topics. ECB+ annotation is held copyright by Agata Cybulska, Piek Vossen and "
        "the VU University of Amsterdam (CC BY 3.0); Cybulska & Vossen 2014, LREC. Numbers and head-lemma "
        "pair counts only, no text.",
        "features": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in model.mean],
        "scale": [round(float(v), 6) for v in model.scale],
        "layers": [
            {"weights": np.round(w, 6).tolist(), "bias": np.round(b, 6).tolist()} for w, b in model.layers
        ],
        "settings": asdict(settings),
        "lemma_pairs": shipped_pairs.to_json(),
        "cv": {k: round(v, 4) for k, v in cv.items()},
        "seed": SEED,
    }
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
