"""Story clustering on the FNC-1 dev share: B-cubed and pairwise precision / recall / F1.

    python eval/clustering.py                # the three callers of the one similarity, the baseline
    python eval/clustering.py --mode batch   # one caller only: analyze | batch | add (+ ablations for batch)
    python eval/clustering.py --cv           # + how the threshold was chosen: 5 folds of disjoint stories
    python eval/clustering.py --curve        # + F1 at each threshold, all bodies (sensitivity, not a choice)

The three callers of ``sourcetrace.stories``' similarity, each at the same threshold:
``analyze`` groups all bodies at once (``stories.group``: average linkage over every pair);
``batch`` streams them through ``stories.stream`` (ANN index, consolidation); ``add`` assigns them one
by one, in arrival order, to the stories made so far, as the store does (``stories.assign``; document
frequencies over the bodies seen so far, never regrouped).

Gold: ``../shared/eval/fnc1/dev_story_clusters.json`` ({"Body ID": story}, 596 bodies, 71 stories);
bodies from ``dev_bodies.csv`` (read in place, never copied). FNC bodies have no dates or titles, so
the time feature is idle here. ``batch`` and ``add`` are online, so their result depends on arrival
order: each of their figures is the mean over ``--orders`` shuffled orders (seeds 0, 1, ...), with the
worst order beside it. ``analyze`` sees all bodies at once and is scored once.

The baseline is plain TF-IDF (sublinear tf, smoothed idf, stop words out) with average linkage over all
pairs (``stories.average_linkage``), its threshold tuned on the very data it is scored on (an upper
bound for that method). Our threshold comes from cross-validation over disjoint folds of stories
(``--cv``); the chosen value is the default in ``stories.ClusterSettings`` and is not tuned again here.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sourcetrace.model import Article  # noqa: E402
from sourcetrace.stories import (  # noqa: E402
    ClusterSettings,
    Sketch,
    assign_sketch,
    cluster_sketches,
    embed_leads,
    group_sketches,
    sketch,
)

FNC = ROOT.parent / "shared" / "eval" / "fnc1"
FOLDS = 5
GRID = tuple(round(0.25 + 0.0125 * i, 4) for i in range(17))  # 0.25 ... 0.45
BASELINE_GRID = tuple(round(0.05 + 0.0125 * i, 4) for i in range(29))  # 0.05 ... 0.4

Labels = Mapping[str, str]


# ------------------------------------------------------------------------------------------- scores


def bcubed(predicted: Labels, gold: Labels) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items of ``gold`` (Bagga & Baldwin 1998)."""
    items = list(gold)
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item in items:
        pred_members[predicted[item]].add(item)
        gold_members[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        mine, true = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(mine & true)
        precision += both / len(mine)
        recall += both / len(true)
    precision, recall = precision / len(items), recall / len(items)
    return _prf(precision, recall)


def pairwise(predicted: Labels, gold: Labels) -> dict[str, float]:
    """Precision, recall and F1 of the same-story decisions over all pairs of ``gold``'s items."""

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    items = list(gold)
    together = pairs(Counter((predicted[i], gold[i]) for i in items))
    said = pairs(Counter(predicted[i] for i in items))
    true = pairs(Counter(gold[i] for i in items))
    return _prf(together / said if said else 1.0, together / true if true else 1.0)


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def scores(predicted: Labels, gold: Labels) -> dict[str, dict[str, float]]:
    return {"bcubed": bcubed(predicted, gold), "pairwise": pairwise(predicted, gold)}


# --------------------------------------------------------------------------------------------- data


def load(folder: Path = FNC) -> tuple[dict[str, str], dict[str, str]]:
    """(bodies by id, gold story by id for the labelled ones)."""
    if not (folder / "dev_bodies.csv").is_file():
        raise SystemExit(
            f"FNC-1 dev share not found at {folder} (it lives in the shared folder beside the repo)"
        )
    with (folder / "dev_bodies.csv").open(newline="", encoding="utf-8") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    gold = json.loads((folder / "dev_story_clusters.json").read_text(encoding="utf-8"))
    return bodies, {str(k): str(v) for k, v in gold.items()}


def embeddings_for(bodies: Mapping[str, str], ids: Sequence[str]) -> dict[str, np.ndarray]:
    """Lead embeddings of the given bodies, computed once, in one batch."""
    from sourcetrace.nlp import load_encoder

    vectors = embed_leads([_article(i, bodies[i]) for i in ids], load_encoder())
    return dict(zip(ids, vectors, strict=True))


def sketches_for(
    bodies: Mapping[str, str],
    embeddings: Mapping[str, np.ndarray],
    *,
    names: bool = True,
    numbers: bool = True,
) -> dict[str, Sketch]:
    """Clustering sketches of the bodies that have an embedding."""
    return {
        i: sketch(_article(i, bodies[i]), vector, names=names, numbers=numbers)
        for i, vector in embeddings.items()
    }


def _article(ident: str, text: str) -> Article:
    return Article(id=ident, source=f"fnc1/{ident}", text=text)


def run(
    sketches: Mapping[str, Sketch], ids: Sequence[str], settings: ClusterSettings, seed: int
) -> dict[str, str]:
    """Stream ``ids`` in a shuffled order through the clusterer; story label per id."""
    order = list(ids)
    random.Random(seed).shuffle(order)
    stories, _ = cluster_sketches([sketches[i] for i in order], settings=settings)
    return {order[k]: str(n) for n, members in enumerate(stories) for k in members}


def run_add(
    sketches: Mapping[str, Sketch], ids: Sequence[str], settings: ClusterSettings, seed: int
) -> dict[str, str]:
    """Assign ``ids`` one by one, in a shuffled order, as the store's ``add`` does; story per id."""
    order = list(ids)
    random.Random(seed).shuffle(order)
    members: list[tuple[str, Sketch]] = []
    labels: dict[str, str] = {}
    for n, ident in enumerate(order):
        story = assign_sketch(sketches[ident], members, settings) or f"s{n}"
        labels[ident] = story
        members.append((story, sketches[ident]))
    return labels


def run_analyze(
    sketches: Mapping[str, Sketch], ids: Sequence[str], settings: ClusterSettings
) -> dict[str, str]:
    """Group ``ids`` all at once, as ``analyze`` does; story label per id."""
    stories = group_sketches([sketches[i] for i in ids], settings=settings)
    return {ids[k]: str(n) for n, members in enumerate(stories) for k in members}


Runner = Callable[[Mapping[str, Sketch], Sequence[str], ClusterSettings, int], dict[str, str]]


def over_orders(
    sketches: Mapping[str, Sketch],
    ids: Sequence[str],
    gold: Labels,
    settings: ClusterSettings,
    orders: int,
    runner: Runner = run,
) -> dict[str, Any]:
    """Mean scores over ``orders`` arrival orders, and the worst B-cubed F1."""
    runs = [scores(runner(sketches, ids, settings, seed), gold) for seed in range(orders)]
    mean = {
        metric: {k: float(np.mean([r[metric][k] for r in runs])) for k in ("precision", "recall", "f1")}
        for metric in ("bcubed", "pairwise")
    }
    return {**mean, "worst_bcubed_f1": min(r["bcubed"]["f1"] for r in runs), "orders": orders}


def analyze_scores(
    sketches: Mapping[str, Sketch], ids: Sequence[str], gold: Labels, settings: ClusterSettings
) -> dict[str, Any]:
    """Scores of the all-at-once grouping (no arrival order: one run)."""
    result = scores(run_analyze(sketches, ids, settings), gold)
    return {**result, "worst_bcubed_f1": result["bcubed"]["f1"], "orders": 1}


# --------------------------------------------------------------------------------------------- baseline


_TOKEN = re.compile(r"[^\W\d_]{2,}")


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    """Plain TF-IDF rows (sublinear tf, smoothed idf, spaCy's English stop words out), L2-normalised."""
    from spacy.lang.en.stop_words import STOP_WORDS

    counts = [Counter(t for t in _TOKEN.findall(text.lower()) if t not in STOP_WORDS) for text in texts]
    df: Counter[str] = Counter(t for c in counts for t in c)
    vocabulary = {t: n for n, t in enumerate(df)}
    matrix = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, c in enumerate(counts):
        for term, n in c.items():
            matrix[row, vocabulary[term]] = (1 + math.log(n)) * (
                math.log((1 + len(texts)) / (1 + df[term])) + 1
            )
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)  # type: ignore[no-any-return]


def baseline(
    bodies: Mapping[str, str], ids: Sequence[str], gold: Labels, grid: Sequence[float] = BASELINE_GRID
) -> dict[str, Any]:
    """TF-IDF + average linkage, threshold tuned on the scored data itself (best B-cubed F1)."""
    from sourcetrace.stories import average_linkage

    matrix = tfidf_matrix([bodies[i] for i in ids])
    sim = matrix @ matrix.T
    best: dict[str, Any] = {}
    for threshold in grid:
        clusters = average_linkage(sim, threshold)
        predicted = {ids[k]: str(n) for n, members in enumerate(clusters) for k in members}
        result = scores(predicted, gold)
        if not best or result["bcubed"]["f1"] > best["bcubed"]["f1"]:
            best = {**result, "threshold": threshold}
    return best


# ------------------------------------------------------------------------------------ cross-validation


def story_folds(gold: Labels, folds: int = FOLDS, seed: int = 13) -> list[list[str]]:
    """Bodies split into ``folds`` groups with no story in two groups (stories dealt round-robin by size)."""
    members: dict[str, list[str]] = defaultdict(list)
    for item, story in sorted(gold.items()):
        members[story].append(item)
    stories = sorted(members)
    random.Random(seed).shuffle(stories)
    stories.sort(key=lambda s: -len(members[s]))
    out: list[list[str]] = [[] for _ in range(folds)]
    for n, story in enumerate(stories):
        out[n % folds].extend(members[story])
    return out


def cross_validate(
    sketches: Mapping[str, Sketch],
    gold: Labels,
    settings: ClusterSettings,
    orders: int,
    grid: Sequence[float] = GRID,
    log: Callable[[str], None] = print,
    bodies: Mapping[str, str] | None = None,
    runner: Runner = run,
) -> dict[str, Any]:
    """For each fold: the threshold best on the other folds, scored on this fold's bodies alone (for
    ``runner``'s mode)."""
    folds = story_folds(gold)
    chosen: list[float] = []
    held_out: list[dict[str, Any]] = []
    for k, test in enumerate(folds):
        train = [i for j, fold in enumerate(folds) if j != k for i in fold]
        train_gold = {i: gold[i] for i in train}
        curve = {
            t: over_orders(sketches, train, train_gold, replace(settings, threshold=t), orders, runner)[
                "bcubed"
            ]["f1"]
            for t in grid
        }
        best = max(grid, key=lambda t: (curve[t], -abs(t - settings.threshold)))
        chosen.append(best)
        result = over_orders(
            sketches, test, {i: gold[i] for i in test}, replace(settings, threshold=best), orders, runner
        )
        held_out.append(result)
        log(
            f"fold {k + 1}: {len(test)} bodies; train curve "
            + " ".join(f"{t:.3f}:{curve[t]:.3f}" for t in grid)
            + f"; chosen {best:.3f}; held-out B-cubed F1 {result['bcubed']['f1']:.3f}"
        )
    baseline_held_out: list[float] = []
    if bodies is not None:  # the baseline through the same folds: its threshold from the training folds
        for k, test in enumerate(folds):
            train = [i for j, fold in enumerate(folds) if j != k for i in fold]
            tuned = baseline(bodies, train, {i: gold[i] for i in train})["threshold"]
            held = baseline(bodies, test, {i: gold[i] for i in test}, grid=(tuned,))
            baseline_held_out.append(held["bcubed"]["f1"])
    return {
        "baseline_held_out_bcubed_f1": float(np.mean(baseline_held_out)) if baseline_held_out else None,
        "chosen": chosen,
        "median_threshold": float(np.median(chosen)),
        "held_out_bcubed_f1": float(np.mean([r["bcubed"]["f1"] for r in held_out])),
        "held_out_pairwise_f1": float(np.mean([r["pairwise"]["f1"] for r in held_out])),
    }


# -------------------------------------------------------------------------------------------- report


MODES = ("analyze", "batch", "add")
RUNNERS: dict[str, Runner] = {"batch": run, "add": run_add}


def evaluate(
    orders: int = 5,
    *,
    modes: Sequence[str] = MODES,
    ablations: bool = True,
    distractors: bool = True,
    cv: bool = False,
    curve: bool = False,
) -> dict[str, Any]:
    """Every figure the report prints, as data: per mode under its name, ``fixed`` for batch (the eval
    gate reads ``analyze``, ``fixed`` and ``add``)."""
    bodies, gold = load()
    labelled = [i for i in bodies if i in gold]
    everything = list(bodies)
    embeddings = embeddings_for(bodies, everything if distractors else labelled)
    sketches = sketches_for(bodies, embeddings)
    settings = ClusterSettings()
    labelled_gold = {i: gold[i] for i in labelled}
    result: dict[str, Any] = {
        "bodies": len(labelled),
        "stories": len(set(gold.values())),
        "modes": list(modes),
        "settings": {
            "threshold": settings.threshold,
            "fragment_threshold": settings.fragment_threshold,
            "embedding_weight": settings.embedding_weight,
        },
        "baseline": baseline(bodies, labelled, gold),
    }
    if "analyze" in modes:
        result["analyze"] = analyze_scores(sketches, labelled, gold, settings)
        if distractors:
            result["analyze_with_distractors"] = analyze_scores(sketches, everything, labelled_gold, settings)
    if "batch" in modes:
        result["fixed"] = over_orders(sketches, labelled, gold, settings, orders)
        if distractors:
            result["with_distractors"] = over_orders(sketches, everything, labelled_gold, settings, orders)
    if "add" in modes:
        result["add"] = over_orders(sketches, labelled, gold, settings, orders, run_add)
    if ablations and "batch" in modes:
        plain = sketches_for(bodies, embeddings, names=False, numbers=False)
        variants = {
            "online only (no consolidation)": (sketches, replace(settings, consolidate=False)),
            "without the embedding (TF-IDF only)": (sketches, replace(settings, embedding_weight=0.0)),
            "without names and numbers as terms": (plain, settings),
        }
        result["ablations"] = {
            name: over_orders(items, labelled, gold, variant, orders)
            for name, (items, variant) in variants.items()
        }
    if curve:
        result["curve"] = {
            mode: {
                t: _one(mode, sketches, labelled, gold, replace(settings, threshold=t))["bcubed"]
                for t in GRID
            }
            for mode in modes
        }
    if cv:
        result["cv"] = {
            mode: cross_validate(
                {i: sketches[i] for i in labelled},
                gold,
                settings,
                orders=1 if mode == "analyze" else min(orders, 3),  # all at once: no arrival order
                bodies=bodies if mode == modes[0] else None,
                runner=_runner(mode),
            )
            for mode in modes
        }
    return result


def _runner(mode: str) -> Runner:
    if mode == "analyze":
        return lambda sketches, ids, settings, _seed: run_analyze(sketches, ids, settings)
    return RUNNERS[mode]


def _one(
    mode: str, sketches: Mapping[str, Sketch], ids: Sequence[str], gold: Labels, settings: ClusterSettings
) -> dict[str, Any]:
    """One run of ``mode`` (the first arrival order for the online ones)."""
    return scores(_runner(mode)(sketches, ids, settings, 0), gold)


def _line(name: str, r: Mapping[str, Any]) -> str:
    b, p = r["bcubed"], r["pairwise"]
    worst = f"{r['worst_bcubed_f1']:.3f}" if "worst_bcubed_f1" in r else "  -  "
    return (
        f"{name:44} {b['precision']:.3f} {b['recall']:.3f} {b['f1']:.3f}  {worst}   "
        f"{p['precision']:.3f} {p['recall']:.3f} {p['f1']:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--orders", type=int, default=5, help="shuffled arrival orders per figure (default 5)"
    )
    parser.add_argument(
        "--cv", action="store_true", help="also cross-validate the threshold over story folds"
    )
    parser.add_argument("--curve", action="store_true", help="also B-cubed at each threshold, all bodies")
    parser.add_argument(
        "--mode",
        choices=[*MODES, "all"],
        default="all",
        help="which caller of the similarity: analyze (a folder at once), batch (a stream), add (one by one "
        "into the store); default all",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    modes = MODES if args.mode == "all" else (args.mode,)
    result = evaluate(args.orders, modes=modes, cv=args.cv, curve=args.curve)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    s = result["settings"]
    print(
        f"FNC-1 dev: {result['bodies']} labelled bodies, {result['stories']} stories; "
        f"{args.orders} arrival orders; threshold {s['threshold']}, fragments {s['fragment_threshold']}, "
        f"embedding weight {s['embedding_weight']}"
    )
    print(f"{'':44} {'B-cubed P / R / F1':19}  worst   {'pairwise P / R / F1'}")
    if "analyze" in result:
        print(_line("analyze: stories.group (all at once)", result["analyze"]))
    if "analyze_with_distractors" in result:
        print(_line("  + 174 unlabelled dev bodies grouped too", result["analyze_with_distractors"]))
    if "fixed" in result:
        print(_line("batch: stories.stream (fixed configuration)", result["fixed"]))
    if "with_distractors" in result:
        print(_line("  + 174 unlabelled dev bodies streamed in", result["with_distractors"]))
    for name, r in result.get("ablations", {}).items():
        print(_line("  " + name, r))
    if "add" in result:
        print(_line("add: stories.assign (one by one, no regroup)", result["add"]))
    base = result["baseline"]
    print(_line(f"baseline TF-IDF + average link (t={base['threshold']})", base))
    print("  (baseline threshold tuned on the scored bodies: an upper bound for it)")
    for mode, curve in result.get("curve", {}).items():
        print(f"{mode}: threshold    B-cubed P / R / F1 (all labelled bodies, one order)")
        for t, b in curve.items():
            print(f"  {t:.4f}     {b['precision']:.3f} {b['recall']:.3f} {b['f1']:.3f}")
    for mode, cv in result.get("cv", {}).items():
        base_cv = cv["baseline_held_out_bcubed_f1"]
        print(
            f"{mode}: cross-validation over {FOLDS} folds of stories: chosen thresholds {cv['chosen']}, "
            f"median {cv['median_threshold']:.3f}; held-out B-cubed F1 {cv['held_out_bcubed_f1']:.3f}, "
            f"pairwise F1 {cv['held_out_pairwise_f1']:.3f}"
            + (f"; the baseline through the same folds: held-out B-cubed F1 {base_cv:.3f}" if base_cv else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
