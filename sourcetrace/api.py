"""The REST API and the process that serves it (with the web app in ``sourcetrace.web``).

    GET  /api                          health: version, story count, whether the models are ready
    GET  /api/stories                  every story with its counts and last update
    GET  /api/stories/{id}             the story's dossier: the JSON contract (sourcetrace.dossier/1)
    POST /api/articles                 add an article: {"text"} | {"html"} | {"url"}     (bearer token)
    POST /api/stories/{id}/check       each article's stance towards {"claim"}
    GET  /docs, /openapi.json          the API described, offline (no CDN)

Every error, from any route, has one JSON shape: ``{"error": {"status", "code", "message", "details"}}``
(web pages get the same message as an HTML page). Writes need ``Authorization: Bearer $SOURCETRACE_TOKEN``
when a token is configured; without one the server listens on 127.0.0.1 only, refuses Host headers
that are not loopback names (DNS rebinding) and says so on stderr. Every request body is capped
(413), and a browser's cross-origin POST is refused whatever its content type.

Nothing a client sends is ever used as a path: articles arrive as text, HTML or an http(s) URL that
the safe fetcher in ``ingest`` retrieves (public addresses only unless ``allow_private``).
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .errors import ModelMissingError, NotFoundError, UsageError
from .model import Article, Problem, RawDocument
from .store import AddResult, Store

if TYPE_CHECKING:
    from .nlp import Models

MAX_BODY = 4 * 1024 * 1024  # one request; an article's text is rarely more than 100 KB
MAX_CLAIM = 1000
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
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    503: "unavailable",
}


# --- State shared by the API and the web pages -----------------------------------------------------


class ModelsHolder:
    """Loads the models once, in the background, so reads are served while they load."""

    def __init__(self, loader: Callable[[], Any] | None = None) -> None:
        self._loader = loader or _load_all_models
        self._ready = threading.Event()
        self._started = False
        self._start_lock = threading.Lock()
        self._error: BaseException | None = None

    def warm(self) -> None:
        with self._start_lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._load, name="sourcetrace-models", daemon=True).start()

    def _load(self) -> None:
        try:
            self._loader()
        except BaseException as exc:  # reported to every request that needs the models
            self._error = exc
        finally:
            self._ready.set()

    @property
    def status(self) -> str:
        if not self._ready.is_set():
            return "loading" if self._started else "not loaded"
        return "failed" if self._error else "ready"

    def get(self) -> Models:
        """Fresh ``Models`` handles (their embedding cache lives as long as one request)."""
        self.warm()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        from .nlp import Models

        return Models()


def _load_all_models() -> None:
    from .nlp import load_encoder, load_models
    from .check.classifier import load_stance_model

    models = load_models()
    load_encoder()
    models.embed(["warm up the encoder"])
    load_stance_model()


@dataclass
class ServerState:
    store: Store
    token: str | None = None
    allow_private: bool = False
    local_only: bool = True
    max_body: int = MAX_BODY
    models: ModelsHolder = field(default_factory=ModelsHolder)
    # Model work (adds and checks) runs one at a time: spaCy and torch are not shared across threads.
    work: threading.Lock = field(default_factory=threading.Lock)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def token_matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(
            given.encode("utf-8"), self.token.encode("utf-8")
        )


def state_of(request: Request) -> ServerState:
    return request.app.state.sourcetrace  # type: ignore[no-any-return]


# --- Errors: one shape ------------------------------------------------------------------------------


def error_body(status: int, message: str, details: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": ERROR_CODES.get(status, "error"),
            "message": message,
            "details": list(details),
        }
    }


def wants_html(path: str, accept: str) -> bool:
    """Web pages answer errors with a page; the API (and anything not asking for HTML) with JSON."""
    return not path.startswith(("/api", "/openapi.json")) and "text/html" in accept


def error_response(
    request: Request | None,
    status: int,
    message: str,
    details: Sequence[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    if request is not None and wants_html(request.url.path, request.headers.get("accept", "")):
        from .web import error_page

        return error_page(request, status, message, details, headers)
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def _error_page_bytes(status: int, message: str) -> bytes:
    # The middleware's own errors, before the app (and its templates) is reached.
    title = f"{status} {ERROR_CODES.get(status, 'error').replace('_', ' ')}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/static/app.css"></head><body><main class="wrap">'
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p></main></body></html>"
    ).encode()


def install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else ERROR_CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"nothing at {request.url.path}; the API lives under /api and is described at /docs"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"location": ".".join(str(p) for p in err.get("loc", ())), "message": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{d['location']}: {d['message']}" for d in details[:3])
        return error_response(request, 422, f"the request is not valid: {summary}", details)

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def usage_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 422, str(exc))

    async def models_missing(request: Request, exc: Exception) -> Response:
        return error_response(request, 503, f"the server cannot analyse articles: {exc}")

    async def internal(request: Request, exc: Exception) -> Response:
        print(f"sourcetrace: internal error on {request.method} {request.url.path}: {exc!r}", file=sys.stderr)
        return error_response(
            request,
            500,
            "internal error; the server log has the details (nothing was changed by this request)",
        )

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(UsageError, usage_error)
    app.add_exception_handler(ModelMissingError, models_missing)
    app.add_exception_handler(Exception, internal)


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
                body, kind = _error_page_bytes(status, text), b"text/html; charset=utf-8"
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

        host = _hostname(headers.get("host", ""))
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


def _hostname(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _authority(origin: str) -> str:
    parts = urlsplit(origin.strip().lower())
    return parts.netloc


# --- The API routes ---------------------------------------------------------------------------------

router = APIRouter(prefix="/api")


class ArticleIn(BaseModel):
    """One article: exactly one of ``text``, ``html`` or ``url``; metadata optional."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text; a first short line may be the title.")
    html: str | None = Field(None, description="An HTML page; its body is extracted, page chrome removed.")
    url: str | None = Field(None, max_length=2000, description="An http(s) URL, fetched by the server.")
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    author: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or datetime.")
    source: str | None = Field(
        None, max_length=500, description="Where the text came from (a label, never read as a path)."
    )

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        body = getattr(self, given[0])
        if not body.strip():
            raise ValueError(f"{given[0]} is empty")
        return self


class AddOut(BaseModel):
    results: list[dict[str, Any]] = Field(description="One entry per article: added or duplicate.")
    problems: list[dict[str, Any]] = Field(description="Inputs that could not be used, with the reason.")


class StoryOut(BaseModel):
    id: str
    title: str
    articles: int
    claims: int
    verdicts: dict[str, int]
    created: str
    updated: str
    version: int


class StoriesOut(BaseModel):
    stories: list[StoryOut]


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: str = Field(min_length=1, max_length=MAX_CLAIM, description="The claim to check, as text.")


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, str]]


class ErrorOut(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": ERROR_CODES[code].replace("_", " ")} for code in (404, 422, 500)
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    **{code: {"model": ErrorOut, "description": ERROR_CODES[code]} for code in (401, 413, 415)},
}


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


@router.get("", summary="Health and version")
def health(request: Request) -> dict[str, Any]:
    state = state_of(request)
    return {
        "name": "sourcetrace",
        "version": __version__,
        "stories": state.store.counts()["stories"],
        "models": state.models.status,
        "writes_need_token": state.token is not None,
    }


@router.get("/stories", summary="List stories", response_model=StoriesOut, responses=ERRORS)
def list_stories(request: Request) -> dict[str, Any]:
    """Every story, most recently updated first, with its article, claim and verdict counts."""
    return {"stories": [s.to_json() for s in state_of(request).store.stories()]}


@router.get(
    "/stories/{story_id}",
    summary="A story's dossier",
    responses={
        200: {
            "description": "The dossier, valid against dossier.schema.json (sourcetrace.dossier/1).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **ERRORS,
    },
)
def get_story(request: Request, story_id: str) -> Response:
    """The story's dossier as the JSON contract: articles, claims with verdicts, graph, timeline."""
    text = state_of(request).store.dossier_json(story_id)
    return Response(text, media_type="application/json")


@router.post(
    "/articles",
    summary="Add an article",
    status_code=201,
    response_model=AddOut,
    responses={
        200: {"model": AddOut, "description": "Every article was already in the store."},
        **WRITE_ERRORS,
    },
    dependencies=[Depends(require_writer)],
)
def add_article(request: Request, body: ArticleIn) -> Response:
    """Add an article as text, HTML or a URL. It joins its story (or starts one) and only that story is
    analysed again. A text the store already holds is reported as a duplicate (status 200)."""
    state = state_of(request)
    result = add_input(state, body)
    payload = {
        "results": [a.to_json() for a in result.added],
        "problems": [{"source": p.source, "reason": p.reason, "stage": p.stage} for p in result.problems],
    }
    if not result.added:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in result.problems) or "nothing to add"
        return JSONResponse(error_body(422, f"no article added: {reasons}", []), status_code=422)
    status = 201 if any(a.status == "added" for a in result.added) else 200
    return JSONResponse(payload, status_code=status)


@router.post(
    "/stories/{story_id}/check",
    summary="Check a claim against a story's articles",
    responses=ERRORS,
)
def check_claim(request: Request, story_id: str, body: CheckIn) -> dict[str, Any]:
    """Each article's stance towards the claim (agree, disagree, discuss, unrelated) with its evidence:
    the sentences that drove it and who says them."""
    return run_check(state_of(request), story_id, body.claim)


# --- Library calls shared with the web pages --------------------------------------------------------


def add_input(state: ServerState, body: ArticleIn) -> AddResult:
    """Turn one submitted article (text, HTML or URL) into stored articles."""
    from .pipeline import load_articles

    if body.url is not None:
        url = body.url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"not an http(s) URL: {url!r}; give a web address such as https://example.com/a")
        # An http(s) URL is the only kind of input read_inputs fetches rather than opens.
        articles, problems = load_articles([url], allow_private=state.allow_private)
        articles = [_with_metadata(a, body) for a in articles]
    else:
        articles, problems = _articles_from_text(body)
    result = AddResult(problems=list(problems))
    if not articles:
        return result
    with state.work:
        models = state.models.get()
        added = state.store.add_articles(articles, models=models)
    result.added.extend(added.added)
    result.problems.extend(added.problems)
    return result


def _with_metadata(article: Article, body: ArticleIn) -> Article:
    from dataclasses import replace

    changes = {k: getattr(body, k) for k in ("title", "outlet", "author") if getattr(body, k)}
    return replace(article, **changes) if changes else article


def _articles_from_text(body: ArticleIn) -> tuple[list[Article], list[Problem]]:
    import hashlib

    from .clean import clean_document

    content = body.text if body.text is not None else body.html or ""
    kind: Literal["text", "html"] = "text" if body.text is not None else "html"
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    source = (body.source or "").strip() or f"pasted-{digest}"
    raw = RawDocument(
        source=source,
        content=content,
        kind=kind,
        title=body.title,
        outlet=body.outlet,
        author=body.author,
        published=body.published,
    )
    try:
        article = clean_document(raw, article_id="new")
    except Exception as exc:  # a cleaning bug must not take the request down with a 500
        return [], [Problem(source, f"could not be cleaned: {exc}", "clean")]
    if not article.text.strip():
        return [], [Problem(source, "no article text left after cleaning", "clean")]
    return [article], []


def run_check(state: ServerState, story_id: str, claim: str) -> dict[str, Any]:
    from .check import check

    claim = claim.strip()
    if not claim:
        raise UsageError("the claim is empty; write the claim to check as a sentence")
    articles = state.store.articles(story_id)  # raises NotFoundError first, before any model work
    with state.work:
        result = check(claim, articles, models=state.models.get())
    out = result.to_json()
    for entry, stance in zip(out["results"], result.results, strict=True):
        entry["article"] = stance.article
        entry["scores"] = {label: round(p, 4) for label, p in stance.scores}
    return {"story": story_id, **out}


# --- The app ----------------------------------------------------------------------------------------


def create_app(state: ServerState) -> ASGIApp:
    """The whole site: API, offline docs and web pages, behind the guard."""
    from contextlib import asynccontextmanager

    from .web import docs_page
    from .web import router as web_router

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        state.models.warm()
        yield

    app = FastAPI(
        title="sourcetrace",
        version=__version__,
        description="Trace news claims to their independent origins. Errors all share one shape: "
        '`{"error": {"status", "code", "message", "details"}}`. Writes need '
        "`Authorization: Bearer $SOURCETRACE_TOKEN` when the server has a token.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.sourcetrace = state
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(web_router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return docs_page(request, app.openapi())

    return Guard(app, state)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so the real port is known (``--port 0`` picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    db: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    allow_private: bool = False,
    max_body: int = MAX_BODY,
    say: Callable[[str], None] | None = None,
) -> None:
    """Open the store and serve the API and the web app until interrupted."""
    import uvicorn

    def default_say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    say = say or default_say
    token = token or None
    if token is None:
        if _hostname(host) not in LOOPBACK_NAMES:
            say(f"sourcetrace: SOURCETRACE_TOKEN is not set, so writes are open: not serving on {host}")
        say(
            "sourcetrace: no SOURCETRACE_TOKEN: listening on 127.0.0.1 only (anyone on this machine can add "
            "articles); set SOURCETRACE_TOKEN to require a bearer token and serve other hosts"
        )
        host = "127.0.0.1"
    sock = bind(host, port)  # first: a port in use is reported before anything is opened
    try:
        store = Store.open(db)
    except BaseException:
        sock.close()
        raise
    state = ServerState(
        store=store,
        token=token,
        allow_private=allow_private,
        local_only=token is None,
        max_body=max_body,
    )
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{sock.getsockname()[1]}/"
    say(f"sourcetrace: serving {store.shown} on {address} (API docs at /docs)")
    config = uvicorn.Config(
        create_app(state),
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        store.close()


def token_from_env() -> str | None:
    return os.environ.get("SOURCETRACE_TOKEN") or None
