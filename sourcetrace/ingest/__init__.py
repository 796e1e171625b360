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

import functools
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..model import Problem, RawDocument
from .decoding import _gunzip, _too_large, decode_bytes, read_bytes
from .feeds import html_fragment_to_text
from .fetch import FetchedPage, FetchError, _read_url, check_address, fetch_url
from .formats import _parse_bytes
from .limits import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_FETCH_BYTES,
    MAX_TEXT_BYTES,
    SUPPORTED,
    TEXT_SUFFIXES,
    USER_AGENT,
    WARC_SUFFIXES,
    Kind,
    _Skip,
)
from .warc import _read_warc, _read_warc_stream

__all__ = [
    "MAX_FETCH_BYTES",
    "MAX_TEXT_BYTES",
    "USER_AGENT",
    "FetchError",
    "FetchedPage",
    "check_address",
    "decode_bytes",
    "fetch_url",
    "html_fragment_to_text",
    "read_bytes",
    "read_inputs",
]

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


