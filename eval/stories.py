"""Whole-pipeline figures on the development stories in ../shared/eval/stories.

Runs ``sourcetrace analyze`` on dev1/dev2/dev3, scores each dossier with the share's own ``score.py``
(every part) and adds the precision of ``corroborated``: of the dossier claims called corroborated
that match a gold claim, how many have two independent origins in the gold (the gold allows more than
one origin, and two of the dossier's origins are distinct gold origin names).

    python eval/stories.py                 # analyse and score all three
    python eval/stories.py --dossiers DIR  # score DIR/devN.json, analysing first where one is missing
    python eval/stories.py --detail        # also list every failed verdict check
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARE = (ROOT / ".." / "shared" / "eval" / "stories").resolve()
PYTHONPATH = os.environ.get("PYTHONPATH", "")
STORIES = ("dev1", "dev2", "dev3")
PARTS = ("entities", "claims", "verdicts", "attribution", "apart", "nonclaims")


def story_scorer(gold: Path) -> ModuleType:
    # score.py reads its gold at import time from argv; load one fresh copy per story.
    saved = sys.argv
    sys.argv = ["score.py", "--gold", str(gold)]
    try:
        spec = importlib.util.spec_from_file_location(f"score_{gold.stem}", SHARE / "score.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.argv = saved
    return module


def _names_one_origin(a: str, b: str, norm: Any) -> bool:
    """Two spellings of one origin: substrings, one outlet's aliases, one person with or without a
    middle initial or first name ("Anthony D. Weiner", "Weiner")."""
    from sourcetrace.outlets import same_outlet
    from sourcetrace.sources import fold

    na, nb = norm(a), norm(b)
    if na in nb or nb in na or same_outlet(a, b):
        return True
    fa, fb = fold(a).split(), fold(b).split()
    return bool(fa and fb) and fa[-1] == fb[-1] and fa[0][0] == fb[0][0]


def corroborated_precision(
    score: ModuleType, dossier: dict[str, Any], keys: dict[str, Any]
) -> tuple[int, int]:
    """(right, called): corroborated claims matched to gold with two distinct gold origins shown."""
    idx = score.reports_index(dossier, keys)
    norm = score.norm
    matched: dict[str, dict[str, Any]] = {}
    for g in score.GOLD["claims"]:
        best, _cover, _n = score.best_claim(g, idx)
        if best is not None:
            matched.setdefault(best["id"], g)
    right = called = 0
    for claim in dossier.get("claims", []):
        if claim.get("verdict") != "corroborated" or claim["id"] not in matched:
            continue
        called += 1
        g = matched[claim["id"]]
        if g["expect"].get("max_independent_origins", 2) < 2:
            continue
        hits = [o0 for o0 in g["origins"] for o in claim.get("origins", []) if _names_one_origin(o0, o, norm)]
        distinct: list[str] = []
        for h in hits:
            if not any(_names_one_origin(h, d, norm) for d in distinct):
                distinct.append(h)
        right += len(distinct) >= 2
    return right, called


def _failed_verdicts(score: ModuleType, dossier: dict[str, Any], keys: dict[str, Any]) -> list[str]:
    out = []
    idx = score.reports_index(dossier, keys)
    for g in score.GOLD["claims"]:
        best, cover, n = score.best_claim(g, idx)
        if best is None:
            out.append(f"  {g['id']}: no claim matched")
            continue
        shown = {k: best.get(k) for k in ("origins", "echoes", "denied_by", "verdict")}
        shown["conflicts"] = len(best.get("conflicts", []))
        out.append(f"  {g['id']} ({cover}/{n} reports) expect {g['expect']} got {shown}")
    return out


def evaluate(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """Per story: every part as (passed, total), the gated sum, corroborated precision and count.

    Dossiers are read from ``folder`` (``devN.json``); missing ones are analysed into it first.
    """
    folder = folder or Path(tempfile.mkdtemp(prefix="stories-"))
    results: dict[str, dict[str, Any]] = {}
    for story in STORIES:
        out = folder / f"{story}.json"
        if not out.exists():
            subprocess.run(
                [sys.executable, "-m", "sourcetrace", "analyze", str(SHARE / f"{story}.jsonl"),
                 "-o", str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
                # This checkout's package first, whatever is installed.
                env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), PYTHONPATH]))},
            )
        score = story_scorer(SHARE / f"{story}-gold.json")
        dossier, keys = score.load(str(out))
        parts = {part: getattr(score, f"part_{part}")(dossier, keys) for part in PARTS}
        gated = [parts[p] for p in ("verdicts", "entities", "attribution")]
        results[story] = {
            "parts": parts,
            "gated": (sum(g[0] for g in gated), sum(g[1] for g in gated)),
            "corroborated_precision": corroborated_precision(score, dossier, keys),
            "corroborated": sum(c.get("verdict") == "corroborated" for c in dossier.get("claims", [])),
            "detail": _failed_verdicts(score, dossier, keys),
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=Path, help="folder for dev1.json ...; missing ones are analysed")
    parser.add_argument("--detail", action="store_true", help="print each gold claim's verdict fields")
    args = parser.parse_args()
    right_all = called_all = 0
    for story, r in evaluate(args.dossiers).items():
        figures = ", ".join(f"{part} {ok}/{tot}" for part, (ok, tot) in r["parts"].items())
        ok3, tot3 = r["gated"]
        right, called = r["corroborated_precision"]
        right_all, called_all = right_all + right, called_all + called
        print(f"{story}: {figures}; verdicts+entities+attribution {ok3}/{tot3} ({ok3 / max(tot3, 1):.0%});"
              f" corroborated precision {right}/{called} (corroborated claims in all: {r['corroborated']})")
        if args.detail:
            print("\n".join(r["detail"]))
    print(f"corroborated precision, all stories: {right_all}/{called_all}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
