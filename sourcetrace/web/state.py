"""What the API and the web pages share: the server's state, and the two library calls both make.

``ServerState`` holds the store, the token and the models (loaded once, in the background); ``add_input``
turns one submitted article (text, HTML or a URL) into stored articles and ``run_check`` checks a claim
against a story's articles. Nothing a client sends is ever used as a path: articles arrive as text, HTML
or an http(s) URL that the safe fetcher in ``ingest`` retrieves (public addresses only unless
``allow_private``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import UsageError
from ..model import Article, Problem, RawDocument
from ..store import AddResult, Store

if TYPE_CHECKING:
    from ..nlp import Models

MAX_BODY = 4 * 1024 * 1024  # one request; an article's text is rarely more than 100 KB
MAX_CLAIM = 1000


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
        from ..nlp import Models

        return Models()


def _load_all_models() -> None:
    from ..check.classifier import load_stance_model
    from ..nlp import load_encoder, load_models

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


# --- The calls both the API and the pages make ----------------------------------------------------


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


def add_input(state: ServerState, body: ArticleIn) -> AddResult:
    """Turn one submitted article (text, HTML or URL) into stored articles."""
    from ..pipeline import load_articles

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
    changes = {k: getattr(body, k) for k in ("title", "outlet", "author") if getattr(body, k)}
    return replace(article, **changes) if changes else article


def _articles_from_text(body: ArticleIn) -> tuple[list[Article], list[Problem]]:
    from ..pipeline import clean_or_problem

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
    cleaned = clean_or_problem(raw, article_id="new")  # a cleaning bug is a problem, not a 500
    if isinstance(cleaned, Problem):
        return [], [cleaned]
    return [cleaned], []


def run_check(state: ServerState, story_id: str, claim: str) -> dict[str, Any]:
    from ..check import check

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
