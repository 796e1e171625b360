"""The site and the process that serves it: ``sourcetrace serve``.

``create_app`` puts the API (``api.py``), the web pages (``pages.py``) and the offline API docs behind
the guard (``security.py``), with one error shape (``errors.py``); ``serve`` opens the store and runs
uvicorn on a socket bound first, so a port in use is reported before anything else is opened. Without
``SOURCETRACE_TOKEN`` the server listens on 127.0.0.1 only and says so on stderr.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp

from .. import __version__
from ..errors import UsageError
from ..store import Store
from .api import router as api_router
from .errors import install_error_handlers
from .pages import docs_page, error_page
from .pages import router as pages_router
from .security import LOOPBACK_NAMES, Guard, hostname
from .state import MAX_BODY, ServerState


def create_app(state: ServerState) -> ASGIApp:
    """The whole site: API, offline docs and web pages, behind the guard."""

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
    install_error_handlers(app, error_page)
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return docs_page(request, app.openapi())

    return Guard(app, state)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, so the real port is known (``--port 0`` picks a free one).

    Raises ``UsageError`` when the address cannot be used (a port in use, a host not on this machine).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot listen on {host}:{port}: {reason}; pick another --port") from exc
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
        if hostname(host) not in LOOPBACK_NAMES:
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
