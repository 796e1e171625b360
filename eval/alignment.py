"""Claim alignment and verdicts, measured against hand-labelled claims.

Gold files (``eval/gold/*.json``) list claims, each with the places (article, sentence fragment) that
state, hedge or deny it. We run the pipeline on the corpus and score every pair of labelled places:
"same claim" in the gold vs "same claim" in the dossier -> pairwise precision, recall and F1.
Verdict checks (origins, echoes, denials, conflicts) are reported per gold claim. "Apart" pairs (two
places stating different propositions) must never sit in one claim: a pair is kept when no claim holds
both places (a place with no report keeps its pair, as the stories' scorer counts it).

    python eval/alignment.py                 # seeds and the example corpus
    python eval/alignment.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sourcetrace.model import Claim, Dossier, Report  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CORPORA = {
    "seeds": (SEEDS, ROOT / "eval" / "gold" / "seeds_claims.json"),
    "examples": (ROOT / "examples" / "corpus", ROOT / "examples" / "annotations.json"),
}


@dataclass(frozen=True)
class Located:
    gold: str
    article: str
    fragment: str
    claim: str | None  # the dossier claim holding the report, None when no report was found
    report: Report | None


def _place(item: Any) -> tuple[str, str]:
    if isinstance(item, dict):  # the example corpus's own format
        return item["file"].rsplit(".", 1)[0], item["sentence_contains"]
    return item[0], item[1]


def load_apart(path: Path) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The gold's "must stay apart" pairs of places, if it has any."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(_place(a), _place(b)) for a, b in data.get("apart", [])]


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    claims = data["claims"]
    out = []
    for c in claims:
        out.append({**c, "reports": [_place(item) for item in c["reports"]]})
    return out


def _article_matches(article_id: str, key: str) -> bool:
    return article_id == key or article_id.startswith(key + "_") or article_id.startswith(key)


def _holders(dossier: Dossier, key: str, fragment: str) -> set[str]:
    """Every claim holding a report whose sentence contains the fragment."""
    return {
        claim.id
        for claim in dossier.claims
        for r in claim.reports
        if _article_matches(r.article, key) and fragment in r.sentence.text
    }


def apart_checks(
    dossier: Dossier, pairs: list[tuple[tuple[str, str], tuple[str, str]]]
) -> dict[str, Any]:
    """How many "apart" pairs no single claim holds both places of."""
    merged = [
        f"{a[0]}: {a[1]} + {b[0]}: {b[1]}"
        for a, b in pairs
        if _holders(dossier, *a) & _holders(dossier, *b)
    ]
    return {"total": len(pairs), "kept": len(pairs) - len(merged), "merged": merged}


def _stating(candidates: list[Report], fragment: str) -> Report | None:
    """The report that states a place, whatever the order of the claims: the shortest content holding
    the fragment (a clause's rather than its whole sentence's), else the content sharing most of the
    fragment's words, then the earliest."""
    inside = [r for r in candidates if fragment in r.content.text]
    if inside:
        return min(inside, key=lambda r: (len(r.content.text), r.content.start))
    words = set(fragment.lower().split())
    return min(
        candidates,
        key=lambda r: (-len(words & set(r.content.text.lower().split())), r.clause, r.content.start),
        default=None,
    )


def locate(dossier: Dossier, gold: list[dict[str, Any]]) -> list[Located]:
    """Find, for each labelled place, the report that states it and the claim that holds the report."""
    holder: dict[int, Claim] = {}
    reports: list[Report] = []
    for claim in dossier.claims:
        for r in claim.reports:
            holder[id(r)] = claim
            reports.append(r)
    located = []
    for g in gold:
        for key, fragment in g["reports"]:
            candidates = [
                r for r in reports if _article_matches(r.article, key) and fragment in r.sentence.text
            ]
            best = _stating(candidates, fragment)
            claim = holder[id(best)].id if best is not None else None
            located.append(Located(g["id"], key, fragment, claim, best))
    return located


def pair_counts(units: Iterable[tuple[set[str], object]]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives over every pair of units, a unit being a
    report's gold labels and the claim holding it: the gold joins two units when their labels meet."""
    tp = fp = fn = 0
    for (la, ca), (lb, cb) in combinations(units, 2):
        gold_same, same = bool(la & lb), ca == cb
        tp += gold_same and same
        fp += same and not gold_same
        fn += gold_same and not same
    return tp, fp, fn


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(located: list[Located]) -> dict[str, float]:
    """Pairwise same-claim precision and recall over the reports that state labelled places.

    A report whose sentence states several labelled propositions carries all their labels and rightly
    sits with any of them: two reports are "the same claim" in the gold when their labels meet. Each
    pair of reports counts once, however many labels it shares.
    """
    found = [x for x in located if x.claim is not None]
    units: dict[int, tuple[set[str], str | None]] = {}  # one per report (or per place without one)
    for x in found:
        key = id(x.report) if x.report is not None else id(x)
        labels, claim = units.get(key, (set(), x.claim))
        labels.add(x.gold)
        units[key] = (labels, claim)
    tp, fp, fn = pair_counts(units.values())
    # A labelled place with no report at all misses every pair it is part of.
    for a in located:
        if a.claim is None:
            fn += sum(1 for b in located if b is not a and b.gold == a.gold)
    p, r, f = precision_recall_f1(tp, fp, fn)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "places": len(located),
        "places_found": len(found),
    }


def verdict_checks(
    dossier: Dossier, gold: list[dict[str, Any]], located: list[Located]
) -> list[dict[str, Any]]:
    by_id = {c.id: c for c in dossier.claims}
    out = []
    for g in gold:
        mine = [x.claim for x in located if x.gold == g["id"] and x.claim]
        if not mine:
            out.append({"gold": g["id"], "found": False})
            continue
        main = max(set(mine), key=mine.count)
        claim = by_id[main]
        row: dict[str, Any] = {
            "gold": g["id"],
            "found": True,
            "claim": main,
            "echoes": claim.echoes,
            "origins": list(claim.origins),
            "denied_by": list(claim.denied_by),
            "conflicts": [c.kind for c in claim.conflicts],
            "verdict": claim.verdict,
        }
        if "origins" in g:
            row["origins_ok"] = sorted(map(_norm, claim.origins)) == sorted(map(_norm, g["origins"]))
        if "min_echoes" in g:
            row["echoes_ok"] = claim.echoes >= g["min_echoes"]
        if "denied_by_contains" in g:
            row["denied_ok"] = all(any(w in d for d in claim.denied_by) for w in g["denied_by_contains"])
        if g.get("conflict"):
            row["conflict_ok"] = g["conflict"] in row["conflicts"]
        out.append(row)
    return out


def _norm(name: str) -> str:
    from sourcetrace.entities import normal_form

    return normal_form(name)


def evaluate(corpus: str = "seeds", dossier: Dossier | None = None) -> dict[str, Any]:
    from sourcetrace.pipeline import analyse

    folder, gold_path = CORPORA[corpus]
    if not folder.exists() or not gold_path.exists():
        raise FileNotFoundError(f"{corpus}: {folder} or {gold_path} is missing")
    gold = load_gold(gold_path)
    dossier = dossier or analyse([str(folder)])
    located = locate(dossier, gold)
    return {
        "corpus": corpus,
        "pairwise": pairwise(located),
        "claims": verdict_checks(dossier, gold, located),
        "apart": apart_checks(dossier, load_apart(gold_path)),
        "missing": [f"{x.article}: {x.fragment}" for x in located if x.claim is None],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    results = []
    for name in names:
        try:
            result = evaluate(name)
        except FileNotFoundError as exc:
            print(f"skipped: {exc}")
            continue
        results.append(result)
        pw = result["pairwise"]
        print(
            f"{name}: pairwise same-claim P {pw['precision']:.3f} R {pw['recall']:.3f} F1 {pw['f1']:.3f} "
            f"(tp {pw['tp']} fp {pw['fp']} fn {pw['fn']}; places found {pw['places_found']}/{pw['places']})"
        )
        apart = result["apart"]
        if apart["total"]:
            print(f"{name}: apart pairs kept {apart['kept']}/{apart['total']}")
        for pair in apart["merged"]:
            print("   merged apart pair:", pair)
        for row in result["claims"]:
            print("  ", json.dumps(row, ensure_ascii=False))
        for miss in result["missing"]:
            print("   no report for", miss)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
