"""Sentences that are no claims: requests, teasers, questions and vows in the article's own voice.

A fact-checker cannot check "Hit the jump for more" or "What do you think?". These stay in the
article's text and never become a claim. Most rows judge only the article's own voice: a question
someone is reported to have asked is that person's statement. A no-comment ("did not respond to a
request for comment") and a plea ("Please ...") are no claims in anyone's voice; declining to say
whether something is so is a report on that proposition, not a no-comment.
Each row is (reason, pattern over the sentence, own voice only); the first that matches names the
reason.
"""

from __future__ import annotations

import re

from .model import Report

NOT_A_CLAIM: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "a no-comment",
        re.compile(
            r"\b(declined|refused) to (comment|answer|say)(?! (whether|if) )|"
            r"\b(did not|didn[’']t|has not|hasn[’']t|have not) "
            r"(immediately )?(respond|reply|return (\w+ )?(calls?|messages?|e-?mails?|requests?))|"
            r"could not be reached|\bno comment\b|"
            r"\bnot going to (talk|comment)",
            re.I,
        ),
        False,
    ),
    ("a plea", re.compile(r"^\W*please\b", re.I), False),
    ("a question to the reader", re.compile(r"\?\W*$"), True),
    (
        "a request to the reader",
        re.compile(
            r"^\W*(hit|click|leave|watch|read|follow|share|subscribe|sign up|check out|stay tuned|let's|"
            r"let us|tell us|don't miss|do not miss|join us|find out|see also|scroll|tap|like us|vote)\b",
            re.I,
        ),
        True,
    ),
    ("addresses the reader", re.compile(r"\b(you|your|yours|yourself)\b", re.I), True),
    (
        "a vow or hope of the writer",
        re.compile(r"^\W*(we|i)\s+(hope|promise|vow|wish|can't wait)\b", re.I),
        True,
    ),
)


def not_a_claim(report: Report) -> str | None:
    """Why a report is no checkable claim, or None."""
    text = report.sentence.text.strip()
    own_voice = not report.chain
    return next(
        (
            reason
            for reason, pattern, own_voice_only in NOT_A_CLAIM
            if (own_voice or not own_voice_only) and pattern.search(text)
        ),
        None,
    )
