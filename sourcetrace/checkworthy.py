"""Sentences that are no claims: requests, teasers, questions and vows in the article's own voice, wishes
in anyone's.

A fact-checker cannot check "Hit the jump for more" or "What do you think?". These stay in the
article's text and never become a claim. Most rows judge only the article's own voice: a question
someone is reported to have asked is that person's statement. A no-comment ("did not respond to a
request for comment"), a plea ("Please ...") and a time stamp ("PUBLISHED: 16:05 GMT, 9 June 2013", which
the attribution stage may read as said by "PUBLISHED") are no claims in anyone's voice; declining to say
whether something is so is a report on that proposition, not a no-comment. A sentence that opens with
a first-person wish or hope ("I hope the Democrats will drop the lawsuits", "I would like to see Ben go the
distance") is no claim in anyone's voice either; a plan ("We hope to finish the bridge by May") is.
Each row is (reason, pattern over the sentence, own voice only); the first that matches names the
reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import (
    CONDOLENCE_HOLDERS,
    CONDOLENCE_NOUNS,
    CONDOLENCE_VERBS,
    MONTHS,
    STAMP_WORDS,
    TIME_ZONES,
    WEEKDAYS,
    WISH_ADVERBS,
    WISH_LEAD_WORDS,
    WISH_PROGRESSIVE,
    WISH_TO_SEE,
    WISH_VERBS,
)
from .model import Report

Row = tuple[str, re.Pattern[str], bool]


def _any(words: Iterable[str]) -> str:
    """An alternation of words or phrases (a space matches any run of spaces), longest first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# "I hope ...", "And we sincerely hope ...", "I was hoping ...", "I'd like to see ...", at the sentence's
# start after any opening quote; never before "to" ("I hope to ..." is a plan).
_ADVERBS = rf"(?:(?:{_any(WISH_ADVERBS)})\s+)*"
_WISH = (
    rf"^\W*(?:(?:{_any(WISH_LEAD_WORDS)}),?\s+)?(?:i|we)(?:\s+(?:"
    rf"{_ADVERBS}(?:{_any(WISH_VERBS)})\b(?!\s+to\b)"
    rf"|(?:was|were|am|are)\s+{_ADVERBS}(?:{_any(WISH_PROGRESSIVE)})\b(?!\s+to\b)"
    rf"|would\s+{_ADVERBS}(?:{_any(WISH_TO_SEE)})\b)"
    rf"|['’]d\s+{_ADVERBS}(?:{_any(WISH_TO_SEE)})\b)"
)

# A page's time stamp: stamp words, month and weekday names, time zones, figures and separators only,
# with at least one figure.
_STAMP_WORD = _any((*STAMP_WORDS, *TIME_ZONES, *MONTHS, *WEEKDAYS))
_STAMP_TOKEN = (
    rf"(?:{_STAMP_WORD})\.?(?![\w.])"  # "Updated", "Sept.", "GMT"
    r"|[+-]?\d[\d:/.,+-]*(?:st|nd|rd|th)?\b"  # "11:25", "+02:00", "11/27/2005", "3rd"
    r"|[|,:;/()\u2013\u2014-]"
)
_STAMP = rf"^(?=.*\d)(?:(?:{_STAMP_TOKEN})\s*)+$"

# "I/we ... express/offer ... my/our ... condolences", "our thoughts (and prayers) are/go (out) with/to".
_HOLDERS = _any(CONDOLENCE_HOLDERS)
_CONDOLENCE = (
    rf"\b(?:i|we)\b[^.]{{0,40}}\b(?:{_any(CONDOLENCE_VERBS)})\w*\b[^.]{{0,30}}\b(?:my|our)\b[^.]{{0,30}}"
    rf"\b(?:{_any(CONDOLENCE_NOUNS)})\b"
    rf"|\bour\s+(?:{_HOLDERS})(?:\s+and\s+(?:{_HOLDERS}))?\s+(?:are|go)\s+(?:out\s+)?(?:with|to)\b"
)

NOT_A_CLAIM: tuple[Row, ...] = (
    # Any voice: "PUBLISHED: THURSDAY, MAY 2, 2013" reads to the attribution stage as said by "PUBLISHED".
    ("a time stamp", re.compile(_STAMP, re.I), False),
    (
        "a no-comment",
        re.compile(
            r"\b(declined|refused) to (comment|answer|say)(?! (whether|if|that) )|"
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
    # Held-out PolNeAR train sentences (eval/checkworthy.py): removes 10, 9 of them wishes (0.9).
    ("a wish or hope", re.compile(_WISH, re.I), False),
    # Written from one ECB+ story's sentence; fires on 7 sentences of unstudied ECB+ topics and PolNeAR
    # articles, all condolences (docs/claims.md).
    ("condolences", re.compile(_CONDOLENCE, re.I), False),
)


# A quotation mark in a sentence with no source found means someone's words that attribution missed
# (a quotation running over several sentences, a transcript), not the writer's voice.
QUOTATION_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]|''")


def _own_voice(report: Report) -> bool:
    return not report.chain and not QUOTATION_MARK.search(report.sentence.text)


def fires(row: Row, report: Report) -> bool:
    """Whether a row of the table holds for a report: its pattern is in the sentence, in a voice it judges."""
    _, pattern, own_voice_only = row
    return (not own_voice_only or _own_voice(report)) and bool(pattern.search(report.sentence.text.strip()))


def not_a_claim(report: Report) -> str | None:
    """Why a report is no checkable claim, or None."""
    return next((row[0] for row in NOT_A_CLAIM if fires(row, report)), None)
