"""One error shape for the whole site: ``{"error": {"status", "code", "message", "details"}}``.

The API answers every error, from any route, with that JSON; web pages get the same message as an HTML
page. The page itself is drawn by ``pages.error_page``, which ``app.py`` hands to
``install_error_handlers``, so this module depends on nothing else in the web app.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import ModelMissingError, NotFoundError, UsageError

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

ErrorPage = Callable[[Request, int, str, Sequence[dict[str, str]], "dict[str, str] | None"], Response]


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


def error_page_bytes(status: int, message: str) -> bytes:
    # The middleware's own errors, before the app (and its templates) is reached.
    title = f"{status} {ERROR_CODES.get(status, 'error').replace('_', ' ')}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/static/app.css"></head><body><main class="wrap">'
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p></main></body></html>"
    ).encode()


def install_error_handlers(app: FastAPI, page: ErrorPage) -> None:
    """Every exception becomes the one error shape; ``page`` draws it for a browser that asks for HTML."""

    def error_response(
        request: Request,
        status: int,
        message: str,
        details: Sequence[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> Response:
        if wants_html(request.url.path, request.headers.get("accept", "")):
            return page(request, status, message, details, headers)
        return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)

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
