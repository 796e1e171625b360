"""RSS and Atom feeds: each item an article; HTML fragments to text."""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from typing import Any

from ..model import Problem, RawDocument
from .limits import _first_line, _Skip

# -------------------------------------------------------------------------------------------- feeds


def _parse_feed(source: str, data: bytes, *, url: str | None = None) -> Iterator[RawDocument | Problem]:
    """RSS or Atom items as articles: the item's content (or summary), link, title, author and date."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    entries = parsed.get("entries") or []
    if not entries:
        why = (
            f"malformed feed ({_first_line(parsed.bozo_exception)})"
            if parsed.get("bozo")
            else "feed has no items"
        )
        if not parsed.get("version") and not parsed.get("bozo"):
            why = "not an RSS or Atom feed"
        raise _Skip(why)
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or None
    results: list[RawDocument | Problem] = []
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link") or None
        item_source = link or f"{source}#item{number}"
        body, is_html = _entry_body(entry)
        text = html_fragment_to_text(body) if is_html and body.strip() else body
        if not text.strip():
            why = (
                "feed item has no content or summary" if not body.strip() else "feed item's content is empty"
            )
            results.append(Problem(item_source, why, "ingest"))
            continue
        results.append(
            RawDocument(
                source=item_source,
                content=text,
                kind="text",
                title=(entry.get("title") or "").strip() or None,
                outlet=outlet,
                author=(entry.get("author") or "").strip() or None,
                published=_entry_date(entry),
                url=link,
            )
        )
    if parsed.get("bozo") and not any(isinstance(r, RawDocument) for r in results):
        raise _Skip(f"malformed feed ({_first_line(parsed.bozo_exception)})")
    yield from results


def _entry_body(entry: Any) -> tuple[str, bool]:
    contents = entry.get("content") or []
    candidates = [(c.get("value") or "", c.get("type") or "") for c in contents]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    value, mime = max(candidates, key=lambda c: len(c[0]))
    return value, "html" in mime or "xml" in mime or bool(re.search(r"<[a-zA-Z/]", value))


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                stamp = calendar.timegm(value)
            except (TypeError, ValueError, OverflowError):
                continue
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
    return None


def html_fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element, scripts and styles dropped.

    Requires a fragment (a feed item's content); adds nothing but paragraph breaks.
    """
    import lxml.html  # type: ignore[import-untyped]
    from lxml.etree import ParserError  # type: ignore[import-untyped]

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "figcaption",
        "section",
        "article",
        "pre",
        "ul",
        "ol",
        "table",
    }
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in blocks:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n\n" + (element.text or "")
    text = root.text_content()
    paragraphs = [re.sub(r"[ \t\xa0]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


