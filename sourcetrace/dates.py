"""Dates as comparable values.

Dates are resolved against the article's publication date where it is known: "Thursday" (the last
Thursday on or before it), "Feb. 23", "earlier this month", "last year", "by April".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .lexicon import MONTHS, WEEKDAY_NAMES
from .model import DateMention

# Month names, their three-letter abbreviations ("Feb.") and "sept" to the month's number.
_MONTH_NAMES = MONTHS
_WEEKDAYS = list(WEEKDAY_NAMES)
_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    (
        "day_month",
        re.compile(
            rf"(?:(?P<rel>by|before|after|until|since|on|in|as early as)\s+)?{_MONTH_RE}\s+"
            r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?:(?P<rel>by|before|after|until|since|in|as early as)\s+)?{_MONTH_RE}"
            r"(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)"
        ),
    ),
    ("iso", re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b")),
    (
        "weekday",
        re.compile(
            r"(?:(?P<rel>by|before|after|until|since|on|last)\s+)?(?P<weekday>Monday|Tuesday|"
            r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>earlier this (?:month|week|year)|this (?:week|month|year)|"
            r"last (?:week|month|year)|yesterday|today|next (?:week|month|year))\b",
            re.I,
        ),
    ),
]
_RELATIONS = {
    "by": "by",
    "before": "before",
    "until": "by",
    "after": "after",
    "since": "after",
    "as early as": "by",
    "on": "on",
    "in": "on",
    "last": "on",
}


def find_dates(text: str, offset: int, published: str | None) -> list[DateMention]:
    """Date expressions in a sentence, resolved to ISO dates (or months) when the article date allows."""
    anchor = _parse_iso(published)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "month" and m.group("month") == "May" and not m.group("rel") and not m.group("year"):
                continue  # the modal verb
            resolved = _resolve(kind, m, anchor)
            relation = _RELATIONS.get((m.groupdict().get("rel") or "on").lower(), "on")
            out.append(DateMention(m.group(0), offset + m.start(), offset + m.end(), resolved, relation))  # type: ignore[arg-type]
            taken.append(m.span())
    out.sort(key=lambda d: d.start)
    return out


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], anchor: date | None) -> str | None:
    groups = m.groupdict()
    if kind == "iso":
        return groups["iso"]
    if kind in ("day_month", "month"):
        month = _MONTH_NAMES[
            groups["month"][:4].lower().rstrip(".")[:4]
            if groups["month"].lower().startswith("sept")
            else groups["month"][:3].lower()
        ]
        year = int(groups["year"]) if groups.get("year") else None
        if year is None and anchor is not None:
            year = anchor.year
            # "by April" written in March is this April; "in December" written in February is last December
            # only when the sentence is about the past, which we cannot know: keep the anchor's year.
        if year is None:
            return None
        if kind == "month":
            return f"{year:04d}-{month:02d}"
        try:
            return date(year, month, int(groups["day"])).isoformat()
        except ValueError:
            return None
    if anchor is None:
        return None
    if kind == "weekday":
        target = _WEEKDAYS.index(groups["weekday"].lower())
        delta = (anchor.weekday() - target) % 7
        return (anchor - timedelta(days=delta)).isoformat()
    rel = groups["relative"].lower()
    if rel == "today":
        return anchor.isoformat()
    if rel == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    if rel.endswith("month"):
        if rel.startswith("last"):
            prev = anchor.replace(day=1) - timedelta(days=1)
            return f"{prev.year:04d}-{prev.month:02d}"
        if rel.startswith("next"):
            nxt = (anchor.replace(day=28) + timedelta(days=4)).replace(day=1)
            return f"{nxt.year:04d}-{nxt.month:02d}"
        return f"{anchor.year:04d}-{anchor.month:02d}"
    if rel.endswith("year"):
        year = (
            anchor.year - 1
            if rel.startswith("last")
            else anchor.year + 1
            if rel.startswith("next")
            else anchor.year
        )
        return f"{year:04d}"
    if rel.endswith("week"):
        monday = anchor - timedelta(days=anchor.weekday())
        if rel.startswith("last"):
            monday -= timedelta(days=7)
        elif rel.startswith("next"):
            monday += timedelta(days=7)
        return monday.isoformat()
    return None
