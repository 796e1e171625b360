"""Cleaning: one ``RawDocument`` in, one ``Article`` out, with every removal recorded.

Requires a ``RawDocument`` from ``ingest``; adds the article's cleaned body text (paragraphs joined by a
blank line), its title, outlet, author, published date and language, and ``removed``: every stretch of
the input that is not in ``text`` (page chrome, captions, subheadings, repaired glued words), each with
its reason. Nothing leaves the text without a record.

Stages, in the order they run (``stage.py``)::

    HTML  --trafilatura (body + metadata, html.py)--> paragraphs ─┐
    text  --blocks, wrapped lines joined (text.py)--> paragraphs ─┴-> title, standfirst
          -> the rules table, one paragraph at a time (rules.py, patterns from patterns.py)
          -> glued words -> language (language.py) -> metadata (metadata.py: outlet, author, published)

The rules look at one paragraph at a time, with a little context (the paragraph before, whether it
stands alone between blank lines, whether it opens a "More stories" block). They are conservative: a
paragraph made of ordinary sentences is never removed, and a caption credit glued to a long paragraph
takes only the credit with it. Where a cleaning rule lives: ``rules.RULES``, one row per kind of page
furniture, each with its reason and its test.
"""

from __future__ import annotations

from .html import TRAFILATURA_OPTIONS, Extracted, extract_html
from .language import detect_language
from .metadata import parse_date
from .rules import RULE_NAMES, RULES, Rule, rules_without
from .stage import STEPS, CleanText, clean_document, clean_paragraphs, clean_raw, clean_text
from .text import Segment

__all__ = [
    "RULES",
    "RULE_NAMES",
    "STEPS",
    "TRAFILATURA_OPTIONS",
    "CleanText",
    "Extracted",
    "Rule",
    "Segment",
    "clean_document",
    "clean_paragraphs",
    "clean_raw",
    "clean_text",
    "detect_language",
    "extract_html",
    "parse_date",
    "rules_without",
]
