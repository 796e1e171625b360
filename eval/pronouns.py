"""Who a pronoun or a role description that speaks refers to: accuracy of the resolved speaker.

The gold is ``eval/gold/polnear_pronouns.json`` (hand annotation; its ``about`` field says how the
sample was drawn): PolNeAR attribution sources written as "he", "she", "they", "it" or "the senator",
each with the name of whom it refers to in its article, or none when the article never names it.
PolNeAR's texts are read in place from ``../shared/eval/polnear``; the gold stores only offsets and names.

For each annotated source, the attribution stage runs on its article (as ``eval/attribution.py
--predictor pipeline`` does) and the attribution whose source overlaps the gold span most is taken.
Its speaker is the chain link of its own cue (``X told CNN``: X, not CNN). Right when:

* the gold names someone: the link's name and one of the gold names contain each other after case
  folding, or (for a person) end with the same word ("Mr. Trump" / "Donald J. Trump");
* the gold names nobody: the link is not an entity of the article (a description such as "the source").

Error kinds: ``missed`` (no attribution with that source), ``unresolved`` (named in the article, but
the link stays the bare words), ``wrong`` (another name), ``invented`` (gold names nobody, the link
names someone).

Usage::

    python eval/pronouns.py --split train|dev [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script from a checkout that is not pip-installed
    sys.path.insert(0, str(REPO_ROOT))

from eval.attribution import DEFAULT_DATA_DIR, load_split  # noqa: E402

GOLD = REPO_ROOT / "eval" / "gold" / "polnear_pronouns.json"


@dataclass(frozen=True, slots=True)
class Outcome:
    article: str
    start: int
    end: int
    kind: str  # pronoun | role
    gold: tuple[str, ...]
    predicted: str | None  # the speaker's name as the chain shows it; None when missed
    predicted_kind: str | None
    error: str | None  # None when right

    @property
    def right(self) -> bool:
        return self.error is None


def load_gold(split: str, path: Path = GOLD) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["splits"][split]
    return items


def same_referent(gold: Sequence[str], name: str, kind: str) -> bool:
    """A predicted name matches a gold name: one contains the other (case folded), or for a person the
    same last word ("Mr. Clarke" / "Tom Clarke")."""
    low = name.casefold().strip()
    if not low:
        return False
    for g in gold:
        gl = g.casefold()
        if gl in low or low in gl:
            return True
        if kind == "person" and _surname(gl) == _surname(low):
            return True
    return False


def _surname(name: str) -> str:
    words = [w.strip(".,") for w in name.split() if w.strip(".,") not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else ""


def judge(item: dict[str, Any], attributions: Sequence[Any]) -> Outcome:
    """Score one annotated source against the attributions of its article."""
    start, end = item["start"], item["end"]
    gold = tuple(item["refers_to"])
    best, best_overlap = None, 0
    for a in attributions:
        if a.source is None:
            continue
        shared = min(end, a.source.end) - max(start, a.source.start)
        if shared > best_overlap:
            best, best_overlap = a, shared
    if best is None or not best.chain:
        return Outcome(item["article"], start, end, item["kind"], gold, None, None, "missed")
    link = next((link for link in best.chain if link.cue == best.cue.text), best.chain[-1])
    if not gold:
        error = None if link.entity is None else "invented"
    elif same_referent(gold, link.source, link.kind):
        error = None
    else:
        error = "unresolved" if link.entity is None else "wrong"
    return Outcome(item["article"], start, end, item["kind"], gold, link.source, link.kind, error)


def evaluate(split: str, data_dir: Path | None = None, gold_path: Path = GOLD) -> list[Outcome]:
    from sourcetrace.nlp import load_models
    from sourcetrace.pipeline import attribute_text

    items = load_gold(split, gold_path)
    wanted = {item["article"] for item in items}
    texts = {a.name: a.text for a in load_split(data_dir, split) if a.name in wanted}
    models = load_models()
    per_article: dict[str, list[Any]] = {}
    outcomes = []
    for item in items:
        name = item["article"]
        if name not in per_article:
            per_article[name] = attribute_text(texts[name], models)
        outcomes.append(judge(item, per_article[name]))
    return outcomes


def summary(outcomes: Sequence[Outcome]) -> str:
    n = len(outcomes)
    right = sum(o.right for o in outcomes)
    found = [o for o in outcomes if o.error != "missed"]
    lines = [
        f"resolved speaker right: {right}/{n} = {right / n:.3f}"
        f" (of sources found: {sum(o.right for o in found)}/{len(found)})"
    ]
    for kind in ("pronoun", "role", "title"):
        sub = [o for o in outcomes if o.kind == kind]
        if sub:
            right_here = sum(o.right for o in sub)
            lines.append(f"  {kind:<8} {right_here}/{len(sub)} = {right_here / len(sub):.3f}")
    named = [o for o in outcomes if o.gold]
    lines.append(
        f"  named in article {sum(o.right for o in named)}/{len(named)}; "
        f"never named {sum(o.right for o in outcomes if not o.gold)}/{n - len(named)}"
    )
    errors = Counter(o.error for o in outcomes if o.error)
    lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in errors.most_common()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="PolNeAR directory")
    parser.add_argument("--errors", action="store_true", help="list every wrong resolution")
    args = parser.parse_args(argv)
    outcomes = evaluate(args.split, args.data)
    if args.errors:
        for o in outcomes:
            if o.error:
                print(
                    f"{o.error:<10} {o.article} {o.start}-{o.end} gold={list(o.gold) or 'none'} "
                    f"got={o.predicted!r} ({o.predicted_kind})"
                )
    print(summary(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
