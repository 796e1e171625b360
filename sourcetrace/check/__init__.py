"""The ``check`` wing: each article's stance towards one claim, with the sentences that drove it.

    features.py    what a (claim, body) pair looks like to the classifier: relevance, cues, attribution
    classifier.py  the shipped weights (``data/stance_model.json``, its word lists beside it) and the decision
    check.py       the entry point: ``check(claim, articles)`` and ``check_pairs`` for bulk input
"""

from __future__ import annotations

from .check import ArticleStance, CheckResult, Evidence, check, check_pairs

__all__ = ["ArticleStance", "CheckResult", "Evidence", "check", "check_pairs"]
