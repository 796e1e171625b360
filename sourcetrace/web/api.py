"""The REST API: JSON over the store, under ``/api``.

    GET  /api                          health: version, story count, whether the models are ready
    GET  /api/stories                  every story with its counts and last update
    GET  /api/stories/{id}             the story's dossier: the JSON contract (sourcetrace.dossier/1)
    POST /api/articles                 add an article: {"text"} | {"html"} | {"url"}     (bearer token)
    POST /api/stories/{id}/check       each article's stance towards {"claim"}
    GET  /docs, /openapi.json          the API described, offline (no CDN; ``app.py``)

Every error has one JSON shape (``errors.py``); writes need the bearer token when one is configured
(``security.py``). The work behind the routes is shared with the web pages (``state.py``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..codec import problem_to_dict
from .errors import ERROR_CODES, error_body
from .security import require_writer
from .state import MAX_CLAIM, ArticleIn, add_input, run_check, state_of

router = APIRouter(prefix="/api")


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
        "problems": [problem_to_dict(p) for p in result.problems],
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
