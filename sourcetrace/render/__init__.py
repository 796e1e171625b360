"""Render a ``Dossier`` as JSON (the contract), Markdown (a readable report) or HTML (a self-contained page).

    >>> from sourcetrace.render import render, format_for_path
    >>> render(dossier, format_for_path("out.html"))        # doctest: +SKIP

Each format has one function over the finished ``Dossier``; they return text and never write files.
The Markdown and HTML reports look at the dossier story by story; the grouping they share
(``story_views``, ``who_said_what``, ``chain_text``, ...) lives in ``views.py`` (re-exported here) so
both say the same thing.
The format modules are imported on first use, so ``import sourcetrace.render`` does not load jinja2.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal, get_args

from ..errors import UsageError
from ..model import Dossier
from .views import (
    ARROW,
    OWN_VOICE,
    UNASSIGNED_STORY,
    VERDICT_LABELS,
    DossierView,
    Snippet,
    SourceRoles,
    StoryView,
    anchor,
    article_label,
    chain_text,
    claim_provenance,
    snippet,
    sort_claims,
    story_views,
    subgraph,
    who_said_what,
)

Format = Literal["json", "markdown", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)

EXTENSIONS: dict[str, Format] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

def render(d: Dossier, fmt: Format) -> str:
    """The dossier as text in one of ``FORMATS``."""
    if fmt == "json":
        from .jsonout import dossier_to_json

        return dossier_to_json(d)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(d)
    if fmt == "html":
        from .html import render_html

        return render_html(d)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")


def format_for_path(path: str | PurePath) -> Format:
    """The format an output path asks for, by its extension (case-insensitive)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    valid = ", ".join(EXTENSIONS)
    shown = f"extension {suffix!r}" if suffix else "no extension"
    raise UsageError(
        f"{path}: cannot tell the output format from {shown}; use one of {valid}, or pass --format"
    )


_LAZY = {
    "dossier_to_dict": "jsonout",
    "dossier_to_json": "jsonout",
    "dossier_from_dict": "jsonout",
    "render_markdown": "markdown",
    "render_html": "html",
    "provenance_svg": "svg",
}


def __getattr__(name: str) -> object:
    # The format functions load on first use so that importing the package stays light (no jinja2).
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ARROW",
    "EXTENSIONS",
    "FORMATS",
    "OWN_VOICE",
    "UNASSIGNED_STORY",
    "VERDICT_LABELS",
    "DossierView",
    "Format",
    "Snippet",
    "SourceRoles",
    "StoryView",
    "anchor",
    "article_label",
    "chain_text",
    "claim_provenance",
    "dossier_from_dict",
    "dossier_to_dict",
    "dossier_to_json",
    "format_for_path",
    "provenance_svg",
    "render",
    "render_html",
    "render_markdown",
    "snippet",
    "sort_claims",
    "story_views",
    "subgraph",
    "who_said_what",
]
