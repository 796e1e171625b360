"""Text, HTML and JSONL documents from decoded content, and the kind of an unnamed input."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import Problem, RawDocument
from .decoding import decode_bytes
from .feeds import _parse_feed
from .limits import _DATE_LINE, Kind, _Skip

# -------------------------------------------------------------------------------------------- parsing


def _parse_bytes(
    source: str,
    data: bytes,
    kind: Kind,
    *,
    encoding: str | None = None,
    declared: str | None = None,
    sniff: bool = False,
    url: str | None = None,
) -> Iterator[RawDocument | Problem]:
    """Decode and parse one blob of a known (or, with ``sniff``, guessed) kind."""
    if not data.strip():
        raise _Skip("empty file" if not url else "empty response")
    if kind == "feed" or (sniff and _looks_like_feed(data)):
        yield from _parse_feed(source, data, url=url)
        return
    text = decode_bytes(
        data, source, encoding=encoding, declared=declared, markup=kind in ("html", "feed") or sniff
    )
    if not text.strip():
        raise _Skip("empty file (only whitespace)")
    if sniff and kind == "text":
        kind = _sniff_text_kind(text)
    if kind == "html":
        yield _html_document(source, text, url=url)
    elif kind == "jsonl":
        yield from _parse_jsonl(source, text)
    else:
        yield _text_document(source, text, url=url)


def _sniff_text_kind(text: str) -> Kind:
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and head[:1] == "<"):
        return "html"
    if head.startswith("{"):
        try:
            if isinstance(json.loads(text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
            if end < 3:
                break
            head = head[end:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def _text_document(source: str, text: str, *, url: str | None = None) -> RawDocument:
    """A plain-text article; a first `` date 2023-03-16`` line becomes ``published``."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    published = None
    match = _DATE_LINE.match(text)
    if match:
        published = match.group("date").replace(" ", "T")
        rest = match.group("rest").strip()
        text = rest + text[match.end() :]
    if not text.strip():
        raise _Skip("no text besides the date line")
    return RawDocument(source=source, content=text, kind="text", published=published, url=url)


def _html_document(source: str, text: str, *, url: str | None = None) -> RawDocument:
    if "<" not in text:
        return _text_document(source, text, url=url)
    return RawDocument(source=source, content=text, kind="html", url=url)


# -------------------------------------------------------------------------------------------- JSONL

_JSONL_FIELDS = ("url", "title", "outlet", "published", "author")


def _parse_jsonl(source: str, text: str) -> Iterator[RawDocument | Problem]:
    """One article per line; a line that cannot be used is a problem named ``file:line``."""
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Problem(where, f"not valid JSON ({exc})", "ingest")
            continue
        if not isinstance(record, dict):
            yield Problem(where, f"expected a JSON object, found {type(record).__name__}", "ingest")
            continue
        body_field = next(
            (f for f in ("text", "html") if isinstance(record.get(f), str) and record[f].strip()), None
        )
        if body_field is None:
            yield Problem(where, 'no "text" or "html" field with content', "ingest")
            continue
        meta: dict[str, str | None] = {}
        bad = [f for f in _JSONL_FIELDS if record.get(f) is not None and not isinstance(record[f], str)]
        if bad:
            yield Problem(where, f"field {bad[0]!r} must be a string", "ingest")
            continue
        for field_name in _JSONL_FIELDS:
            value = record.get(field_name)
            meta[field_name] = value.strip() or None if isinstance(value, str) else None
        doc_source = meta["url"] or where
        if body_field == "html":
            found = True
            yield RawDocument(
                source=doc_source,
                content=record["html"],
                kind="html",
                title=meta["title"],
                outlet=meta["outlet"],
                author=meta["author"],
                published=meta["published"],
                url=meta["url"],
            )
            continue
        try:
            doc = _text_document(doc_source, record["text"], url=meta["url"])
        except _Skip as skip:
            yield Problem(where, skip.reason, "ingest")
            continue
        found = True
        yield RawDocument(
            source=doc.source,
            content=doc.content,
            kind="text",
            title=meta["title"],
            outlet=meta["outlet"],
            author=meta["author"],
            published=meta["published"] or doc.published,
            url=meta["url"],
        )
    if not found and not any(line.strip() for line in text.splitlines()):
        raise _Skip("empty file")


