"""Readers: turn files, folders, URLs and stdin into ``RawDocument`` records, or ``Problem`` records.

Requires nothing but paths; adds one ``RawDocument`` per article found (text or HTML, with whatever
metadata the container carries) and one ``Problem`` per input, line, record or item that could not be
read, naming it and saying why. A bad input never stops the rest of the batch.

Kinds, by file name (a ``.gz`` suffix is unpacked first):

* ``.txt`` / ``.text`` / ``.md`` and files without an extension that decode as text: one article each;
  a first line `` date 2023-03-16 ...`` is metadata (``published``), not text.
* ``.html`` / ``.htm`` / ``.xhtml``: one HTML page each; body extraction happens in ``clean``.
* ``.jsonl`` / ``.ndjson``: one article per line, ``text`` or ``html`` plus optional ``url``, ``title``,
  ``outlet``, ``published``, ``author``.
* ``.warc`` / ``.warc.gz``: the HTML responses inside (warcio).
* ``.xml`` / ``.rss`` / ``.atom``: RSS or Atom feeds (feedparser); each item is an article.
* ``http://`` and ``https://`` URLs: fetched safely (see ``fetch_url``); HTML pages, feeds or text.
* ``-``: standard input, its kind sniffed from the content.
"""

from __future__ import annotations

import calendar
import codecs
import functools
import gzip
import io
import ipaddress
import json
import re
import socket
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from .model import Problem, RawDocument

__all__ = [
    "MAX_FETCH_BYTES",
    "MAX_TEXT_BYTES",
    "USER_AGENT",
    "FetchError",
    "FetchedPage",
    "check_address",
    "decode_bytes",
    "fetch_url",
    "read_bytes",
    "read_inputs",
]

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


# --------------------------------------------------------------------------------------------- entry


def read_inputs(
    paths: Sequence[str], *, allow_private: bool = False, encoding: str | None = None
) -> Iterator[RawDocument | Problem]:
    """Read every path: files, folders (recursively, sorted, hidden files skipped), URLs or ``-``.

    Requires paths as given on a command line. Yields a ``RawDocument`` for each article found and a
    ``Problem(source, reason, "ingest")`` for each input or part of one that could not be used, so that
    every input shows up as one or the other. ``encoding`` forces the text encoding of local files and
    stdin; ``allow_private`` lets URLs reach loopback and private addresses (tests, intranets).
    """
    for path in paths:
        try:
            if path == "-":
                yield from _read_stdin(encoding)
            elif path.lower().startswith(("http://", "https://")):
                yield from _read_url(path, allow_private=allow_private)
            else:
                yield from _read_path(Path(path), encoding)
        except _Skip as skip:
            yield Problem(path, skip.reason, "ingest")
        except Exception as exc:  # a reader bug must not lose the rest of the batch
            yield Problem(path, f"could not be read: {type(exc).__name__}: {exc}", "ingest")


def _read_path(path: Path, encoding: str | None) -> Iterator[RawDocument | Problem]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        if not files:
            yield Problem(str(path), "folder holds no files", "ingest")
        for file in files:
            yield from _guarded(str(file), functools.partial(_read_file, file, encoding))
    elif path.is_file():
        yield from _read_file(path, encoding)
    elif path.exists():
        raise _Skip("not a regular file or folder")
    else:
        raise _Skip("no such file or folder")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _guarded(
    source: str, read: Callable[[], Iterator[RawDocument | Problem]]
) -> Iterator[RawDocument | Problem]:
    """Run one reader; whatever goes wrong becomes a problem for ``source`` and the caller goes on."""
    try:
        yield from read()
    except _Skip as skip:
        yield Problem(source, skip.reason, "ingest")
    except Exception as exc:
        yield Problem(source, f"could not be read: {type(exc).__name__}: {exc}", "ingest")


def _kind_of(name: str) -> tuple[Kind | None, bool]:
    """The kind a file name says (None: not a kind we read) and whether it is gzipped."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    suffix = Path(lower).suffix if "." in Path(lower).name.lstrip(".") else ""
    if suffix in WARC_SUFFIXES:
        return "warc", gzipped
    if suffix in HTML_SUFFIXES:
        return "html", gzipped
    if suffix in JSONL_SUFFIXES:
        return "jsonl", gzipped
    if suffix in FEED_SUFFIXES:
        return "feed", gzipped
    if suffix in TEXT_SUFFIXES:
        return "text", gzipped
    return None, gzipped


def _read_file(path: Path, encoding: str | None) -> Iterator[RawDocument | Problem]:
    source = str(path)
    kind, gzipped = _kind_of(path.name)
    if kind is None:
        raise _Skip(f"unsupported file type {path.suffix!r}; sourcetrace reads {SUPPORTED}")
    if kind == "warc":
        yield from _read_warc(path)
        return
    data = read_bytes(path, gzipped=gzipped)
    yield from _parse_bytes(source, data, kind, encoding=encoding, sniff=not path.suffix or gzipped)


def read_bytes(path: Path, *, gzipped: bool = False, cap: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a file (unpacked when gzipped), refusing files over ``cap`` and truncated gzip.

    Raises ``_Skip`` with a reason a person can act on.
    """
    size = path.stat().st_size
    if not gzipped and size > cap:
        raise _Skip(_too_large(size, cap))
    with path.open("rb") as handle:
        if not gzipped:
            return handle.read(cap + 1)
        return _gunzip(handle, cap)


def _gunzip(handle: BinaryIO, cap: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=handle) as unpacked:
            data = unpacked.read(cap + 1)
    except EOFError as exc:
        raise _Skip(
            "truncated gzip file (it ends before the compressed stream does); fetch it again"
        ) from exc
    except (OSError, zlib.error) as exc:
        raise _Skip(f"not a valid gzip file ({exc})") from exc
    if len(data) > cap:
        raise _Skip(_too_large(None, cap, unpacked=True))
    return data


def _too_large(size: int | None, cap: int, *, unpacked: bool = False) -> str:
    """``too large (50.0MB > 20MB cap); split it``; without a known ``size``, "more than the cap"."""
    what = "too large unpacked" if unpacked else "too large"
    limit = f"{cap // (1024 * 1024)}MB"
    shown = f"{size / 1024 / 1024:.1f}MB > {limit} cap" if size is not None else f"more than the {limit} cap"
    return f"{what} ({shown}); split it"


def _read_stdin(encoding: str | None) -> Iterator[RawDocument | Problem]:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    data = stream.read(MAX_TEXT_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_TEXT_BYTES:
        raise _Skip(_too_large(None, MAX_TEXT_BYTES))
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(io.BytesIO(data), MAX_TEXT_BYTES)
    if data[:4] == b"WARC":
        yield from _read_warc_stream("-", io.BytesIO(data))
        return
    yield from _parse_bytes("-", data, "text", encoding=encoding, sniff=True)


# ------------------------------------------------------------------------------------------- decoding


def decode_bytes(
    data: bytes,
    source: str,
    *,
    encoding: str | None = None,
    declared: str | None = None,
    markup: bool = False,
) -> str:
    """Decode ``data`` to text: a forced ``encoding``, else a BOM, UTF-8, or a declared charset.

    ``declared`` is a charset from outside (an HTTP header); with ``markup`` the bytes are also searched
    for an HTML ``<meta charset>`` or an XML declaration. Raises ``_Skip`` for binary data (NUL bytes,
    control characters) and for bytes that are not UTF-8 when no charset is known, with the remedy.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise _Skip(
                f"unknown encoding {encoding!r}; pass --encoding with a name such as latin-1"
            ) from exc
        except UnicodeDecodeError as exc:
            raise _Skip(f"not valid {encoding} ({exc.reason} at byte {exc.start})") from exc
        return _check_text(text.removeprefix("\ufeff"))
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise _Skip(f"starts with a {codec} byte-order mark but is not valid {codec}") from exc
    if b"\x00" in data:
        raise _Skip("binary data (contains NUL bytes), not text; sourcetrace reads " + SUPPORTED)
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        charset = declared or (_declared_charset(data) if markup else None)
        if charset:
            try:
                return _check_text(data.decode(_codec_name(charset)))
            except LookupError as exc:
                raise _Skip(
                    f"declares the unknown charset {charset!r}; pass --encoding=... with the right one"
                ) from exc
            except UnicodeDecodeError as exc:
                raise _Skip(
                    f"not valid {charset} as declared ({exc.reason} at byte {exc.start}); "
                    "pass --encoding=... with the right one"
                ) from exc
        raise _Skip(
            f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) and no "
            f"charset declared; pass --encoding=latin-1 (or the file's real encoding)"
        ) from utf8_error


def _codec_name(charset: str) -> str:
    # Pages that declare latin-1 are nearly always windows-1252 (the WHATWG rule browsers follow).
    lowered = charset.strip().lower()
    if lowered in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}:
        return "cp1252"
    return lowered


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _check_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters: binary data that happened to decode."""
    if "\x00" in text:
        raise _Skip("binary data (contains NUL characters), not text")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise _Skip("looks like binary data (many control characters), not text")
    return text


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


# --------------------------------------------------------------------------------------------- WARC


def _read_warc(path: Path) -> Iterator[RawDocument | Problem]:
    size = path.stat().st_size
    if size > MAX_WARC_BYTES:
        raise _Skip(_too_large(size, MAX_WARC_BYTES))
    if size == 0:
        raise _Skip("empty file")
    with path.open("rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        failure: _Skip | None = None
        try:
            yield from _read_warc_stream(str(path), handle)
        except _Skip as skip:
            failure = skip
        if gzipped:  # after the records that could be read, so that a cut-off download loses only its end
            handle.seek(0)
            _check_gzip_members(handle)
        if failure is not None:
            raise failure


def _check_gzip_members(handle: BinaryIO) -> None:
    """Walk every gzip member of a multi-member file (a ``.warc.gz``), refusing one that is cut off.

    warcio reads a member that lacks its end without complaint; this pass (decompressing, keeping
    nothing) makes a truncated download a problem instead of a silently shorter archive.
    """
    decompressor = zlib.decompressobj(wbits=31)
    in_member = False
    while chunk := handle.read(1 << 16):
        while chunk:
            in_member = True
            try:
                decompressor.decompress(chunk, 1 << 16)
                while decompressor.unconsumed_tail and not decompressor.eof:
                    decompressor.decompress(decompressor.unconsumed_tail, 1 << 16)
            except zlib.error as exc:
                raise _Skip(f"corrupt gzip data ({exc})") from exc
            if not decompressor.eof:
                break
            chunk = decompressor.unused_data
            decompressor = zlib.decompressobj(wbits=31)
            in_member = False
            if chunk and chunk[:2] != b"\x1f\x8b":
                if chunk.strip(b"\x00"):
                    raise _Skip("not a valid gzip file (data after a gzip member is not gzip)")
                chunk = b""
    if in_member:
        raise _Skip("truncated gzip file (it ends before the compressed stream does); fetch it again")


def _read_warc_stream(source: str, handle: BinaryIO) -> Iterator[RawDocument | Problem]:
    """The HTML responses of a WARC (``response`` and ``resource`` records).

    A WARC cut short (a record shorter than its Content-Length, bytes at the end that are no whole
    record, a gzip member cut off) yields what could be read, then a problem saying where it broke.
    """
    # warcio, feedparser and lxml ship no type information; their results are handled as Any here.
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    found = 0
    records = 0
    start = handle.tell()
    iterator = ArchiveIterator(handle)
    try:
        for record in iterator:
            records += 1
            document = _warc_document(source, record, records)
            # Drain what we did not read, so that a record shorter than it claims shows up.
            while record.raw_stream.read(65536):
                pass
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise _Skip(f"truncated WARC: record {records} ends {record.raw_stream.limit} bytes early")
            if document is not None:
                if isinstance(document, RawDocument):
                    found += 1
                yield document
    except ArchiveLoadFailed as exc:
        raise _Skip(f"not a readable WARC file ({_first_line(exc)})") from exc
    except _Skip:
        raise
    except Exception as exc:  # warcio meets a cut-off header or gzip member in many different ways
        raise _Skip(
            f"truncated or corrupt WARC after {records} record(s) ({type(exc).__name__}: {_first_line(exc)})"
        ) from exc
    consumed = handle.tell() - start
    if records and iterator.offset < consumed:
        leftover = consumed - iterator.offset
        raise _Skip(f"truncated WARC: {leftover} bytes after record {records} are no whole record")
    if records == 0:
        raise _Skip("not a WARC file (no records found)")
    if found == 0:
        raise _Skip(f"no HTML responses among the WARC's {records} record(s)")


def _warc_document(source: str, record: Any, number: int) -> RawDocument | Problem | None:
    """One WARC record as a document (an HTML response or resource), a problem, or None to skip it."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#record{number}"
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in ("text/html", "application/xhtml+xml"):
        return None
    data = record.content_stream().read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        return Problem(uri, _too_large(None, MAX_TEXT_BYTES), "ingest")
    try:
        text = decode_bytes(data, uri, declared=_charset_of(content_type), markup=True)
    except _Skip as skip:
        return Problem(uri, skip.reason, "ingest")
    if not text.strip():
        return Problem(uri, "empty HTML response in the WARC", "ingest")
    return _html_document(uri, text, url=uri if uri.startswith(("http://", "https://")) else None)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


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


# --------------------------------------------------------------------------------------------- URLs


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, for the person who gave it."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes


def _read_url(url: str, *, allow_private: bool) -> Iterator[RawDocument | Problem]:
    try:
        page = fetch_url(url, allow_private=allow_private)
    except FetchError as exc:
        raise _Skip(str(exc)) from exc
    mime = page.content_type
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml") or (
        mime in ("application/xml", "text/xml") or _looks_like_feed(page.body)
    ):
        yield from _parse_bytes(url, page.body, "feed", url=page.url)
        return
    if mime in ("text/html", "application/xhtml+xml", ""):
        kind: Kind = "html"
    elif mime == "text/plain":
        kind = "text"
    elif mime in ("application/json", "application/x-ndjson", "application/jsonl"):
        kind = "jsonl"
    else:
        raise _Skip(f"unsupported content type {mime!r}; sourcetrace reads HTML pages, feeds and plain text")
    yield from _parse_bytes(url, page.body, kind, declared=page.charset, url=page.url)


def check_address(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing any that is not on the public internet.

    Refused unless ``allow_private``: loopback, private, shared (CGNAT), link-local (which holds the cloud
    metadata address 169.254.169.254), multicast, reserved and unspecified addresses, IPv6 included and
    IPv4-mapped IPv6 unwrapped. Every address is checked, so a name with one public and one private
    address is refused. Raises ``FetchError``.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})") from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}")
    if not allow_private:
        for address in addresses:
            reason = _non_public(address)
            if reason:
                raise FetchError(
                    f"refused: {host} resolves to {address}, a {reason} address; "
                    "pass --allow-private to fetch from it"
                )
    return addresses


def _non_public(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local (cloud metadata)", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_FETCH_BYTES,
    timeout: float = FETCH_TIMEOUT,
    deadline: float = FETCH_DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedPage:
    """GET ``url`` safely and return the body.

    Requires an ``http(s)`` URL. Each hop (redirects are followed by hand, at most ``max_redirects``) is
    re-checked: the host is resolved, every address checked with ``check_address``, and the connection
    made to the checked address itself (with the original Host header and TLS server name), so a name
    cannot resolve to something else between the check and the request. Bodies over ``max_bytes`` and
    responses slower than ``deadline`` are refused. Raises ``FetchError`` with a reason per URL.
    """
    import httpx

    current = url
    started = time.monotonic()
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https"):
                raise FetchError(f"refused: {current} is not an http(s) URL")
            host = parts.hostname
            if not host:
                raise FetchError(f"no host in URL {current!r}")
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError as exc:
                raise FetchError(f"bad port in URL {current!r}") from exc
            address = check_address(host, port, allow_private=allow_private)[0]
            netloc = f"[{address}]" if ":" in address else address
            if parts.port:
                netloc += f":{parts.port}"
            pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
            host_header = host if not parts.port else f"{host}:{parts.port}"
            headers = {
                "User-Agent": USER_AGENT,
                "Host": host_header,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            }
            extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
            try:
                with client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                f"HTTP {response.status_code} redirect without a Location ({current})"
                            )
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    if not 200 <= response.status_code < 300:
                        raise FetchError(f"unexpected HTTP status {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(_too_large(int(declared), max_bytes).replace("; split it", ""))
                    chunks: list[bytes] = []
                    total = 0
                    for chunk in response.iter_bytes():
                        total += len(chunk)
                        if total > max_bytes:
                            raise FetchError(f"response larger than the {max_bytes // (1024 * 1024)}MB cap")
                        if time.monotonic() - started > deadline:
                            raise FetchError(f"took longer than {deadline:.0f}s")
                        chunks.append(chunk)
                    content_type = response.headers.get("content-type", "")
                    return FetchedPage(
                        url=current,
                        status=response.status_code,
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=_charset_of(content_type),
                        body=b"".join(chunks),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout:.0f}s ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch: {type(exc).__name__}: {exc}") from exc
        raise FetchError(f"too many redirects (more than {max_redirects})")


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type)
    return match.group(1) if match else None
