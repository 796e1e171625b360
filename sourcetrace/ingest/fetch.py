"""URLs fetched safely: public addresses only, bounded size, time and redirects."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..model import Problem, RawDocument
from .decoding import _charset_of, _too_large
from .formats import _looks_like_feed, _parse_bytes
from .limits import FETCH_DEADLINE, FETCH_TIMEOUT, MAX_FETCH_BYTES, MAX_REDIRECTS, USER_AGENT, Kind, _Skip

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


