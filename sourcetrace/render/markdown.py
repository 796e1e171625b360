"""The dossier as a Markdown report, one section per story, readable as plain text too.

Article-derived strings pass through ``inline`` (or ``cell`` inside tables): newlines fold to spaces
and the characters that would start markup (``|``, ``*``, ``_``, ``[``, ``<``, ...) are backslash-escaped,
so a title like ``<script>`` or ``A | B`` shows as written and cannot break a table or inject HTML.
Citations are reference links, ``[a1][a3]``, resolved at the end of the report to article anchors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Article, Claim, Dossier, Problem, Report
from .views import (
    VERDICT_LABELS,
    DossierView,
    StoryView,
    anchor,
    article_label,
    claim_provenance,
    story_views,
)

# Only what can start markup mid-line; "(" and "!" are harmless once "[" and "]" are escaped.
# "_" inside a word (snake_case, a1_northgate) cannot open emphasis, so it stays readable unescaped.
_SPECIAL = re.compile(r"([\\`*\[\]<>|~&]|(?<![^\W_])_|_(?![^\W_]))")
_LINE_START = re.compile(r"^(\s*)([-+=#])")
_LINE_START_NUMBER = re.compile(r"^(\s*\d+)([.)])")
DASH = "—"


def inline(text: str | None) -> str:
    """Article text made safe for a Markdown line: one line, markup characters escaped."""
    if not text:
        return ""
    one_line = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", one_line)
    # "- x", "1. x", "# x" or "=== " at the start of a line would turn into lists, quotes or headings.
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return _LINE_START_NUMBER.sub(r"\1\\\2", escaped)


def cell(text: str | None) -> str:
    """A table cell: like ``inline``, with an em dash for empty values."""
    return inline(text) or DASH


def cite(article_ids: Iterable[str]) -> str:
    return "".join(f"[{inline(a)}]" for a in article_ids)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str | None = None) -> list[str]:
    out = ["| " + " | ".join(header) + " |", align or "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def _report_line(n: int, report: Report, articles: dict[str, Article]) -> list[str]:
    article = articles.get(report.article)
    who = ""
    if article is not None:
        title = f"*{inline(article.title)}*" if article.title else ""
        outlet = inline(article.outlet)
        who = f"{title} ({outlet}) " if title and outlet else f"{title or outlet} " if title or outlet else ""
    chain = " → ".join(inline(link.source) for link in report.chain) if report.chain else "own voice"
    headline = " · headline" if report.headline else ""
    kind = f" · {report.kind}" if report.kind != "statement" else ""  # "X says Y" of a view or plan
    return [
        f"{n}. {who}[{inline(report.article)}] · **{report.stance}** · {chain}{kind}{headline}",
        f"   > {inline(report.sentence.text)}",
    ]


def _claim_section(claim: Claim, articles: dict[str, Article]) -> list[str]:
    out = [
        f"#### {inline(claim.id)}: {inline(claim.statement)}",
        "",
        f"**{VERDICT_LABELS.get(claim.verdict, claim.verdict)}** · echoes: {claim.echoes} · "
        f"origins: {', '.join(inline(o) for o in claim.origins) or DASH} · "
        f"denied by: {', '.join(inline(x) for x in claim.denied_by) or DASH}",
        "",
    ]
    if claim.conflicts:
        out.append("Conflicts:")
        out.append("")
        for conflict in claim.conflicts:
            where = (
                f" (reports {', '.join(str(i + 1) for i in conflict.reports)})" if conflict.reports else ""
            )
            out.append(f"- {inline(conflict.kind)}: {inline(conflict.detail)}{where}")
        out.append("")
    out.extend(_origins_lines(claim))
    out.append("Reports:")
    out.append("")
    for n, report in enumerate(claim.reports, start=1):
        out.extend(_report_line(n, report, articles))
    out.append("")
    return out


def _origins_lines(claim: Claim) -> list[str]:
    """Each origin with how it is identified, its relays and the echoes that repeat it."""
    pv = claim_provenance(claim)
    if not (pv.origins or pv.echoes or pv.untraced or pv.questions or pv.topics):
        return []
    out = ["Origins and echoes:", ""]
    for o in pv.origins:
        described = f" ({inline(o.description)})" if o.description and o.description != o.source else ""
        relays = f"; relayed by {', '.join(inline(r) for r in o.relays)}" if o.relays else ""
        reports = ", ".join(str(n) for n in o.reports)
        out.append(f"- **{inline(o.source)}**{described}: origin in report {reports}{relays}")
        out.extend(f"  - echo: report {n}: {inline(why)}" for n, why in o.echoes)
    out.extend(f"- echo: report {n}: {inline(why)}" for n, why in pv.echoes)
    out.extend(f"- untraced (not counted): report {n}: {inline(why)}" for n, why in pv.untraced)
    out.extend(f"- questions it (not counted): report {n}: {inline(who)}" for n, who in pv.questions)
    out.extend(
        f"- speaks of it, states nothing (not counted): report {n}: {inline(who)}" for n, who in pv.topics
    )
    out.append("")
    return out


def _conflicts_cell(claim: Claim) -> str:
    """Conflict kinds with counts ("quantity ×3, actor"); the details are under the claim."""
    kinds: dict[str, int] = {}
    for conflict in claim.conflicts:
        kinds[conflict.kind] = kinds.get(conflict.kind, 0) + 1
    return ", ".join(f"{inline(k)} ×{n}" if n > 1 else inline(k) for k, n in kinds.items()) or DASH


def _claim_refs(ids: Sequence[str]) -> str:
    return ", ".join(inline(i) for i in ids) if ids else DASH


def _story(view: StoryView, dv: DossierView) -> list[str]:
    s = view.story
    counts = view.verdict_counts()
    verdicts = ", ".join(f"{n} {VERDICT_LABELS[v].lower()}" for v, n in counts.items() if n)
    out = [
        f"## {inline(s.title)}",
        "",
        f"Story {inline(s.id)} · {len(view.articles)} article(s) · {len(view.claims)} claim(s)"
        + (f" ({verdicts})" if verdicts else "")
        + f" · {len(view.entities)} entities",
        "",
    ]
    if view.summary:
        out += ["### Summary", ""]
        out += [f"- {inline(text)} {cite(cited)}".rstrip() for text, cited in view.summary]
        out.append("")

    if view.claims:
        out += ["### Claims", ""]
        out += _table(
            ["Claim", "Statement", "Verdict", "Echoes", "Origins", "Denied by", "Conflicts"],
            (
                [
                    cell(c.id),
                    cell(c.statement),
                    VERDICT_LABELS.get(c.verdict, c.verdict),
                    str(c.echoes),
                    ", ".join(inline(o) for o in c.origins) or DASH,
                    ", ".join(inline(x) for x in c.denied_by) or DASH,
                    _conflicts_cell(c),
                ]
                for c in view.claims
            ),
            align="|---|---|---|--:|---|---|---|",
        )
        out.append("")
        out += ["### Claim details", ""]
        for claim in view.claims:
            out += _claim_section(claim, dv.articles)

    if view.sources:
        out += ["### Who said what", ""]
        out += _table(
            ["Source", "Kind", "Originates", "Relays", "Denies"],
            (
                [
                    cell(r.source),
                    r.kind,
                    _claim_refs(r.originates),
                    _claim_refs(r.relays),
                    _claim_refs(r.denies),
                ]
                for r in view.sources
            ),
        )
        out.append("")

    if view.entities:
        out += ["### Entities", ""]
        out += _table(
            ["Name", "Type", "Also written", "Articles"],
            (
                [
                    cell(e.name),
                    cell(e.type),
                    ", ".join(inline(a) for a in e.aliases if a != e.name) or DASH,
                    cite(a for a in e.articles),
                ]
                for e in view.entities
            ),
        )
        out.append("")

    if view.timeline:
        out += ["### Timeline", ""]
        for event in view.timeline:
            ref = f" {cite([event.article])}" if event.article else ""
            about = f" (claim {inline(event.claim)})" if event.claim else ""
            out.append(f"- **{inline(event.date)}** · {event.kind} · {inline(event.text)}{about}{ref}")
        out.append("")

    if view.contributions:
        out += ["### What each article adds", ""]
        for contribution in view.contributions:
            article = dv.articles.get(contribution.article)
            label = article_label(article) if article is not None else contribution.article
            name = f" {inline(label)}" if label != contribution.article else ""
            claims = [
                f"{inline(c)} ({inline(dv.claims[c].statement)})" if c in dv.claims else inline(c)
                for c in contribution.unique_claims
            ]
            names = [
                inline(dv.entities[e].name) if e in dv.entities else inline(e)
                for e in contribution.unique_entities
            ]
            parts = []
            if claims:
                parts.append("claims: " + "; ".join(claims))
            if names:
                parts.append("names: " + ", ".join(names))
            out.append(
                f"- {cite([contribution.article])}{name}: {'; '.join(parts) if parts else 'nothing unique'}"
            )
        out.append("")

    if view.articles:
        out += ["### Articles", ""]
        for article in view.articles:
            out += _article_lines(article)
        out.append("")
    return out


def _article_lines(article: Article) -> list[str]:
    facts = [
        f"*{inline(article.title)}*" if article.title else "",
        inline(article.outlet),
        f"by {inline(article.author)}" if article.author else "",
        inline(article.published),
        inline(article.language),
        f"source: {inline(article.source)}",
    ]
    removed = f" · {len(article.removed)} passage(s) removed in cleaning" if article.removed else ""
    # The explicit anchor is what the [a1] citations point at.
    return [
        f'- <a id="{anchor("article", article.id)}"></a>**{inline(article.id)}** · '
        + " · ".join(f for f in facts if f)
        + removed
    ]


def _problems(problems: Sequence[Problem]) -> list[str]:
    if not problems:
        return []
    out = ["## Problems", "", "Inputs or stages that failed; nothing here made it into the analysis.", ""]
    out += _table(
        ["Source", "Stage", "Reason"], ([cell(p.source), cell(p.stage), cell(p.reason)] for p in problems)
    )
    out.append("")
    return out


def render_markdown(d: Dossier) -> str:
    """A readable report: per story its summary, claims with verdicts and reports, sources, entities,
    timeline and what each article adds; then problems."""
    dv = story_views(d)
    counts = d.verdict_counts()
    verdicts = ", ".join(f"{n} {VERDICT_LABELS[v].lower()}" for v, n in counts.items() if n)
    out = [
        "# sourcetrace dossier",
        "",
        f"{len(d.articles)} article(s) · {len(d.stories)} stories · {len(d.claims)} claim(s)"
        + (f" ({verdicts})" if verdicts else "")
        + (f" · {len(d.problems)} problem(s)" if d.problems else ""),
        "",
    ]
    for view in dv.stories:
        out += _story(view, dv)
    if dv.loose_summary or dv.loose_timeline:
        out += ["## Across stories", ""]
        out += [f"- {inline(text)} {cite(cited)}".rstrip() for text, cited in dv.loose_summary]
        out += [f"- **{inline(e.date)}** · {e.kind} · {inline(e.text)}" for e in dv.loose_timeline]
        out.append("")
    out += _problems(d.problems)
    if d.articles:
        out += [f"[{inline(a.id)}]: #{anchor('article', a.id)}" for a in d.articles]
        out.append("")
    return "\n".join(out)
