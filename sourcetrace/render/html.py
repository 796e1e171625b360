"""The dossier as one self-contained HTML page: inline CSS, a little inline JS, an inline SVG graph per story.

Nothing is fetched: no CDN, fonts or images, and a Content-Security-Policy in the page says so to the
browser (``default-src 'none'``; the page's own style and script are allowed by their hashes, so even a
string that escaped escaping could not run as script). Every article-derived string goes through
jinja2's autoescaping; the SVG is built by ``svg.py``, which escapes its own labels. The claims table is
sortable and filterable with the JS; without it the page reads top to bottom with the same content.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import VERDICTS, Article, Claim, Dossier, Node, Report
from .svg import legend_items, provenance_svg
from .views import (
    OWN_VOICE,
    VERDICT_LABELS,
    StoryView,
    anchor,
    article_label,
    claim_provenance,
    snippet,
    story_views,
)

TEMPLATES = Path(__file__).parent / "templates"

VERDICT_SYMBOLS = {"corroborated": "✓", "single_origin": "●", "contested": "!", "denied": "✕"}


def _article_facts(article: Article) -> list[str]:
    facts = [
        article.outlet,
        f"by {article.author}" if article.author else None,
        article.published,
        article.language,
    ]
    return [f for f in facts if f]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        anchor=anchor,
        article_label=article_label,
        verdict_label=lambda v: VERDICT_LABELS.get(v, v),
        verdict_symbol=lambda v: VERDICT_SYMBOLS.get(v, "?"),
        own_voice=OWN_VOICE,
        verdicts=VERDICTS,
        article_facts=_article_facts,
    )
    return env


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, str]:
    """The page's CSS and JS (static files, no data in them) and the CSP that allows exactly them."""
    css = (TEMPLATES / "dossier.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "dossier.js").read_text(encoding="utf-8")

    def digest(text: str) -> str:
        return (
            "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
        )

    csp = (
        f"default-src 'none'; style-src {digest(css)}; script-src {digest(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return Markup(css), Markup(js), csp


def _graph(view: StoryView) -> Markup:
    def href(node: Node) -> str | None:
        return f"#{anchor('article', node.article)}" if node.article else None

    title = f"Provenance graph: who cites whom in “{view.story.title}”"
    return Markup(
        provenance_svg(
            view.nodes, view.edges, id_prefix=anchor("graph", view.story.id), title=title, href=href
        )
    )


def _report_context(report: Report, articles: dict[str, Article]) -> dict[str, object]:
    article = articles.get(report.article)
    return {
        "report": report,
        "article": article,
        "snippet": snippet(article, report.sentence, report.content),
    }


def _claim_context(claim: Claim, articles: dict[str, Article]) -> dict[str, object]:
    kinds: dict[str, int] = {}
    for conflict in claim.conflicts:
        kinds[conflict.kind] = kinds.get(conflict.kind, 0) + 1
    return {
        "claim": claim,
        "reports": [_report_context(r, articles) for r in claim.reports],
        "conflict_kinds": kinds,
        "articles": list(dict.fromkeys(r.article for r in claim.reports)),
        "provenance": claim_provenance(claim),
    }


def render_html(d: Dossier) -> str:
    """One self-contained HTML page for the whole dossier, story by story."""
    dv = story_views(d)
    css, js, csp = _assets()
    stories = [
        {
            "view": view,
            "claims": [_claim_context(c, dv.articles) for c in view.claims],
            "graph": _graph(view) if view.nodes else None,
            "legend": legend_items(view.edges),
            "counts": view.verdict_counts(),
            "origins": len({o for c in view.claims for o in c.origins}),
            "labels": {n.id: n.label for n in view.nodes},
        }
        for view in dv.stories
    ]
    template = _environment().get_template("dossier.html.j2")
    return template.render(
        dossier=d,
        dv=dv,
        stories=stories,
        counts=d.verdict_counts(),
        css=css,
        js=js,
        csp=csp,
    )
