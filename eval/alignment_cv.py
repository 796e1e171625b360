"""The aligner's parameters, chosen on text they were not chosen from: leave one corpus out.

Labelled corpora: the seeds and the example corpus (our own gold, scored as in
``eval/alignment.py``), the three development stories (``../shared/eval/stories``, scored by the
share's ``score.py``: claims found whole, apart pairs kept, non-claims left out) and the ECB+
sub-topics with our claim gold (``eval/ecb_claims.py``, the same parts). The pipeline runs once
per corpus up to alignment (the aligner's inputs are recorded); the aligner is then re-run for every
setting of a grid over its two parameters, both on the scale of the same-claim model's probabilities:
the merge threshold and the link floor (a pair below it never sits in one claim). For each corpus, the
setting that scores best on the others is applied to it, and its figures are printed: those are the
held-out figures. The pair model itself is fitted on all the corpora here; its own held-out figures
(model and threshold chosen without the corpus) are printed by ``eval/train_claim_pairs.py``.

Score of a setting on one corpus: seeds, the mean of pairwise F1 and the share of apart pairs kept;
examples, pairwise F1; a story or sub-topic, the mean of the shares of claims found whole and of apart
pairs kept.

    python eval/alignment_cv.py                # the default grid (a few minutes)
    python eval/alignment_cv.py --json out.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import alignment as gold_alignment  # noqa: E402
import ecb_claims  # noqa: E402
from stories import SHARE as STORIES  # noqa: E402
from stories import story_scorer  # noqa: E402

from sourcetrace import align, pipeline  # noqa: E402
from sourcetrace.model import Claim, Report  # noqa: E402
from sourcetrace.nlp import Models  # noqa: E402

# Our own seeds and example corpus, the share's three development stories, and the ECB+ sub-topics
# with claim gold of ours (``eval/ecb_claims.py``), named "ecb:<sub-topic>"; its sealed test stories never.
_ECB = tuple(f"ecb:{p.stem}" for p in ecb_claims.gold_files("train"))
CORPORA = ("seeds", "examples", "dev1", "dev2", "dev3", *_ECB)
GRID = {
    "threshold": (0.45, 0.55, 0.6, 0.65, 0.7, 0.75, 0.85),
    "floor": (0.0, 0.05, 0.1),
}
Call = tuple[list[Report], frozenset[str], dict[str, str] | None]


def _inputs(corpus: str) -> list[str]:
    if corpus in gold_alignment.CORPORA:
        return [str(gold_alignment.CORPORA[corpus][0])]
    return [str(STORIES / f"{corpus}.jsonl")]


def record(corpus: str, models: Models) -> tuple[list[Call], list[tuple[str, str]]]:
    """The aligner's inputs for one corpus (one call per story) and (article id, source) pairs."""
    calls: list[Call] = []
    original = align.align_reports

    def recording(
        reports: Sequence[Report],
        models: Models,
        threshold: float | None = None,
        persons: frozenset[str] = frozenset(),
        places: dict[str, str] | None = None,
        **options: Any,
    ) -> Any:
        calls.append((list(reports), persons, places))
        return original(reports, models, threshold, persons, places, **options)

    align.align_reports = recording  # type: ignore[assignment]
    try:
        if corpus.startswith("ecb:"):
            dossier = pipeline.analyse_articles(ecb_claims.articles(corpus[4:]), models=models)
        else:
            dossier = pipeline.analyse(_inputs(corpus), models=models)
    finally:
        align.align_reports = original  # type: ignore[assignment]
    return calls, [(a.id, a.source) for a in dossier.articles]


class _Claims:
    """What the gold scorers read of a dossier: its claims."""

    def __init__(self, claims: tuple[Claim, ...]) -> None:
        self.claims = claims


def _share(part: str) -> float:
    """The share of a part: "7/10" -> 0.7; a part with nothing to check counts as passed."""
    ok, total = map(int, part.split("/"))
    return ok / total if total else 1.0


def _story_score(parts: dict[str, Any]) -> float:
    """A story's score of a setting: the mean of the shares of claims found whole and of apart pairs kept."""
    return (_share(parts["claims"]) + _share(parts["apart"])) / 2


def score(
    corpus: str, groups: list[tuple[Report, ...]], articles: list[tuple[str, str]], scorer: Any
) -> dict[str, Any]:
    if isinstance(scorer, dict):  # an ECB+ sub-topic's gold
        result = ecb_claims.score(groups, scorer)
        result["f1"] = result.pop("pairwise")[2]
        return {**result, "score": _story_score(result)}
    if scorer is None:
        claims = tuple(Claim(id=f"c{n}", story="s", statement="", reports=g) for n, g in enumerate(groups))
        gold_path = gold_alignment.CORPORA[corpus][1]
        view = _Claims(claims)
        pairs = gold_alignment.pairwise(gold_alignment.locate(view, gold_alignment.load_gold(gold_path)))  # type: ignore[arg-type]
        apart = gold_alignment.apart_checks(view, gold_alignment.load_apart(gold_path))  # type: ignore[arg-type]
        kept = apart["kept"] / apart["total"] if apart["total"] else 1.0
        value = pairs["f1"] if corpus == "examples" else (pairs["f1"] + kept) / 2
        return {
            "f1": round(pairs["f1"], 3),
            "precision": round(pairs["precision"], 3),
            "recall": round(pairs["recall"], 3),
            "apart": f"{apart['kept']}/{apart['total']}",
            "score": value,
        }
    dossier = {
        "articles": [{"id": i, "source": s} for i, s in articles],
        "claims": [
            {"id": f"c{n}", "reports": [{"article": r.article, "sentence": r.sentence.text} for r in g]}
            for n, g in enumerate(groups)
        ],
    }
    keys = {a["id"]: scorer.article_key(a) for a in dossier["articles"]}
    out: dict[str, Any] = {}
    for part in ("claims", "apart", "nonclaims"):
        ok, total = scorer.__dict__[f"part_{part}"](dossier, keys)[:2]
        out[part] = f"{ok}/{total}"
    out["score"] = _story_score(out)
    return out


def _scorer(corpus: str) -> Any:
    if corpus in gold_alignment.CORPORA:
        return None
    if corpus.startswith("ecb:"):
        return ecb_claims.load_gold(ecb_claims.GOLD / f"{corpus[4:]}.json")
    return story_scorer(STORIES / f"{corpus}-gold.json")


def run(corpora: Sequence[str] = CORPORA) -> dict[str, Any]:
    models = Models()
    recorded = {c: record(c, models) for c in corpora}
    scorers = {c: _scorer(c) for c in corpora}
    # Each story's pairs are scored once; only the clustering is re-run for each setting.
    scores = {
        c: [align.pair_scores(reports, models, persons) for reports, persons, _ in recorded[c][0]]
        for c in corpora
    }
    shipped_setting = (align.load_pair_model().threshold, align.LINK_FLOOR)
    table: list[tuple[tuple[float, float], dict[str, dict[str, Any]]]] = []
    for threshold, floor in itertools.product(GRID["threshold"], GRID["floor"]):
        row = {}
        for c in corpora:
            calls, articles = recorded[c]
            groups = [
                a.reports
                for (reports, persons, places), pairs in zip(calls, scores[c], strict=True)
                for a in align.align_reports(
                    reports, models, threshold, persons, places, floor=floor, scores=pairs
                )
            ]
            row[c] = score(c, groups, articles, scorers[c])
        table.append(((threshold, floor), row))
    held_out = {}
    for c in corpora:
        setting, row = max(table, key=lambda t: sum(t[1][o]["score"] for o in corpora if o != c))
        held_out[c] = {"setting": setting, **{k: v for k, v in row[c].items() if k != "score"}}
    shipped = next((row for s, row in table if s == shipped_setting), None)
    best_setting, best_row = max(table, key=lambda t: sum(t[1][o]["score"] for o in corpora))
    return {
        "held_out": held_out,
        "shipped_setting": shipped_setting,
        "shipped": shipped,
        "best_setting": best_setting,
        "best": best_row,
        "table": [{"setting": s, **row} for s, row in table],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run()
    print("held out (threshold and floor chosen on the other corpora):")
    for corpus, row in result["held_out"].items():
        figures = ", ".join(f"{k} {v}" for k, v in row.items() if k != "setting")
        print(f"  {corpus:9} {tuple(row['setting'])}: {figures}")
    if result["shipped"]:
        print(f"shipped setting {result['shipped_setting']} (scored on every corpus, fitted on all of them):")
        for corpus, row in result["shipped"].items():
            print(f"  {corpus:9} " + ", ".join(f"{k} {v}" for k, v in row.items() if k != "score"))
    print(f"best on all corpora: {result['best_setting']}")
    for corpus, row in result["best"].items():
        print(f"  {corpus:9} " + ", ".join(f"{k} {v}" for k, v in row.items() if k != "score"))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
