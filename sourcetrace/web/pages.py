"""The web app's pages: server-rendered HTML over the store, with no script at all.

    GET  /                                      stories, with counts and last update
    GET  /stories/{id}?verdict=…&sort=…         a story: claims (filter, sort), graph, copied passages, …
    GET  /stories/{id}/claims/{claim}           a claim: origins, relays, echoes; every report in context
    GET  /stories/{id}/articles/{article}       an article, with a sentence highlighted (?start=&end=)
    POST /stories/{id}/check                    each article's stance towards a claim
    GET  /add, POST /add                        add an article (text, HTML) or a URL
    GET  /login, POST /login, POST /logout      when the server has a token
    GET  /static/app.css                        the one stylesheet

Filtering and sorting are links (query parameters), so everything works without JavaScript, and the
CSP the guard sends allows none. Article text is hostile: every string goes through jinja2's
autoescaping, the provenance SVG escapes its own labels, and only http(s) sources become links.
Forms carry a CSRF token (``security.py``).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from ..errors import NotFoundError, UsageError
from ..model import VERDICTS, Article, Claim, Dossier, Edge, Node, Story
from ..render import (
    OWN_VOICE,
    VERDICT_LABELS,
    DossierView,
    StoryView,
    article_label,
    claim_provenance,
    snippet,
    story_views,
)
from ..render.svg import legend_items, provenance_svg
from ..sources import sentence_spans
from ..store import StorySummary
from .errors import ERROR_CODES
from .security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    check_csrf,
    csrf_cookie,
    csrf_token,
    require_signed_in,
    session_value,
    signed_in,
)
from .state import ArticleIn, ServerState, add_input, run_check, state_of

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
CSS = HERE / "static" / "app.css"

PAGE_CACHE = 32
SORTS = ("echoes", "origins")

router = APIRouter(include_in_schema=False)

VerdictFilter = Literal["all", "corroborated", "single_origin", "contested", "denied"]
SortKey = Literal["echoes", "origins"]


# --- Templates --------------------------------------------------------------------------------------


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _is_web_link(value: str | None) -> bool:
    return bool(value) and re.match(r"^https?://[^\s<>\"']+$", value or "") is not None


def _conflict_kinds(claim: Claim) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for conflict in claim.conflicts:
        counts[conflict.kind] = counts.get(conflict.kind, 0) + 1
    return list(counts.items())


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        verdicts=VERDICTS,
        verdict_label=lambda v: VERDICT_LABELS.get(v, v),
        article_label=article_label,
        own_voice=OWN_VOICE,
        is_web_link=_is_web_link,
        when=_when,
        q=lambda value: quote(str(value), safe=""),
        conflict_kinds=_conflict_kinds,
    )
    return env


@lru_cache(maxsize=1)
def stylesheet() -> bytes:
    return CSS.read_bytes()


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    state = state_of(request)
    cookie, fresh = csrf_cookie(request)
    page = (
        environment()
        .get_template(template)
        .render(
            request_path=request.url.path,
            csrf=csrf_token(state, cookie),
            signed_in=signed_in(request),
            token_required=state.token is not None,
            **context,
        )
    )
    response = HTMLResponse(page, status_code=status, headers=headers)
    if fresh:
        response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/")
    return response


def error_page(
    request: Request,
    status: int,
    message: str,
    details: Sequence[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    title = ERROR_CODES.get(status, "error").replace("_", " ")
    context = {"status": status, "title": title, "message": message, "details": list(details)}
    return render(request, "error.html.j2", context, status=status, headers=headers)


# --- Story pages: the dossier of one story, prepared once per version ------------------------------


# How the story page words each passage edge of the provenance graph: "copies" only when dates show
# who copied whom (provenance.py decides), "shares text with" when they do not.
PASSAGE_WORDS: dict[str, str] = {"copies passage": "copies", "shares passage": "shares text with"}


@dataclass(frozen=True)
class CopiedPassage:
    """A passage that appears in more than one article of a story: where it appears first (or, when the
    dates do not tell, the article it is shared with) and each article that repeats it."""

    text: str
    first: str  # article id
    copies: tuple[tuple[str, str], ...]  # (article id, "copies" or "shares text with")
    claims: tuple[str, ...]  # claims with a report in the repeated sentence
    start: int | None = None  # where the passage is in the first article, when it could be found
    end: int | None = None


def _whole_passage(label: str, article: Article | None) -> tuple[str, int | None, int | None]:
    """The whole sentence behind a passage node's label, which the graph clips to fit a box."""
    clipped = " ".join(label.strip("“”\"'‘’ ").split())
    prefix = clipped.removesuffix("…").strip()
    if article is None or not prefix:
        return clipped, None, None
    for start, sentence in sentence_spans(article.text):
        if " ".join(sentence.split()).strip("“”\"'‘’ ").startswith(prefix):
            found = article.text.find(sentence, start)
            if found >= 0:
                return sentence, found, found + len(sentence)
    return clipped, None, None


def copied_passages(
    story: Story, nodes: Sequence[Node], edges: Sequence[Edge], articles: Mapping[str, Article]
) -> list[CopiedPassage]:
    """The story's copied passages, read from the provenance graph's ``passage`` nodes and their edges.

    Read from the whole graph, not the story's subgraph, which keeps only passages that carry a claim.
    """
    members = {a: n for n, a in enumerate(story.articles)}
    article_of = {n.id: n.article for n in nodes if n.kind == "article" and n.article in members}
    passages = {n.id: n for n in nodes if n.kind == "passage" and n.article in members}
    copies: dict[str, list[tuple[str, str]]] = {}
    claims: dict[str, list[str]] = {}
    for edge in edges:
        words = PASSAGE_WORDS.get(edge.kind)
        if words is None or edge.target not in passages or edge.source not in article_of:
            continue
        found = (article_of[edge.source] or "", words)
        if found not in copies.setdefault(edge.target, []):
            copies[edge.target].append(found)
        claims.setdefault(edge.target, []).extend(c for c in edge.claims if c not in claims[edge.target])
    out: list[CopiedPassage] = []
    for pid, node in passages.items():
        if not copies.get(pid):
            continue
        first = node.article or ""
        text, start, end = _whole_passage(node.label, articles.get(first))
        ordered = tuple(sorted(copies[pid], key=lambda c: members.get(c[0], 0)))
        out.append(CopiedPassage(text, first, ordered, tuple(claims.get(pid, ())), start, end))
    return sorted(out, key=lambda p: (members.get(p.first, 0), p.text))


@dataclass(frozen=True)
class StoryPage:
    summary: StorySummary
    dossier: Dossier
    dv: DossierView
    view: StoryView
    graph: Markup | None
    legend: list[tuple[str, str, str]]
    labels: dict[str, str]
    origins: int
    passages: list[CopiedPassage]


_pages: OrderedDict[str, StoryPage] = OrderedDict()
_pages_lock = threading.Lock()


def story_page(state: ServerState, story_id: str) -> StoryPage:
    summary = state.store.story(story_id)
    with _pages_lock:
        cached = _pages.get(f"{id(state)}:{story_id}")
        if cached is not None and cached.summary.version == summary.version:
            return cached
    dossier = state.store.dossier(story_id)
    dv = story_views(dossier)
    view = next((v for v in dv.stories if v.story.id == story_id), None)
    if view is None:
        raise NotFoundError(f"story {story_id!r} has no analysis yet; add an article to it")

    def href(node: Node) -> str | None:
        if not node.article:
            return None
        return f"/stories/{quote(story_id, safe='')}/articles/{quote(node.article, safe='')}"

    graph = (
        Markup(
            provenance_svg(
                view.nodes,
                view.edges,
                id_prefix="graph",
                title=f"Provenance graph: who cites whom in “{view.story.title}”",
                href=href,
            )
        )
        if view.nodes
        else None
    )
    page = StoryPage(
        summary=summary,
        dossier=dossier,
        dv=dv,
        view=view,
        graph=graph,
        legend=legend_items(view.edges),
        labels={n.id: n.label for n in view.nodes},
        origins=len({o for c in view.claims for o in c.origins}),
        passages=copied_passages(view.story, dossier.provenance.nodes, dossier.provenance.edges, dv.articles),
    )
    with _pages_lock:
        key = f"{id(state)}:{story_id}"
        _pages[key] = page
        _pages.move_to_end(key)
        while len(_pages) > PAGE_CACHE:
            _pages.popitem(last=False)
    return page


def _claims_shown(claims: Sequence[Claim], verdict: str, sort: str) -> list[Claim]:
    shown = [c for c in claims if verdict == "all" or c.verdict == verdict]
    if sort == "origins":
        return sorted(shown, key=lambda c: (-len(c.origins), -c.echoes))
    return sorted(shown, key=lambda c: (-c.echoes, -len(c.origins)))


def _report_link(story_id: str, article: str, start: int, end: int) -> str:
    query = urlencode({"start": start, "end": end})
    return f"/stories/{quote(story_id, safe='')}/articles/{quote(article, safe='')}?{query}#mark"


# --- Routes -----------------------------------------------------------------------------------------


@router.get("/static/app.css")
def css() -> Response:
    return Response(stylesheet(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    state = state_of(request)
    return render(request, "index.html.j2", {"stories": state.store.stories(), "models": state.models.status})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(
    request: Request,
    story_id: str,
    verdict: Annotated[VerdictFilter, Query()] = "all",
    sort: Annotated[SortKey, Query()] = "echoes",
    added: Annotated[str | None, Query(max_length=100)] = None,
    duplicate: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    page = story_page(state_of(request), story_id)
    counts = page.view.verdict_counts()
    context = {
        "page": page,
        "view": page.view,
        "story_id": story_id,
        "claims": _claims_shown(page.view.claims, verdict, sort),
        "counts": counts,
        "verdict": verdict,
        "sort": sort,
        "added": added if added in page.dv.articles else None,
        "duplicate": duplicate if duplicate in page.dv.articles else None,
        "link": lambda **changes: _story_link(story_id, {"verdict": verdict, "sort": sort, **changes}),
    }
    return render(request, "story.html.j2", context)


def _story_link(story_id: str, params: dict[str, str]) -> str:
    """The story page with these claims-table settings; the defaults are left out of the URL."""
    defaults = {"verdict": "all", "sort": "echoes"}
    params = {k: v for k, v in params.items() if defaults.get(k) != v}
    base = f"/stories/{quote(story_id, safe='')}"
    return f"{base}?{urlencode(params)}#claims" if params else f"{base}#claims"


@router.get("/stories/{story_id}/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, story_id: str, claim_id: str) -> HTMLResponse:
    page = story_page(state_of(request), story_id)
    found = next((c for c in page.view.claims if c.id == claim_id), None)
    if found is None:
        raise NotFoundError(f"no claim {claim_id!r} in story {story_id!r}")
    reports = []
    labels: dict[int, str] = {}  # report number -> who published it, for the origins and echoes
    for n, report in enumerate(found.reports, start=1):
        article = page.dv.articles.get(report.article)
        labels[n] = article_label(article) if article is not None else report.article
        reports.append(
            {
                "n": n,
                "report": report,
                "article": article,
                "snippet": snippet(article, report.sentence, report.content),
                "link": _report_link(story_id, report.article, report.sentence.start, report.sentence.end),
            }
        )
    roles = [
        (s, role)
        for s in page.view.sources
        for role in ("originates", "relays", "denies")
        if found.id in getattr(s, role)
    ]
    events = [e for e in page.view.timeline if e.claim == found.id]
    context = {
        "page": page,
        "story_id": story_id,
        "claim": found,
        "provenance": claim_provenance(found),
        "report_labels": labels,
        "reports": reports,
        "roles": roles,
        "events": events,
    }
    return render(request, "claim.html.j2", context)


@router.get("/stories/{story_id}/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request,
    story_id: str,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    page = story_page(state_of(request), story_id)
    found: Article | None = page.dv.articles.get(article_id)
    if found is None or article_id not in page.view.story.articles:
        raise NotFoundError(f"no article {article_id!r} in story {story_id!r}")
    text = found.text
    marked = start is not None and end is not None and 0 <= start < end <= len(text)
    parts = (text[:start], text[start:end], text[end:]) if marked else (text, "", "")  # type: ignore[misc]
    reports = [
        (c, r, _report_link(story_id, r.article, r.sentence.start, r.sentence.end))
        for c in page.view.claims
        for r in c.reports
        if r.article == article_id
    ]
    contribution = next((c for c in page.view.contributions if c.article == article_id), None)
    context = {
        "page": page,
        "story_id": story_id,
        "article": found,
        "parts": parts,
        "marked": marked,
        "reports": reports,
        "contribution": contribution,
    }
    return render(request, "article.html.j2", context)


@router.post("/stories/{story_id}/check", response_class=HTMLResponse)
def check(
    request: Request,
    story_id: str,
    csrf: Annotated[str, Form(max_length=200)],
    claim: Annotated[str, Form(max_length=1000)],
) -> HTMLResponse:
    check_csrf(request, csrf)
    state = state_of(request)
    page = story_page(state, story_id)
    try:
        result = run_check(state, story_id, claim)
    except UsageError as exc:
        context = {"page": page, "story_id": story_id, "claim": claim, "error": str(exc), "results": []}
        return render(request, "check.html.j2", context, status=422)
    results = []
    for entry in result["results"]:
        aid = entry["article"]
        results.append(
            {
                "entry": entry,
                "article": page.dv.articles.get(aid),
                "evidence": [
                    {**e, "link": _report_link(story_id, aid, e["start"], e["end"])}
                    for e in entry["evidence"]
                ],
            }
        )
    context = {
        "page": page,
        "story_id": story_id,
        "claim": result["claim"],
        "results": results,
        "error": None,
    }
    return render(request, "check.html.j2", context)


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html.j2", {"error": None, "form": {}})


@router.post("/add", response_class=HTMLResponse)
def add(
    request: Request,
    csrf: Annotated[str, Form(max_length=200)],
    kind: Annotated[Literal["text", "html", "url"], Form()] = "text",
    body: Annotated[str, Form()] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    check_csrf(request, csrf)
    require_signed_in(request)
    form = {"kind": kind, "body": body, "url": url, "title": title, "outlet": outlet, "published": published}
    given = url.strip() if kind == "url" else body
    meta = {"title": title.strip() or None, "outlet": outlet.strip() or None}
    try:
        item = ArticleIn(
            **{kind: given if given.strip() else None}, published=published.strip() or None, **meta
        )
    except ValueError as exc:
        message = "; ".join(str(e.get("msg", "")) for e in getattr(exc, "errors", lambda: [])()) or str(exc)
        return render(request, "add.html.j2", {"error": message, "form": form}, status=422)
    try:
        result = add_input(state_of(request), item)
    except UsageError as exc:
        return render(request, "add.html.j2", {"error": str(exc), "form": form}, status=422)
    if not result.added:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in result.problems) or "nothing to add"
        return render(request, "add.html.j2", {"error": reasons, "form": form}, status=422)
    first = result.added[0]
    flag = "added" if first.status == "added" else "duplicate"
    target = f"/stories/{quote(first.story, safe='')}?{urlencode({flag: first.article})}"
    return RedirectResponse(target, status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html.j2", {"error": None})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request, csrf: Annotated[str, Form(max_length=200)], token: Annotated[str, Form(max_length=500)]
) -> Response:
    check_csrf(request, csrf)
    state = state_of(request)
    if state.token is None:
        return RedirectResponse("/", status_code=303)
    if not state.token_matches(token.strip()):
        return render(request, "login.html.j2", {"error": "that is not the server's token"}, status=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, session_value(state), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)]) -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- The offline API docs ---------------------------------------------------------------------------


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {_type_of(schema['additionalProperties'])}"
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    return str(kind or "any")


def docs_page(request: Request, spec: dict[str, Any]) -> HTMLResponse:
    """The OpenAPI description as one server-rendered page: nothing loaded from anywhere else."""
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _type_of(p.get("schema", {})),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": [(kind, _type_of(c.get("schema", {}))) for kind, c in body.items()],
                    "responses": [
                        (
                            code,
                            r.get("description", ""),
                            ", ".join(_type_of(c.get("schema", {})) for c in r.get("content", {}).values()),
                        )
                        for code, r in op.get("responses", {}).items()
                    ],
                    "auth": "401" in op.get("responses", {}),
                }
            )
    schemas = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        schemas.append(
            {
                "name": name,
                "description": schema.get("description", ""),
                "fields": [
                    (field, _type_of(s), field in required, s.get("description", ""))
                    for field, s in schema.get("properties", {}).items()
                ],
            }
        )
    context = {"info": spec.get("info", {}), "operations": operations, "schemas": schemas}
    return render(request, "docs.html.j2", context)
