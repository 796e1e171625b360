"""Paragraphs, the unit the cleaning rules judge: split from plain text; the text tests rules share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .patterns import TERMINAL, WORD


@dataclass(slots=True)
class Paragraph:
    """One block of the input as the rules see it: its text and what the markup or layout says of it."""

    text: str
    alone: bool = True  # stands between blank lines (or is a block of its own in the markup)
    heading: bool = False  # the markup says it is a heading
    kind: str = "p"  # markup kind for HTML: p, head, item, quote, cell


@dataclass(frozen=True, slots=True)
class Segment:
    """One paragraph (or part of one) of the input, in order: kept (``reason`` None) or removed."""

    text: str
    reason: str | None = None


def _paragraphs_from_text(text: str) -> list[Paragraph]:
    """Split plain text into paragraphs: blocks between blank lines; in a block, each line is one
    paragraph unless it plainly continues the line before (a hard wrap)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    paragraphs: list[Paragraph] = []
    for block in re.split(r"\n[ \t\u00a0\u3000]*\n", text):
        lines = [_squash(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        joined: list[str] = [lines[0]]
        for line in lines[1:]:
            if _continues(joined[-1], line, lines):
                joined[-1] = joined[-1] + " " + line
            else:
                joined.append(line)
        for line in joined:
            paragraphs.append(Paragraph(line, alone=len(joined) == 1))
    return paragraphs


def _continues(previous: str, line: str, block: Sequence[str]) -> bool:
    """Whether ``line`` is the rest of ``previous`` broken by a hard wrap, not a line of its own."""
    if TERMINAL.search(previous) or previous.endswith(":"):
        return False
    first = line[:1]
    if first.islower() or (first.isdigit() and not previous[-1:].isdigit()):
        return True
    # Hard-wrapped text: several long lines of similar length, none ending a sentence.
    long_lines = [x for x in block[:-1] if len(x) >= 55]
    return len(block) >= 3 and len(long_lines) >= len(block) - 1 and len(previous) >= 55


def _squash(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u2009\u200a\u202f\u3000]+", " ", line).strip(" \t\u00a0\u200b\ufeff")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-ZА-Я0-9])", text)
    return [p.strip() for p in parts if p.strip()]


def _is_sentence_like(text: str) -> bool:
    return bool(TERMINAL.search(text)) and len(_words(text)) >= 4


def _headline_like(text: str, *, max_words: int = 30) -> bool:
    """A short line without a full stop at its end: a headline, a teaser, a heading."""
    words = _words(text)
    return 0 < len(words) <= max_words and not TERMINAL.search(text)


def _norm(text: str) -> str:
    return " ".join(_words(text.lower()))


def _same_headline(a: str, b: str) -> bool:
    """Whether two headlines are the same up to case, punctuation and a site name added to one."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long = sorted((na, nb), key=len)
    if len(short) >= 0.6 * len(long) and (long.startswith(short) or long.endswith(short)):
        return True
    sa, sb = set(na.split()), set(nb.split())
    return len(sa & sb) >= 0.85 * len(sa | sb)

