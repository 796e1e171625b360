"""WARC archives: the HTML responses inside, streamed."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Problem, RawDocument
from .decoding import _charset_of, _too_large, decode_bytes
from .formats import _html_document
from .limits import MAX_TEXT_BYTES, MAX_WARC_BYTES, _first_line, _Skip

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




