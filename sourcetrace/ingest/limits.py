"""Limits, kinds and the skip signal every reader shares."""

from __future__ import annotations

import re
from typing import Literal

USER_AGENT = "sourcetrace/0.1 (+https://example.invalid/sourcetrace)"
MAX_TEXT_BYTES = 20 * 1024 * 1024  # one text, HTML, JSONL or feed file (after unpacking)
MAX_FETCH_BYTES = 10 * 1024 * 1024  # one HTTP response body
MAX_WARC_BYTES = 2 * 1024 * 1024 * 1024  # a WARC is streamed; this only guards against runaway archives
MAX_REDIRECTS = 5
FETCH_TIMEOUT = 10.0  # seconds per connect / read
FETCH_DEADLINE = 30.0  # seconds for a whole response, however slowly it trickles in

Kind = Literal["text", "html", "jsonl", "warc", "feed"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED = ".txt, .html/.htm, .jsonl, .warc/.warc.gz, .xml/.rss/.atom (optionally .gz), URLs or -"

_DATE_LINE = re.compile(
    r"\A\ufeff?[ \t]*date:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)(?=\s|\Z)[ \t]*(?P<rest>[^\n]*)",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)"""
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class _Skip(Exception):
    """An input (or part of one) that cannot be read: becomes a ``Problem`` with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
