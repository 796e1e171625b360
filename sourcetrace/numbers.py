"""Numbers as comparable values.

A quantity becomes an interval with a unit and an optional rate: "100" -> [100, 100],
"more than a hundred" -> (100, inf), "up to a hundred per month" -> [0, 100] per month,
"35-50 kilogram" and "between 35 and 50 kg" -> [35, 50] kg. Two quantities conflict only when their
intervals are disjoint and their units and rates agree. Dates are in ``dates.py``.
"""

from __future__ import annotations

import math
import re

from .model import Quantity

_UNITS = {
    "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "g": "g", "gram": "g", "grams": "g", "t": "t", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "%": "percent", "percent": "percent", "per cent": "percent",
    "$": "usd", "usd": "usd", "dollars": "usd", "dollar": "usd", "€": "eur", "euros": "eur", "euro": "eur",
    "£": "gbp", "pounds": "gbp",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "hour": "hour", "hours": "hour",
}  # fmt: skip
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "dozens": 24,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "hundreds": 100,
    "thousand": 1000,
    "thousands": 1000,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
}
_NUMBER_WORD = "|".join(sorted([*_WORDS, *_SCALES], key=len, reverse=True))
_WORDNUM = rf"(?:{_NUMBER_WORD})(?:(?:[- ]|\s+and\s+)(?:{_NUMBER_WORD}))*"
_NUM = rf"\b(?:\d[\d,]*(?:\.\d+)?|(?:a|an|a few|several)\s+{_WORDNUM}|{_WORDNUM})\b"
_MODIFIERS = {
    "more than": "gt", "over": "gt", "above": "gt", "in excess of": "gt", "upwards of": "ge",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt",
    "up to": "le", "as many as": "le", "at most": "le", "no more than": "le",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx", "nearly": "approx",
    "almost": "approx", "some": "approx", "an estimated": "approx", "close to": "approx",
}  # fmt: skip
_UNIT_WORDS = "|".join(
    sorted((re.escape(u) for u in _UNITS if u.isalpha() or " " in u), key=len, reverse=True)
)
_MOD = "|".join(sorted(_MODIFIERS, key=len, reverse=True))
_RANGE = re.compile(
    rf"(?:(?P<between>between|from)\s+)?(?P<a>{_NUM})\s*(?:-|–|to|and)\s*(?P<b>{_NUM})(?:\s*-?\s*(?P<unit>%|(?:{_UNIT_WORDS})\b))?",
    re.I,
)
_SINGLE = re.compile(
    rf"(?:\b(?P<mod>{_MOD})\s+)?(?P<cur>[$€£])?(?P<n>{_NUM})(?P<scale>\s+(?:million|billion|thousand)\b)?"
    rf"(?:\s*-?\s*(?P<unit>%|(?:{_UNIT_WORDS})\b))?",
    re.I,
)
_RATE = re.compile(
    r"\b(?:per|a|each|every)\s+(day|week|month|year)\b|\b(daily|weekly|monthly|yearly|annually)\b"
    r"|on an? (daily|weekly|monthly|yearly) basis",
    re.I,
)
_CURRENCY = {"$": "usd", "€": "eur", "£": "gbp"}
_RATE_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}


def parse_number(text: str) -> float | None:
    """ "100", "1,200", "a hundred", "twenty-five", "two hundred", "a dozen" -> a number."""
    t = text.strip().lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", t):
        if word in ("a", "an", "and"):
            continue  # "a hundred" = 1 x 100 (a scale with nothing before it counts once), "a dozen" = 12
        if word in ("few", "several"):
            current = 3.0
            seen = True
            continue
        if word in _WORDS:
            current += _WORDS[word]
            seen = True
        elif word in _SCALES:
            current = (current or 1.0) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in a sentence, as intervals; years, dates and model numbers are left out."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or not a < b or _is_year(m.group("a")) or _in_designation(text, m.start()):
            continue
        if m.group("between") is None and re.search(r"\band\b", m.group(0)):
            continue  # "100 and 200" without "between" is a list, not a range
        unit = _unit(m.group("unit"))
        rate = _rate(text[m.end() : m.end() + 30])
        out.append(Quantity(m.group(0).strip(), a, b, unit, rate))
        taken.append(m.span())
    for m in _SINGLE.finditer(text):
        if any(s <= m.start("n") < e for s, e in taken):
            continue
        raw = m.group("n")
        value = parse_number(raw)
        if raw.lower() in ("one", "a one") and not m.group("unit"):
            continue  # "one of them", "a one-way drone": not a count worth comparing
        if value is None or _is_year(raw) or _in_designation(text, m.start("n")):
            continue
        if re.match(r"\s*(?:%|percent|per cent)", text[m.end("n") :]) is None and _is_date_number(text, m):
            continue
        if m.group("scale"):
            value *= _SCALES[m.group("scale").strip().lower()]
        unit = _unit(m.group("unit")) or _CURRENCY.get(m.group("cur") or "")
        mod = _MODIFIERS.get((m.group("mod") or "").lower())
        low, high, approx = value, value, False
        if mod == "gt":
            low, high = math.nextafter(value, math.inf), math.inf
        elif mod == "ge":
            low, high = value, math.inf
        elif mod == "lt":
            low, high = 0.0, math.nextafter(value, -math.inf)
        elif mod == "le":
            low, high = 0.0, value
        elif mod == "approx":
            low, high, approx = value * 0.9, value * 1.1, True
        rate = _rate(text[m.end() : m.end() + 40])
        out.append(Quantity(m.group(0).strip(), low, high, unit, rate, approx))
    return out


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    return _UNITS.get(word.lower().strip())


def _rate(tail: str) -> str | None:
    m = _RATE.search(tail)
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    return _RATE_WORDS.get(word.lower(), word.lower())


def _is_year(raw: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", raw.strip()))


def _in_designation(text: str, start: int) -> bool:
    """ "ZT-180", "Su-27", "Shahed 136", "G7": digits that belong to a name."""
    before = text[max(0, start - 8) : start]
    return bool(re.search(r"[A-Za-z]-$|[A-Z][a-z]*\s$|[A-Z]$", before)) and not re.search(
        r"\b(?:than|to|of|up|about|around|over|some|nearly|between|and|only|just|by)\s$", before, re.I
    )


def _is_date_number(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start("n") - 6) : m.start("n")]
    return bool(re.search(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s$", before))


def conflicting(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities about the same thing cannot both be true.

    Only quantities of one known unit are compared (kg with kg, drones with drones, euros with euros):
    a bare number next to an amount of money is not a contradiction."""
    if a.unit is None or a.unit != b.unit:
        return False
    if a.per != b.per:
        return False
    return a.high < b.low or b.high < a.low


def describe(q: Quantity) -> str:
    return q.text


# --- dates ---------------------------------------------------------------------------------------
