"""FNC-1 stance scorer for ``sourcetrace check``.

    python eval/stance.py          # the shipped model on the dev share: IN-SAMPLE (it was trained there)
    python eval/stance.py --cv     # grouped cross-validation by story: the honest number

FNC score: +0.25 for each pair whose related/unrelated call is right, +0.75 more for each related pair
whose exact stance is right, as a share of the best possible total. Per-class F1 and macro F1 over the
four classes, and the confusion matrix (rows gold, columns predicted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.fnc import LABELS, evaluate, fnc_score, format_report  # noqa: E402

__all__ = ["LABELS", "evaluate", "fnc_score", "format_report", "main", "score_shipped"]


def score_shipped(fnc: Path, cache: Path | None) -> dict[str, Any]:
    """The shipped model's predictions on the dev share, through the same code as ``check_pairs``."""
    from eval.train_stance import analyse_dataset, features, load_fnc
    from sourcetrace.check.classifier import decide, load_stance_model
    from sourcetrace.nlp import load_models

    data = load_fnc(fnc)
    bodies, claims = analyse_dataset(data, load_models(), cache)
    model = load_stance_model()
    x = features(data, bodies, claims, model.idf)
    predicted = decide(model.proba(x, [bodies[p.body] for p in data.pairs]))
    return evaluate([p.stance for p in data.pairs], predicted)


def main(argv: Sequence[str] | None = None) -> int:
    from eval.train_stance import FNC_DIR, FOLDS, analyse_dataset, cross_validate, load_fnc

    parser = argparse.ArgumentParser(description="Score sourcetrace's stance model on the FNC-1 dev share.")
    parser.add_argument("--cv", action="store_true",
                        help="grouped cross-validation by story (the honest numbers)")
    parser.add_argument("--fnc", type=Path, default=FNC_DIR)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sourcetrace-stance-cache"),
                        help="where parses and vectors are kept between runs (--no-cache: none)")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)
    cache = None if args.no_cache else args.cache
    if not (args.fnc / "dev_stances.csv").is_file():
        print(f"error: {args.fnc}/dev_stances.csv not found; pass --fnc FOLDER", file=sys.stderr)
        return 2
    if args.cv:
        from sourcetrace.nlp import load_models

        data = load_fnc(args.fnc)
        bodies, claims = analyse_dataset(data, load_models(), cache)
        gold, predicted = cross_validate(data, bodies, claims)
        title = f"grouped {FOLDS}-fold CV by story, {len(gold)} pairs"
        print(format_report(evaluate(gold, predicted), title))
    else:
        result = score_shipped(args.fnc, cache)
        print(format_report(result, "IN-SAMPLE: the shipped model on the dev share it was trained on "
                                    "(use --cv for the honest number)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
