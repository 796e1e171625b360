"""Train the stance classifier of ``sourcetrace check`` on the FNC-1 development share.

    python eval/train_stance.py                 # grouped CV, then writes sourcetrace/data/stance_model.json
    python eval/train_stance.py --cv-only       # the CV numbers only
    python eval/train_stance.py --cache /tmp/x  # where parses and sentence vectors are kept between runs

Only ``../shared/eval/fnc1/`` is used. Its pairs share headlines and bodies, so a random split would let
the model see a test pair's body or headline in training. Cross-validation therefore splits by story:
bodies in one story cluster (``dev_story_clusters.json``) form one group, with the headlines related to
them; a body or headline related to nothing is a group of its own. A test fold holds every pair whose
body is in the fold; training holds only pairs whose body *and* headline are outside it. The IDF table
is fitted on the training bodies of each fold. The final model is fitted on the whole share.

Nothing from FNC-1 goes into the JSON but numbers: tree thresholds and values, and document
frequencies of hashed word stems.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sourcetrace.check.classifier import (  # noqa: E402
    CUE_FEATURES,
    LABELS,
    RELATED_LABELS,
    BodyWords,
    StanceModel,
    body_vector,
    decide,
)
from sourcetrace.check.features import FEATURE_NAMES, IdfTable, TextAnalysis, pair_features  # noqa: E402

FNC_DIR = ROOT.parent / "shared" / "eval" / "fnc1"
MODEL_PATH = ROOT / "sourcetrace" / "data" / "stance_model.json"
SEED = 20261122
FOLDS = 5
# Gradient boosting settings, shared by both stages (chosen on the grouped CV, see docs/stance.md).
RELATED_TREES = {"n_estimators": 200, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8,
                 "min_samples_leaf": 10}
STANCE_TREES = {"n_estimators": 300, "max_depth": 3, "learning_rate": 0.03, "subsample": 0.8,
                "min_samples_leaf": 10}
WORDS_MIN_DF = 3  # a word bucket must be in this many training bodies to get a weight
WORDS_C = 8.0  # inverse regularisation of the logistic regression over body words
VECTOR_C = 2.0  # ... over the body's mean sentence vector
CUES_C = 1.0  # ... and over the cue features
CUES_CLIP = 3.0  # standard scores of the cue features are clipped to +-3
# disagree is rare (6 % of related pairs) and its probability seldom wins; weighting it up trades a
# little FNC score for recall of the class that matters most to a fact-checker.
DISAGREE_WEIGHT = 4.0


@dataclass(frozen=True)
class Pair:
    headline: str
    body: str  # Body ID
    stance: str


@dataclass
class Dataset:
    pairs: list[Pair]
    bodies: dict[str, str]  # Body ID -> text
    clusters: dict[str, int]  # Body ID -> story, for bodies related to some headline


def load_fnc(folder: Path = FNC_DIR) -> Dataset:
    with (folder / "dev_stances.csv").open(encoding="utf-8", newline="") as fh:
        pairs = [Pair(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(fh)]
    with (folder / "dev_bodies.csv").open(encoding="utf-8", newline="") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    clusters_path = folder / "dev_story_clusters.json"
    clusters = {k: int(v) for k, v in json.loads(clusters_path.read_text(encoding="utf-8")).items()}
    return Dataset(pairs, bodies, clusters)


# ---------------------------------------------------------------------------------------------------
# Analyses, cached between runs: spaCy parses as DocBin files and sentence vectors as .npy (no pickle)


def analyse_dataset(
    data: Dataset,
    models: Any,
    cache: Path | None = None,
    progress: bool = True,
    only: set[str] | None = None,
) -> tuple[dict[str, TextAnalysis], dict[str, TextAnalysis]]:
    """(analysis per Body ID, analysis per headline), for every body or the Body IDs in ``only``."""
    from sourcetrace.check.features import analyse_claims, analyse_parsed
    from sourcetrace.model import Article

    body_ids = sorted((b for b in data.bodies if only is None or b in only), key=int)
    articles = [Article(id=b, source=b, text=data.bodies[b]) for b in body_ids]
    parsed = _parse_cached(articles, models, cache, progress)
    sentences = [s.text for p in parsed for s in p.sentences]
    headlines = sorted({p.headline for p in data.pairs if only is None or p.body in only})
    _embed_cached(models, [*sentences, *[" ".join(h.split()) for h in headlines]], cache, progress)
    vectors = models.embed(sentences)
    bodies: dict[str, TextAnalysis] = {}
    row = 0
    for p in parsed:
        n = len(p.sentences)
        bodies[p.article.id] = analyse_parsed(p, vectors[row : row + n])
        row += n
    claims = dict(zip(headlines, analyse_claims(headlines, models=models), strict=True))
    return bodies, claims


def _key(texts: Sequence[str]) -> str:
    digest = hashlib.sha1()
    for t in texts:
        digest.update(t.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _parse_cached(articles: list[Any], models: Any, cache: Path | None, progress: bool) -> list[Any]:
    from spacy.tokens import DocBin

    from sourcetrace.sentences import Parsed, parse_articles, split_sentences

    nlp = models.nlp
    path = cache / f"bodies-{_key([a.text for a in articles])}.spacy" if cache else None
    if path is not None and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        return [Parsed(a, d, tuple(split_sentences(a, d))) for a, d in zip(articles, docs, strict=True)]
    started = time.perf_counter()
    parsed = []
    for i, p in enumerate(parse_articles(articles, nlp=nlp), start=1):
        parsed.append(p)
        if progress and i % 100 == 0:
            elapsed = time.perf_counter() - started
            print(f"  parsed {i}/{len(articles)} bodies, {elapsed:.0f} s", file=sys.stderr)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=[p.doc for p in parsed], store_user_data=False).to_disk(path)
    return parsed


def _embed_cached(models: Any, texts: list[str], cache: Path | None, progress: bool) -> None:
    """Fill ``models``' embedding cache, reading and writing vectors under ``cache``."""
    unique = list(dict.fromkeys(texts))
    path = cache / f"vectors-{_key(unique)}.npy" if cache else None
    if path is not None and path.is_file():
        vectors = np.load(path)
        models._embed_cache.update(zip(unique, vectors, strict=True))
        return
    started = time.perf_counter()
    step = 512
    for i in range(0, len(unique), step):
        models.embed(unique[i : i + step])
        if progress:
            print(f"  embedded {min(i + step, len(unique))}/{len(unique)} texts, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, models.embed(unique))


# ---------------------------------------------------------------------------------------------------
# Grouped folds


def story_groups(data: Dataset) -> tuple[dict[str, str], dict[str, str]]:
    """(group of each body, group of each headline): a story, or the item alone when related to nothing."""
    body_group = {b: (f"story{data.clusters[b]}" if b in data.clusters else f"body{b}") for b in data.bodies}
    headline_group: dict[str, str] = {}
    for p in data.pairs:
        if p.stance != "unrelated":
            headline_group[p.headline] = body_group[p.body]
    for p in data.pairs:
        headline_group.setdefault(p.headline, f"headline:{p.headline}")
    return body_group, headline_group


def assign_folds(data: Dataset, folds: int = FOLDS, seed: int = SEED) -> dict[str, int]:
    """A fold for every group, balancing the number of pairs per fold (groups in a seeded order)."""
    body_group, headline_group = story_groups(data)
    size: dict[str, int] = {}
    for p in data.pairs:
        g = body_group[p.body]
        size[g] = size.get(g, 0) + 1
    for g in headline_group.values():
        size.setdefault(g, 0)
    rng = np.random.default_rng(seed)
    names = sorted(size)
    rng.shuffle(names)
    names.sort(key=lambda g: -size[g])  # stable: equal sizes keep the seeded order
    load = [0] * folds
    fold_of: dict[str, int] = {}
    for g in names:
        f = int(np.argmin(load))
        fold_of[g] = f
        load[f] += size[g]
    return fold_of


def split(data: Dataset, fold: int, fold_of: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(train mask, test mask) over ``data.pairs`` for one fold."""
    body_group, headline_group = story_groups(data)
    test = np.array([fold_of[body_group[p.body]] == fold for p in data.pairs])
    train = np.array(
        [fold_of[body_group[p.body]] != fold and fold_of[headline_group[p.headline]] != fold
         for p in data.pairs]
    )
    return train, test


# ---------------------------------------------------------------------------------------------------
# Training


def features(data: Dataset, bodies: dict[str, TextAnalysis], claims: dict[str, TextAnalysis], idf: IdfTable,
             mask: np.ndarray | None = None) -> np.ndarray:
    rows = [
        pair_features(claims[p.headline], bodies[p.body], idf) if mask is None or mask[i] else None
        for i, p in enumerate(data.pairs)
    ]
    width = len(FEATURE_NAMES)
    return np.stack([r if r is not None else np.zeros(width) for r in rows])


def fit(
    x: np.ndarray,
    labels: Sequence[str],
    pair_bodies: Sequence[TextAnalysis],
    idf: IdfTable,
    seed: int = SEED,
    disagree_weight: float | None = None,
) -> dict[str, Any]:
    """Every part of the model fitted on the pairs ``x`` (bodies ``pair_bodies``); JSON-ready data."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    y = np.array(labels)
    related = y != "unrelated"
    stage1 = GradientBoostingClassifier(init="zero", random_state=seed, **RELATED_TREES)
    stage1.fit(x, related.astype(int))
    stage2 = GradientBoostingClassifier(init="zero", random_state=seed, **STANCE_TREES)
    stage2.fit(x[related], y[related])
    if tuple(stage2.classes_) != RELATED_LABELS:
        raise ValueError(f"stance stage saw classes {stage2.classes_}, expected {RELATED_LABELS}")
    related_bodies = [b for b, r in zip(pair_bodies, related, strict=True) if r]
    # Words: buckets in at least WORDS_MIN_DF distinct training bodies, smoothed IDF over those bodies.
    distinct = list({id(b): b for b in pair_bodies}.values())
    df: dict[int, int] = {}
    for b in distinct:
        for bucket in b.bow:
            df[bucket] = df.get(bucket, 0) + 1
    buckets = sorted(k for k, v in df.items() if v >= WORDS_MIN_DF)
    words_idf = [round(float(np.log((1 + len(distinct)) / (1 + df[k])) + 1.0), 6) for k in buckets]
    words = BodyWords({"classes": list(RELATED_LABELS), "buckets": buckets, "idf": words_idf,
                       "coef": np.zeros((3, len(buckets))), "intercept": np.zeros(3)})
    lr_words = LogisticRegression(C=WORDS_C, max_iter=5000)
    lr_words.fit(np.stack([words.vector(b.bow) for b in related_bodies]), y[related])
    lr_vector = LogisticRegression(C=VECTOR_C, max_iter=5000)
    lr_vector.fit(np.stack([body_vector(b) for b in related_bodies]), y[related])
    cue_columns = [FEATURE_NAMES.index(name) for name in CUE_FEATURES]
    cues = x[related][:, cue_columns]
    cue_mean = cues.mean(axis=0)
    cue_scale = cues.std(axis=0)
    cue_scale[cue_scale == 0] = 1.0
    lr_cues = LogisticRegression(C=CUES_C, max_iter=5000)
    lr_cues.fit(np.clip((cues - cue_mean) / cue_scale, -CUES_CLIP, CUES_CLIP), y[related])
    for lr in (lr_words, lr_vector, lr_cues):
        if tuple(lr.classes_) != RELATED_LABELS:
            raise ValueError(f"logistic regression saw classes {lr.classes_}, expected {RELATED_LABELS}")
    weight = DISAGREE_WEIGHT if disagree_weight is None else disagree_weight
    return {
        "format": "sourcetrace-stance/3",
        "features": list(FEATURE_NAMES),
        "idf": idf.to_json(),
        "related": export_trees(stage1, ["unrelated", "related"], RELATED_TREES["learning_rate"]),
        "stance_trees": export_trees(stage2, list(RELATED_LABELS), STANCE_TREES["learning_rate"]),
        "stance_words": {"classes": list(RELATED_LABELS), "buckets": buckets, "idf": words_idf,
                         **_export_logistic(lr_words)},
        "stance_vector": {"classes": list(RELATED_LABELS), **_export_logistic(lr_vector)},
        "stance_cues": {"classes": list(RELATED_LABELS), "features": list(CUE_FEATURES),
                        "mean": [float(v) for v in cue_mean], "scale": [float(v) for v in cue_scale],
                        "clip": CUES_CLIP,
                        **_export_logistic(lr_cues)},
        "class_weights": {"agree": 1.0, "disagree": weight, "discuss": 1.0},
    }


def _export_logistic(model: Any) -> dict[str, Any]:
    return {"coef": [[round(float(v), 6) for v in row] for row in model.coef_],
            "intercept": [round(float(v), 6) for v in model.intercept_]}


def export_trees(model: Any, classes: list[str], learning_rate: float) -> dict[str, Any]:
    rounds = []
    for stage in model.estimators_:
        trees = []
        for tree in stage:
            t = tree.tree_
            trees.append({
                "feature": [int(v) for v in t.feature],
                "threshold": [float(v) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v), 7) for v in t.value[:, 0, 0]],
            })
        rounds.append(trees)
    return {"classes": classes, "learning_rate": learning_rate,
            "baseline": [0.0] * len(model.estimators_[0]), "trees": rounds}


def cross_validate(
    data: Dataset,
    bodies: dict[str, TextAnalysis],
    claims: dict[str, TextAnalysis],
    folds: int = FOLDS,
    seed: int = SEED,
    disagree_weight: float | None = None,
    use_folds: Sequence[int] | None = None,
    verbose: bool = True,
) -> tuple[list[str], list[str]]:
    """(gold, predicted) for every pair, each predicted by a model that never saw its story.

    With ``use_folds``, only the pairs whose body is in those folds take part (a smaller run for the
    test suite's gate; ``bodies`` then needs only those bodies).
    """
    from eval.fnc import evaluate

    fold_of = assign_folds(data, folds, seed)
    chosen = set(range(folds) if use_folds is None else use_folds)
    body_group, _ = story_groups(data)
    in_run = np.array([fold_of[body_group[p.body]] in chosen for p in data.pairs])
    gold = [p.stance for p in data.pairs]
    predicted: list[str] = [""] * len(data.pairs)
    for fold in sorted(chosen):
        train, test = split(data, fold, fold_of)
        train &= in_run
        train_bodies = {p.body for p, t in zip(data.pairs, train, strict=True) if t}
        idf = IdfTable.fit(bodies[b] for b in sorted(train_bodies, key=int))
        x = features(data, bodies, claims, idf, mask=train | test)
        model = StanceModel.from_json(
            fit(x[train], [g for g, t in zip(gold, train, strict=True) if t], _bodies_of(data, bodies, train),
                idf, seed, disagree_weight)
        )
        labels = decide(model.proba(x[test], _bodies_of(data, bodies, test)))
        for i, label in zip(np.nonzero(test)[0], labels, strict=True):
            predicted[i] = label
        if verbose:
            score = evaluate([g for g, t in zip(gold, test, strict=True) if t], labels)
            print(f"  fold {fold}: {int(train.sum())} train / {int(test.sum())} test pairs, "
                  f"FNC {score['fnc_score']:.4f}, macro F1 {score['macro_f1']:.4f}", file=sys.stderr)
    kept = np.nonzero(in_run)[0]
    return [gold[i] for i in kept], [predicted[i] for i in kept]


def _bodies_of(data: Dataset, bodies: dict[str, TextAnalysis], mask: np.ndarray) -> list[TextAnalysis]:
    return [bodies[p.body] for p, m in zip(data.pairs, mask, strict=True) if m]


def gate_bodies(data: Dataset, use_folds: Sequence[int], folds: int = FOLDS, seed: int = SEED) -> set[str]:
    """The Body IDs a run over ``use_folds`` needs analysed."""
    fold_of = assign_folds(data, folds, seed)
    body_group, _ = story_groups(data)
    return {b for b in data.bodies if fold_of[body_group[b]] in set(use_folds)}


def main(argv: Sequence[str] | None = None) -> int:
    from eval.fnc import evaluate, format_report
    from sourcetrace.nlp import load_models

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fnc", type=Path, default=FNC_DIR,
                        help="folder with dev_stances.csv and dev_bodies.csv")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sourcetrace-stance-cache"),
                        help="where parses and vectors are kept between runs")
    parser.add_argument("--cv-only", action="store_true", help="print the grouped CV numbers, write nothing")
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    np.random.seed(SEED)
    data = load_fnc(args.fnc)
    models = load_models()
    started = time.perf_counter()
    bodies, claims = analyse_dataset(data, models, args.cache)
    elapsed = time.perf_counter() - started
    print(f"analysed {len(bodies)} bodies and {len(claims)} headlines in {elapsed:.0f} s", file=sys.stderr)
    gold, predicted = cross_validate(data, bodies, claims)
    print(format_report(evaluate(gold, predicted), f"grouped {FOLDS}-fold CV (by story), {len(gold)} pairs"))
    if args.cv_only:
        return 0
    idf = IdfTable.fit(bodies[b] for b in sorted(data.bodies, key=int))
    x = features(data, bodies, claims, idf)
    pair_bodies = [bodies[p.body] for p in data.pairs]
    model = fit(x, gold, pair_bodies, idf)
    model["info"] = {"trained_on": "FNC-1 competition test set, development share (5,551 pairs)",
                     "labels": list(LABELS)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    in_sample = decide(StanceModel.from_json(model).proba(x, pair_bodies))
    print(format_report(evaluate(gold, in_sample), "in-sample (the shipped model on its own training data)"))
    print(f"wrote {args.output} ({args.output.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
