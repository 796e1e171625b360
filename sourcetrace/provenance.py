"""Provenance: who cites whom, what happened when, what each article adds, and a cited summary.

Requires judged claims, articles, stories and entities; adds the ``Provenance`` graph, the timeline,
per-article contributions and summary sentences, each of which cites the articles it rests on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .model import (
    Article,
    ArticleContribution,
    Claim,
    Edge,
    Entity,
    Mention,
    Node,
    Provenance,
    Story,
    TimelineEvent,
)
from .outlets import display_name as article_label
from .sources import copied_passages, sentence_spans


def _node_id(label: str, entity: str | None) -> str:
    return entity or "src-" + (re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "unnamed")


def build_provenance(
    claims: Sequence[Claim], articles: Sequence[Article], stories: Sequence[Story]
) -> Provenance:
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for article in articles:
        nodes[f"article:{article.id}"] = Node(
            f"article:{article.id}", article_label(article), "article", article.id
        )
    for claim in claims:
        for report in claim.reports:
            previous = f"article:{report.article}"
            for n, link in enumerate(report.chain):
                nid = _node_id(link.source, link.entity)
                nodes.setdefault(nid, Node(nid, link.source, link.kind))
                kind = "denies" if report.stance == "denies" and n == len(report.chain) - 1 else "cites"
                if n > 0 or kind == "cites":
                    edges[(previous, nid, "cites" if n == 0 else "relays")].add(claim.id)
                else:
                    edges[(previous, nid, "cites")].add(claim.id)
                previous = nid
    by_id = {a.id: a for a in articles}
    for story in stories:
        for group in story.duplicates:
            first = group[0]
            for other in group[1:]:
                edges[(f"article:{other}", f"article:{first}", "copies")].add("")
        _passage_copies(story, by_id, claims, nodes, edges)
    return Provenance(
        nodes=tuple(sorted(nodes.values(), key=lambda n: (n.kind != "article", n.id))),
        edges=tuple(
            Edge(a, b, k, tuple(sorted(c for c in cs if c))) for (a, b, k), cs in sorted(edges.items())
        ),
    )


def _passage_copies(
    story: Story,
    articles: Mapping[str, Article],
    claims: Sequence[Claim],
    nodes: dict[str, Node],
    edges: dict[tuple[str, str, str], set[str]],
) -> None:
    """Each passage an article shares with an earlier one: ``article --copies passage--> passage --first
    appears in--> earlier article``, plus one ``copies`` edge between the two articles, each with the
    claims whose reports sit in the copied sentence."""
    members = [articles[a] for a in story.articles if a in articles]
    copied = copied_passages(members)
    if not copied:
        return
    texts = {(a.id, start): sentence for a in members for start, sentence in sentence_spans(a.text)}
    for (later, start), (first, first_start) in sorted(copied.items()):
        pid = f"passage:{first}:{first_start}"
        text = texts.get((first, first_start), "")
        nodes.setdefault(pid, Node(pid, "“" + _clip(text) + "”", "passage", first))
        on = {
            c.id
            for c in claims
            for r in c.reports
            if r.article == later and r.sentence.start <= start < r.sentence.end
        }
        # Only dates show who copied whom; without them the graph says the text is shared, not copied.
        dated = _earlier(articles[first], articles[later])
        kinds = ("copies", "copies passage", "first appears in")
        if not dated:
            kinds = ("shares text with", "shares passage", "also appears in")
        edges[(f"article:{later}", f"article:{first}", kinds[0])].update(on or {""})
        edges[(f"article:{later}", pid, kinds[1])].update(on or {""})
        edges[(pid, f"article:{first}", kinds[2])].update(on or {""})


def _earlier(first: Article, later: Article) -> bool:
    return bool(first.published and later.published and first.published[:10] < later.published[:10])


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split()).strip("“”\"'‘’ ")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(claims: Sequence[Claim], articles: Sequence[Article]) -> tuple[TimelineEvent, ...]:
    events: list[TimelineEvent] = []
    for article in articles:
        if article.published:
            events.append(
                TimelineEvent(
                    article.published[:10],
                    "published",
                    f"{article_label(article)} publishes “{article.title or article.id}”",
                    article.id,
                )
            )
    seen: set[tuple[str, str]] = set()
    for claim in claims:
        for report in claim.reports:
            for date in report.dates:
                if not date.resolved or (date.resolved, claim.id) in seen:
                    continue
                seen.add((date.resolved, claim.id))
                prefix = {"by": "deadline: ", "before": "before: ", "after": "after: "}.get(date.relation, "")
                events.append(
                    TimelineEvent(date.resolved, "event", prefix + claim.statement, report.article, claim.id)
                )
    events.extend(_first_reports(claims, {a.id: a for a in articles}))
    events.sort(key=lambda e: (e.date, e.kind != "published", e.text))
    return tuple(events)


def _first_reports(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[TimelineEvent]:
    """For a claim reported by several dated articles, who reported it first (ties are all named)."""
    out: list[TimelineEvent] = []
    for claim in claims:
        dated = {
            r.article: articles[r.article].published or ""
            for r in claim.reports
            if r.stance in ("asserts", "hedges") and r.article in articles
        }
        if len(dated) < 2 or not all(dated.values()):
            continue  # with an undated report, who was first is not known
        first_day = min(d[:10] for d in dated.values())
        first = sorted(a for a, d in dated.items() if d[:10] == first_day)
        if len(first) == len(dated):
            continue  # all on one day: no order to show
        names = " and ".join(dict.fromkeys(article_label(articles[a]) for a in first))
        text = f"first reported by {names}: {claim.statement}"
        out.append(TimelineEvent(first_day, "first_report", text, first[0], claim.id))
    return out


def contributions(
    stories: Sequence[Story], claims: Sequence[Claim], mentions: Sequence[Mention], entities: Sequence[Entity]
) -> tuple[ArticleContribution, ...]:
    """What each article adds that no other article of its story has: claims and named things."""
    by_article_entities: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.entity:
            by_article_entities[m.article].add(m.entity)
    out: list[ArticleContribution] = []
    claims_by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        claims_by_story[c.story].append(c)
    for story in stories:
        for article in story.articles:
            unique_claims = tuple(
                c.id for c in claims_by_story[story.id] if {r.article for r in c.reports} == {article}
            )
            others = (
                set().union(*(by_article_entities[a] for a in story.articles if a != article))
                if len(story.articles) > 1
                else set()
            )
            unique_entities = tuple(sorted(by_article_entities[article] - others))
            out.append(ArticleContribution(article, unique_claims, unique_entities))
    return tuple(out)


def summarise(
    stories: Sequence[Story], claims: Sequence[Claim], articles: Mapping[str, Article], per_story: int = 5
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Summary sentences per story, most echoed claims first; every sentence cites its articles."""
    sentences: list[tuple[str, tuple[str, ...]]] = []
    by_id = {c.id: c for c in claims}
    for story in stories:
        story_claims = [by_id[c] for c in story.claims if c in by_id and by_id[c].echoes]
        ranked = sorted(story_claims, key=lambda c: (-c.echoes, -len(c.origins), c.id))
        for claim in ranked[:per_story]:
            cited = tuple(dict.fromkeys(r.article for r in claim.reports))
            sentences.append((_summary_sentence(claim), cited))
    return tuple(sentences)


_COMMON_OPENERS = frozenset(
    "the a an it its this that these those they their there some if such however".split()
)


def _summary_sentence(claim: Claim) -> str:
    statement = claim.statement.rstrip(".")
    first = statement.split(" ", 1)[0]
    if first.lower() in _COMMON_OPENERS:
        statement = statement[:1].lower() + statement[1:]
    count = "One article reports" if claim.echoes == 1 else f"{claim.echoes} articles report"
    origins = ", ".join(claim.origins) or "no named source"
    if claim.verdict == "denied":
        verb = "denies" if len(claim.denied_by) == 1 else "deny"
        return f"{count} that {statement}; {', '.join(claim.denied_by)} {verb} it."
    if claim.verdict == "contested":
        kinds = ", ".join(sorted({c.kind for c in claim.conflicts}))
        return f"{count} that {statement}, but the versions conflict ({kinds}); origins: {origins}."
    if claim.verdict == "corroborated":
        return f"{count} that {statement}, from {len(claim.origins)} independent origins ({origins})."
    if claim.echoes > 1:
        return f"{count} that {statement}; all of them trace back to {origins}."
    return f"{count} that {statement}, citing {origins}."
