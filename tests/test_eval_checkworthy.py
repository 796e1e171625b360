"""The held-out check-worthiness measure counts per row and overall as its docstring says (invented text)."""

from __future__ import annotations

import json
from pathlib import Path

from eval.checkworthy import DEFAULT_GOLD, Labelled, measure
from sourcetrace.model import ChainLink, Report, Span

MAYOR = ChainLink("Mayor Tom Reyes", "person", "e-tom-reyes", "said")
SENTENCES = (
    ("I hope the ferry runs again.", "not_a_claim", True),
    ("I hope the board resigns, the ferry was cancelled in March.", "claim", True),
    ("The ferry was cancelled in March.", "claim", True),
    ("What a week it was.", "not_a_claim", False),  # the claims stage gives it no report
)


def _fixture() -> tuple[list[Labelled], dict[str, tuple[str, list[Report]]]]:
    text = ""
    gold: list[Labelled] = []
    reports: list[Report] = []
    for sentence, label, reported in SENTENCES:
        start = len(text)
        text += sentence + " "
        span = Span(start, start + len(sentence), sentence)
        gold.append(Labelled("a1", span.start, span.end, label, None))
        if reported:
            reports.append(Report("a1", span, span, "asserts", (MAYOR,)))
    return gold, {"a1": (text, reports)}


def test_rows_and_overall_figures() -> None:
    gold, reports = _fixture()
    result = measure(gold, reports)
    assert result["rows"]["a wish or hope"] == {"fired": 2, "right": 1, "precision": 0.5}
    assert result["rows"]["a plea"]["fired"] == 0
    # No claim in the dossier: the wish (removed by the table) and the sentence with no report.
    assert result["dossier"] == {"tp": 2, "predicted": 3, "actual": 2, "precision": 0.667, "recall": 1.0}
    assert result["table_on_reported"]["reported"] == 3
    assert result["table_on_reported"]["actual"] == 1


def test_the_gold_stores_offsets_and_labels_only() -> None:
    data = json.loads(Path(DEFAULT_GOLD).read_text(encoding="utf-8"))
    assert data["first_index"] >= 300  # articles nobody studied
    for s in data["sentences"]:
        assert set(s) == {"article", "start", "end", "label", "reason", "quoted"}
        assert s["label"] in ("claim", "not_a_claim")
        assert (s["reason"] is None) == (s["label"] == "claim")
        assert s["reason"] is None or s["reason"] in data["reasons"]
