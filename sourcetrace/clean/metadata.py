"""Metadata read from the page and its text: the outlet a URL names, dates in the formats news uses.

Month and weekday names come from ``lexicon`` (one table for every stage that reads dates).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..lexicon import MONTHS


def parse_date(value: str | None) -> str | None:
    """An ISO date (``2023-03-16``, or date and time when the input has one) from common formats.

    Accepts ISO 8601, RFC 2822 (feeds, e-mail) and written dates such as ``March 16, 2023`` or
    ``16 March 2023``; returns None for anything else, never a guess.
    """
    if not value:
        return None
    value = value.strip()
    iso = re.match(
        r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?)?", value
    )
    if iso:
        try:
            day = date.fromisoformat(iso.group(1))
        except ValueError:
            return None
        if not iso.group(2):
            return day.isoformat()
        try:
            return datetime.fromisoformat(iso.group(0).replace("Z", "+00:00")).isoformat()
        except ValueError:
            return day.isoformat()
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    written = re.search(
        r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
        r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))\b",
        value,
    )
    if written:
        month = MONTHS.get((written.group("m1") or written.group("m2")).lower())
        day_text = written.group("d1") or written.group("d2")
        year = int(written.group("y1") or written.group("y2"))
        if month:
            try:
                return date(year, month, int(day_text)).isoformat()
            except ValueError:
                return None
    return None

