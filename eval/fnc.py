"""The FNC-1 scoring rules, apart from any model: what ``eval/stance.py`` reports and
``eval/train_stance.py`` cross-validates with (both import this, neither imports the other at import time).

FNC score: +0.25 for each pair whose related/unrelated call is right, +0.75 more for each related pair
whose exact stance is right, as a share of the best possible total. Per-class F1 and macro F1 over the
four classes, and the confusion matrix (rows gold, columns predicted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

LABELS = ("agree", "disagree", "discuss", "unrelated")


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """(score, best possible score) by the FNC-1 rules."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        g_related, p_related = g != "unrelated", p != "unrelated"
        best += 1.0 if g_related else 0.25
        if g_related == p_related:
            score += 0.25
            if g_related and g == p:
                score += 0.75
    return score, best


def evaluate(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """FNC score (share of the best possible), per-class precision/recall/F1, macro F1, confusion."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    unknown = sorted({*gold, *predicted} - set(LABELS))
    if unknown:
        raise ValueError(f"unknown labels {unknown}; expected {LABELS}")
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in LABELS) - tp
        fn = sum(confusion[label].values()) - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    score, best = fnc_score(gold, predicted)
    related_gold = [g != "unrelated" for g in gold]
    related_predicted = [p != "unrelated" for p in predicted]
    return {
        "pairs": len(gold),
        "fnc_score": score / best if best else 0.0,
        "fnc_raw": score,
        "fnc_best": best,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(LABELS),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0,
        "related_accuracy": (
            sum(a == b for a, b in zip(related_gold, related_predicted, strict=True)) / len(gold)
            if gold else 0.0
        ),
        "per_class": per_class,
        "confusion": confusion,
    }


def format_report(result: dict[str, Any], title: str) -> str:
    lines = [
        f"== {title}",
        f"FNC score {result['fnc_score']:.4f} ({result['fnc_raw']:.2f} of {result['fnc_best']:.2f}); "
        f"macro F1 {result['macro_f1']:.4f}; accuracy {result['accuracy']:.4f}; "
        f"related/unrelated accuracy {result['related_accuracy']:.4f}",
        f"{'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}",
    ]
    for label in LABELS:
        c = result["per_class"][label]
        lines.append(f"{label:<10} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['support']:6d}")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{p:>10}" for p in LABELS))
    for g in LABELS:
        lines.append(f"{g:<10}" + "".join(f"{result['confusion'][g][p]:>10}" for p in LABELS))
    return "\n".join(lines)
