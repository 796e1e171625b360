"""Which rows of the no-claim table (``sourcetrace.checkworthy.NOT_A_CLAIM``) remove what, on held-out text.

The gold is ``eval/gold/checkworthy_polnear.json`` (hand labels; its ``about`` field says how the
sample was drawn): sentences of PolNeAR train articles with index >= 300, never studied, each labelled
``claim`` or ``not_a_claim`` with a reason. Only offsets and labels are stored; the texts are read in
place from ``../shared/eval/polnear/train/text``.

Each article is parsed as it is (no cleaning, so the offsets hold) and run through the claims stage the
way ``pipeline.analyse_articles`` does (attributions with views and intentions, then
``claims.extract_reports``). A labelled sentence's reports are those whose sentence overlaps it.

Printed:

* per row of ``NOT_A_CLAIM``: how many labelled sentences it fires on (a report of the sentence matches
  the row's pattern, in a voice the row judges; each row on its own, not only where it is the first
  match), how many of those are labelled ``not_a_claim`` (its precision), and which of them are claims;
* overall, for "the dossier has no claim from this sentence" (no report of it passes ``not_a_claim``;
  a sentence the claims stage gives no report at all counts as no claim): precision and recall of
  ``not_a_claim``, and the same for the table alone, on sentences the claims stage reports.

A row is kept only when its precision here is at least 0.9 (docs/claims.md).

Usage::

    python eval/checkworthy.py [--gold PATH] [--errors] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script from a checkout that is not pip-installed
    sys.path.insert(0, str(REPO_ROOT))

from eval.attribution import DEFAULT_DATA_DIR  # noqa: E402
from sourcetrace.model import Report  # noqa: E402

DEFAULT_GOLD = REPO_ROOT / "eval" / "gold" / "checkworthy_polnear.json"
NOT_A_CLAIM_LABEL = "not_a_claim"


@dataclass(frozen=True, slots=True)
class Labelled:
    article: str
    start: int
    end: int
    label: str
    reason: str | None


@dataclass(slots=True)
class RowCount:
    fired: int = 0
    right: int = 0
    wrong: list[Labelled] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.fired if self.fired else 0.0


def load_gold(path: Path) -> list[Labelled]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Labelled(s["article"], int(s["start"]), int(s["end"]), s["label"], s.get("reason"))
        for s in data["sentences"]
    ]


def article_reports(names: Sequence[str], data_dir: Path) -> dict[str, tuple[str, list[Report]]]:
    """Each article's text and its reports from the claims stage, as ``analyse_articles`` makes them."""
    from sourcetrace.model import Article
    from sourcetrace.nlp import load_spacy
    from sourcetrace.pipeline import reports_of, resolve_mentions
    from sourcetrace.sentences import parse_articles

    texts = {n: (data_dir / "train" / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names}
    articles = [Article(id=n, source=f"{n}.txt", text=texts[n]) for n in names]
    out: dict[str, tuple[str, list[Report]]] = {}
    for parsed in parse_articles(articles, nlp=load_spacy()):
        entity_list, mentions = resolve_mentions([parsed])
        reports = reports_of(parsed, mentions, {e.id: e for e in entity_list})
        out[parsed.article.id] = (parsed.article.text, reports)
    return out


def _pr(tp: int, predicted: int, actual: int) -> dict[str, float | int]:
    return {
        "tp": tp,
        "predicted": predicted,
        "actual": actual,
        "precision": round(tp / predicted, 3) if predicted else 0.0,
        "recall": round(tp / actual, 3) if actual else 0.0,
    }


def measure(gold: Sequence[Labelled], reports: dict[str, tuple[str, list[Report]]]) -> dict[str, Any]:
    from sourcetrace.checkworthy import NOT_A_CLAIM, fires, not_a_claim

    rows: dict[str, RowCount] = {reason: RowCount() for reason, _, _ in NOT_A_CLAIM}
    actual = sum(1 for s in gold if s.label == NOT_A_CLAIM_LABEL)
    no_claim = no_claim_right = 0
    reported = reported_actual = table = table_right = 0
    missed_by_reason: dict[str, int] = defaultdict(int)
    for s in gold:
        here = [r for r in reports[s.article][1] if r.sentence.start < s.end and s.start < r.sentence.end]
        is_not = s.label == NOT_A_CLAIM_LABEL
        for row in NOT_A_CLAIM:
            if any(fires(row, r) for r in here):
                count = rows[row[0]]
                count.fired += 1
                if is_not:
                    count.right += 1
                else:
                    count.wrong.append(s)
        kept = any(not_a_claim(r) is None for r in here)
        if not kept:
            no_claim += 1
            no_claim_right += is_not
        elif is_not:
            missed_by_reason[s.reason or "?"] += 1
        if here:
            reported += 1
            reported_actual += is_not
            if not kept:
                table += 1
                table_right += is_not
    return {
        "sentences": len(gold),
        "not_a_claim": actual,
        "rows": {
            reason: {"fired": c.fired, "right": c.right, "precision": round(c.precision, 3)}
            for reason, c in rows.items()
        },
        "wrong": {reason: c.wrong for reason, c in rows.items()},
        "dossier": _pr(no_claim_right, no_claim, actual),
        "table_on_reported": {**_pr(table_right, table, reported_actual), "reported": reported},
        "kept_not_a_claim_by_reason": dict(sorted(missed_by_reason.items())),
    }


def format_table(result: dict[str, Any], reports: dict[str, tuple[str, list[Report]]], errors: bool) -> str:
    lines = [
        f"{result['sentences']} labelled sentences, {result['not_a_claim']} not a claim",
        f"{'row':34} {'fired':>5} {'right':>5} {'precision':>9}",
    ]
    for reason, c in result["rows"].items():
        lines.append(f"{reason:34} {c['fired']:>5} {c['right']:>5} {c['precision']:>9.3f}")
        if errors:
            for s in result["wrong"][reason]:
                text = " ".join(reports[s.article][0][s.start : s.end].split())
                lines.append(f"    claim removed: {s.article} {s.start}-{s.end}: {text[:160]}")
    d, t = result["dossier"], result["table_on_reported"]
    lines.append(
        f"no claim in the dossier: P {d['precision']:.3f} R {d['recall']:.3f} "
        f"({d['tp']} right of {d['predicted']} removed; {d['actual']} not a claim)"
    )
    lines.append(
        f"the table alone, on the {t['reported']} sentences the claims stage reports: P {t['precision']:.3f} "
        f"R {t['recall']:.3f} ({t['tp']} right of {t['predicted']} removed; {t['actual']} not a claim)"
    )
    lines.append(f"not a claim, still a claim, by reason: {result['kept_not_a_claim_by_reason']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--errors", action="store_true", help="print the claims each row removes")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    reports = article_reports(sorted({s.article for s in gold}), args.data)
    result = measure(gold, reports)
    print(format_table(result, reports, args.errors))
    if args.json:
        figures = {k: v for k, v in result.items() if k != "wrong"}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
