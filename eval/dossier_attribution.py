"""How many of PolNeAR's attributions reach the dossier: the shared sentence-level scorer, on this checkout.

The scorer is ``../shared/eval/polnear/score_dossier.py`` (the same one used from outside; read its
docstring). It runs ``SOURCETRACE_CMD analyze SPLIT/text -o out.json`` with one executable as the
command, so this wrapper writes a tiny shell script that starts *this* repository's package with the
current interpreter (``PYTHONPATH=<repo> python -m sourcetrace``): the figure is always the one of the
code beside this file, never of another installed copy.

A split is a folder with ``text/*.txt`` and ``attributions/*.ann``. ``--split dev`` is the development
split; ``--split train --first 200`` builds a temporary split of train articles 0-199 (sorted by name;
never studied) from symbolic links, for the held-out check.

Usage::

    python eval/dossier_attribution.py --split dev [--json OUT]
    python eval/dossier_attribution.py --split train --first 200
    python eval/dossier_attribution.py --dir SPLIT_DIR
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
POLNEAR = REPO_ROOT.parent / "shared" / "eval" / "polnear"
SCORER = POLNEAR / "score_dossier.py"
_LAST_LINE = re.compile(
    r"F1 (?P<f1>[\d.]+) P (?P<p>[\d.]+) R (?P<r>[\d.]+) gold=(?P<gold>\d+) reports=(?P<reports>\d+)"
)


def _command(folder: Path) -> Path:
    """An executable that runs this checkout's ``sourcetrace`` (the scorer takes one path, no arguments)."""
    script = folder / "sourcetrace"
    script.write_text(
        "#!/bin/sh\n"
        f'PYTHONPATH={shlex.quote(str(REPO_ROOT))} exec {shlex.quote(sys.executable)} -m sourcetrace "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def _first_articles(split: Path, first: int, into: Path) -> Path:
    """A split folder of the first ``first`` articles of ``split`` by name, text and annotations."""
    (into / "text").mkdir(parents=True)
    (into / "attributions").mkdir()
    texts = sorted((split / "text").glob("*.txt"))[:first]
    for text in texts:
        os.symlink(text, into / "text" / text.name)
        for ann in (split / "attributions").glob(f"{text.stem}_*.ann"):
            os.symlink(ann, into / "attributions" / ann.name)
    return into


def score(split_dir: Path, *, first: int | None = None) -> dict[str, float]:
    """The shared scorer on ``split_dir`` (or its first N articles): f1, precision, recall, counts."""
    if not SCORER.is_file():
        raise FileNotFoundError(
            f"the dossier scorer is not at {SCORER} (it lives in the shared folder beside the repo)"
        )
    with tempfile.TemporaryDirectory(prefix="dossier-attr-") as tmp:
        folder = Path(tmp)
        target = _first_articles(split_dir, first, folder / "split") if first else split_dir
        run = subprocess.run(
            [sys.executable, str(SCORER), str(_command(folder)), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
    lines = run.stdout.strip().splitlines()
    found = _LAST_LINE.search(lines[-1]) if lines else None
    if run.returncode != 0 or found is None:
        raise RuntimeError(
            f"score_dossier.py failed (exit {run.returncode}): {(run.stdout + run.stderr).strip()[-500:]}"
        )
    return {
        "f1": float(found["f1"]),
        "precision": float(found["p"]),
        "recall": float(found["r"]),
        "gold": int(found["gold"]),
        "reports": int(found["reports"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--split", default="dev", help="a PolNeAR split under ../shared/eval/polnear (dev, train)"
    )
    where.add_argument("--dir", type=Path, help="any split folder with text/ and attributions/")
    parser.add_argument("--first", type=int, default=None, help="only the first N articles by name")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    split_dir = args.dir if args.dir is not None else POLNEAR / args.split
    result = score(split_dir, first=args.first)
    print(
        f"dossier attribution on {split_dir.name}{f' (first {args.first})' if args.first else ''}: "
        f"F1 {result['f1']:.3f} P {result['precision']:.3f} R {result['recall']:.3f} "
        f"gold={result['gold']} reports={result['reports']}"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
