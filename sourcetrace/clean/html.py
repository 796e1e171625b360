"""HTML: trafilatura finds the body and the metadata; we keep its markup kinds as paragraphs.

The options passed to trafilatura are data (``TRAFILATURA_OPTIONS``) so that the extraction eval can
measure them like any cleaning rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .metadata import parse_date
from .text import Paragraph, _paragraphs_from_text, _squash

# What we ask of trafilatura. Tables are kept (a table of figures can be the story); comments are not
# the article. Each option is measured like a rule in ``eval/extraction.py --options``.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_recall": False,
    # Measured (docs/extraction.md): helps on two of five dev folds and on extraction2, costs 0.0003
    # on one fold.
    "favor_precision": True,
}


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the HTML stage hands to the rules: body paragraphs and the page's metadata."""

    paragraphs: list[Paragraph]
    description: str | None
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    url: str | None


def extract_html(html: str, url: str | None, options: dict[str, Any] | None = None) -> Extracted:
    """Body paragraphs (with their markup kind) and metadata from trafilatura.

    ``options`` replaces ``TRAFILATURA_OPTIONS`` (the extraction eval measures them).
    """
    import trafilatura

    chosen = TRAFILATURA_OPTIONS if options is None else options
    document: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, **chosen)
    if document is None or getattr(document, "body", None) is None:
        return Extracted(_fallback_paragraphs(html), None, None, None, None, None, url)
    paragraphs = _body_paragraphs(document.body)
    sitename = (document.sitename or "").strip() or None
    return Extracted(
        paragraphs=paragraphs,
        description=(document.description or "").strip() or None,
        title=(document.title or "").strip() or None,
        author=(document.author or "").strip() or None,
        published=parse_date(document.date),
        outlet=sitename,
        url=document.url or url,
    )


def _body_paragraphs(body: Any) -> list[Paragraph]:
    """Paragraphs of trafilatura's XML body: ``p``, ``head``, list ``item``, ``quote``, table rows.

    A line break (``<lb/>``) inside a block starts a new paragraph of the same block, and text
    standing between blocks (an element's tail) is a paragraph of its own.
    """
    out: list[Paragraph] = []

    def inline_text(element: Any) -> str:
        parts: list[str] = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag == "lb":
                parts.append("\n")
            elif isinstance(child.tag, str):
                parts.append(inline_text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def add(text: str | None, *, heading: bool = False, kind: str = "p") -> None:
        lines = [_squash(line) for line in (text or "").split("\n")]
        lines = [line for line in lines if line]
        for line in lines:
            out.append(Paragraph(line, alone=len(lines) == 1, heading=heading, kind=kind))

    block_tags = {"list", "table", "p", "quote", "head", "div", "code"}

    def walk(element: Any) -> None:
        add(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("p", "head", "quote", "code") and not any(
                isinstance(c.tag, str) and c.tag in block_tags for c in child
            ):
                add(inline_text(child), heading=tag == "head", kind=tag)
            elif tag == "list":
                for item in child:
                    if isinstance(item.tag, str) and item.tag == "item":
                        add(inline_text(item), kind="item")
                    add(item.tail)
            elif tag == "table":
                for row in child.iter("row"):
                    cells = [_squash(" ".join(inline_text(cell).split())) for cell in row]
                    add(" | ".join(cell for cell in cells if cell), kind="cell")
            elif tag in block_tags:
                walk(child)
            elif tag == "lb":
                pass
            else:
                add(inline_text(child))
            add(child.tail)

    walk(body)
    return out


def _fallback_paragraphs(html: str) -> list[Paragraph]:
    """When trafilatura finds no body, the page's visible text, so that nothing is lost silently."""
    from ..ingest import html_fragment_to_text

    text = html_fragment_to_text(html)
    return _paragraphs_from_text(text)

