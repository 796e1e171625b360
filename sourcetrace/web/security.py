"""What stands between a request and the app: the guard middleware, the bearer token, CSRF and sign-in.

* The guard (``Guard``) caps every body (413), refuses Host headers that are not loopback names when
  the server has no token (DNS rebinding), refuses a browser's cross-origin POST whatever its content
  type, and sends the security headers (a CSP that allows no script at all).
* API writes need ``Authorization: Bearer $SOURCETRACE_TOKEN`` when a token is configured.
* Web forms carry a CSRF token: an HMAC, under a per-process secret, of a random ``SameSite=Strict``
  cookie; signing in sets a session cookie derived from the token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body, error_page_bytes, wants_html
from .state import ServerState, state_of

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # Not "no-referrer": with it, browsers send "Origin: null" on the app's own form POSTs.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
CSRF_COOKIE = "st_csrf"
SESSION_COOKIE = "st_session"
_COOKIE_VALUE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


# --- The guard: size limit, Host check, cross-origin writes, security headers ----------------------


class Guard:
    """ASGI middleware in front of everything.

    * bodies over ``max_body`` are refused with 413 (declared lengths at once, streamed ones as they
      arrive; the app only ever sees a complete body that fits);
    * in local-only mode the Host must be a loopback name, so a DNS-rebinding page cannot reach us;
    * a browser's POST from another origin is refused, whatever its content type;
    * every response carries the security headers (a CSP that allows no script at all).
    """

    def __init__(self, app: ASGIApp, state: ServerState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path, accept = scope.get("path", "/"), headers.get("accept", "")

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *[(k, v) for k, v in message.get("headers", []) if k.lower() not in _SECURITY_NAMES],
                    *SECURITY_HEADERS,
                ]
            await send(message)

        async def refuse(status: int, text: str) -> None:
            if wants_html(path, accept):
                body, kind = error_page_bytes(status, text), b"text/html; charset=utf-8"
            else:
                body, kind = json.dumps(error_body(status, text)).encode("utf-8"), b"application/json"
            await send_secure(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
                }
            )
            await send_secure({"type": "http.response.body", "body": body})

        host = hostname(headers.get("host", ""))
        if self.state.local_only and host not in LOOPBACK_NAMES:
            await refuse(
                400, f"unexpected Host {headers.get('host', '')!r}; this server answers on 127.0.0.1"
            )
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin is not None and _authority(origin) != headers.get("host", "").lower():
                await refuse(403, "cross-origin request refused; use the API with a bearer token instead")
                return
            kind = headers.get("content-type", "").split(";")[0].strip().lower()
            json_route = path.startswith("/api/") and scope["method"] in ("POST", "PUT", "PATCH")
            if json_route and kind != "application/json" and not kind.endswith("+json"):
                await refuse(415, "the API takes JSON: send Content-Type: application/json")
                return
        limit = self.state.max_body
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await refuse(400, "malformed Content-Length")
                return
            if int(declared) > limit:
                await refuse(413, f"request body of {int(declared)} bytes is over the {limit}-byte limit")
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await refuse(413, f"request body is over the {limit}-byte limit")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_secure)


_SECURITY_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)


def hostname(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _authority(origin: str) -> str:
    parts = urlsplit(origin.strip().lower())
    return parts.netloc


# --- Bearer token (API writes), CSRF and sign-in (web forms) ---------------------------------------


def require_writer(request: Request) -> None:
    """Writes need the bearer token when one is configured (local-only servers have none)."""
    state = state_of(request)
    if state.token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not state.token_matches(given.strip()):
        raise HTTPException(
            401,
            "this server needs a bearer token for writes: send Authorization: Bearer $SOURCETRACE_TOKEN",
            headers={"WWW-Authenticate": 'Bearer realm="sourcetrace"'},
        )


def csrf_cookie(request: Request) -> tuple[str, bool]:
    value = request.cookies.get(CSRF_COOKIE, "")
    if _COOKIE_VALUE.match(value):
        return value, False
    return secrets.token_urlsafe(32), True


def csrf_token(state: ServerState, cookie: str) -> str:
    return hmac.new(state.secret, cookie.encode("ascii"), hashlib.sha256).hexdigest()


def check_csrf(request: Request, token: str) -> None:
    state = state_of(request)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not _COOKIE_VALUE.match(cookie) or not hmac.compare_digest(csrf_token(state, cookie), token):
        raise HTTPException(
            403, "this form has expired or was not sent from this site; reload the page and send it again"
        )


def session_value(state: ServerState) -> str:
    assert state.token is not None
    return hmac.new(state.token.encode("utf-8"), b"sourcetrace web session", hashlib.sha256).hexdigest()


def signed_in(request: Request) -> bool:
    state = state_of(request)
    if state.token is None:
        return True
    return hmac.compare_digest(request.cookies.get(SESSION_COOKIE, ""), session_value(state))


def require_signed_in(request: Request) -> None:
    if not signed_in(request):
        raise HTTPException(401, "sign in with the server's token to add articles (Sign in, at the top)")
