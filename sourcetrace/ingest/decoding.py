"""Bytes to text: size caps, gzip, declared and sniffed encodings."""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path
from typing import BinaryIO

from .limits import _CONTROL, _META_CHARSET, _XML_ENCODING, MAX_TEXT_BYTES, SUPPORTED, _Skip

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


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type)
    return match.group(1) if match else None
