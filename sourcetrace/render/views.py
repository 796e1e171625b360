"""Views of a dossier shared by the Markdown and HTML reports (and the web pages): who said what, story
by story, so that every report says the same thing. ``sourcetrace.render`` re-exports them.

They live apart from the package's ``render`` dispatcher, which imports the format modules, so that
the format modules can import them without an import circle.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import (
    VERDICTS,
    Article,
    ArticleContribution,
    ChainLink,
    Claim,
    Dossier,
    Edge,
    Entity,
    Node,
    Span,
    Story,
    TimelineEvent,
)
from ..outlets import display_name as article_label  # one name for a publisher, everywhere

VERDICT_LABELS: dict[str, str] = {
    "corroborated": "Corroborated",
    "single_origin": "Single origin",
    "contested": "Contested",
    "denied": "Denied",
}

OWN_VOICE = "own voice"
_BREAKS = re.compile(r"[ \t]*\n\s*")
ARROW = " → "




def chain_text(chain: Sequence[ChainLink]) -> str:
    """``Der Spiegel → unnamed sources``; an empty chain is the article's own voice."""
    return ARROW.join(link.source for link in chain) if chain else OWN_VOICE


def anchor(prefix: str, ident: str) -> str:
    """A stable fragment id for an article, claim or story id, safe in HTML and Markdown.

    Ids that are not already plain get a short hash so that ``a 1`` and ``a-1`` stay distinct.
    """
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ident).strip("-")
    if slug != ident or not slug:
        slug = f"{slug}-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:8]}".lstrip("-")
    return f"{prefix}-{slug}"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A stretch of article text around a sentence, split so the sentence (and its content) can be marked."""

    before: str
    sentence_before: str
    content: str
    sentence_after: str
    after: str
    clipped_start: bool
    clipped_end: bool


def snippet(
    article: Article | None, sentence: Span, content: Span | None = None, context: int = 180
) -> Snippet:
    """The sentence in its surroundings; the sentence alone when its offsets do not match the text."""
    text = article.text if article is not None else ""
    start, end = sentence.start, sentence.end
    if not (0 <= start <= end <= len(text) and text[start:end] == sentence.text):
        found = text.find(sentence.text) if sentence.text else -1
        if found < 0:
            return Snippet("", sentence.text, "", "", "", False, False)
        start, end = found, found + len(sentence.text)
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    # Cut the context at word boundaries so it does not start or end mid-word.
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else end
    s_before, s_content, s_after = text[start:end], "", ""
    if content is not None and (content.start, content.end) != (start, end):
        c_start, c_end = content.start - start, content.end - start
        if 0 <= c_start < c_end <= end - start and text[content.start : content.end] == content.text:
            s_before, s_content, s_after = text[start : content.start], content.text, text[content.end : end]
    # Paragraph breaks in the context read as one line break; the sentence itself is left exactly as written.
    before, after = _BREAKS.sub("\n", text[lo:start]), _BREAKS.sub("\n", text[end:hi])
    return Snippet(before, s_before, s_content, s_after, after, lo > 0, hi < len(text))


@dataclass(slots=True)
class SourceRoles:
    """What one source does across a story's claims."""

    source: str
    kind: str
    originates: list[str] = field(default_factory=list)
    relays: list[str] = field(default_factory=list)
    denies: list[str] = field(default_factory=list)


def who_said_what(claims: Sequence[Claim], articles: dict[str, Article]) -> list[SourceRoles]:
    """Per source, the claims it originates, relays and denies; a source's strongest role per claim wins.

    Articles count as sources too (under their outlet): an article that attributes a claim relays it, one
    that states it in its own voice originates it if the verdict stage counted it as an origin.
    """
    rank = {"originates": 0, "denies": 1, "relays": 2}
    roles: dict[str, dict[str, str]] = defaultdict(dict)  # source -> claim id -> role
    kinds: dict[str, str] = {}

    def note(source: str, kind: str, claim: Claim, role: str) -> None:
        # An outlet that is both an article's publisher and a cited source is shown with its cited kind.
        if source not in kinds or (
            kinds[source] in ("article", "other") and kind not in ("article", "other")
        ):
            kinds[source] = kind
        current = roles[source].get(claim.id)
        if current is None or rank[role] < rank[current]:
            roles[source][claim.id] = role

    for claim in claims:
        origins = set(claim.origins)
        for report in claim.reports:
            article = articles.get(report.article)
            label = article_label(article) if article is not None else report.article
            if not report.chain:
                if report.stance == "denies":
                    note(label, "article", claim, "denies")
                else:
                    note(label, "article", claim, "originates" if label in origins else "relays")
                continue
            note(label, "article", claim, "relays")
            for n, link in enumerate(report.chain):
                innermost = n == len(report.chain) - 1
                if report.stance == "denies" and (innermost or link.source in claim.denied_by):
                    role = "denies"
                elif link.source in origins and report.stance != "denies":
                    role = "originates"
                else:
                    role = "relays"
                note(link.source, link.kind, claim, role)
        for name in claim.origins:
            note(name, "other", claim, "originates")
        for name in claim.denied_by:
            note(name, "other", claim, "denies")

    out: list[SourceRoles] = []
    for source, by_claim in roles.items():
        entry = SourceRoles(source, kinds[source])
        for claim in claims:
            found = by_claim.get(claim.id)
            if found is not None:
                getattr(entry, found).append(claim.id)
        out.append(entry)
    out.sort(
        key=lambda s: (-len(s.originates), -len(s.denies), -len(s.relays), s.source.casefold(), s.source)
    )
    return out


@dataclass(slots=True)
class OriginView:
    """One independent origin of a claim: how the text identifies it, its relays and the reports that
    only echo it (report numbers count from 1, as the reports are listed)."""

    source: str
    description: str
    relays: list[str] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)
    echoes: list[tuple[int, str]] = field(default_factory=list)  # (report number, why)


@dataclass(slots=True)
class ClaimProvenance:
    origins: list[OriginView]
    echoes: list[tuple[int, str]]  # own-voice and copied reports that repeat the claim's origins
    untraced: list[tuple[int, str]]  # shown, never counted
    questions: list[tuple[int, str]] = field(default_factory=list)  # reports that only question it
    topics: list[tuple[int, str]] = field(default_factory=list)  # speak of what it is about, state nothing


def claim_provenance(claim: Claim) -> ClaimProvenance:
    """The claim's origins with their relays and the echoes that repeat each, from its traces."""
    by_source: dict[str, OriginView] = {}
    for t in claim.traces:
        if t.role == "origin" and t.source:
            view = by_source.setdefault(t.source, OriginView(t.source, t.description))
            view.reports.append(t.report + 1)
            view.relays.extend(r for r in t.relays if r not in view.relays and r != t.source)
    loose: list[tuple[int, str]] = []
    untraced: list[tuple[int, str]] = []
    for t in claim.traces:
        if t.role == "echo" and t.source in by_source:
            view = by_source[t.source or ""]
            view.echoes.append((t.report + 1, t.why))
            view.relays.extend(r for r in t.relays if r not in view.relays and r != t.source)
        elif t.role == "echo":
            loose.append((t.report + 1, t.why))
        elif t.role == "untraced":
            untraced.append((t.report + 1, t.description or t.why))
    questions = [(t.report + 1, t.source or t.why) for t in claim.traces if t.role == "question"]
    topics = [(t.report + 1, t.source or t.why) for t in claim.traces if t.role == "topic"]
    return ClaimProvenance(list(by_source.values()), loose, untraced, questions, topics)


def sort_claims(claims: Iterable[Claim]) -> list[Claim]:
    """Most echoed first, then most independent origins; otherwise the dossier's own order."""
    return sorted(claims, key=lambda c: (-c.echoes, -len(c.origins)))


@dataclass(slots=True)
class StoryView:
    """Everything in the dossier that belongs to one story, in a stable order."""

    story: Story
    articles: list[Article]
    claims: list[Claim]  # by echoes, then origins
    entities: list[Entity]
    summary: list[tuple[str, tuple[str, ...]]]
    timeline: list[TimelineEvent]
    contributions: list[ArticleContribution]
    nodes: list[Node]
    edges: list[Edge]
    sources: list[SourceRoles]

    def verdict_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for claim in self.claims:
            counts[claim.verdict] = counts.get(claim.verdict, 0) + 1
        return counts


@dataclass(slots=True)
class DossierView:
    stories: list[StoryView]
    articles: dict[str, Article]
    claims: dict[str, Claim]
    entities: dict[str, Entity]
    # Whatever cites no article of any story, so that nothing is left out of the report.
    loose_summary: list[tuple[str, tuple[str, ...]]]
    loose_timeline: list[TimelineEvent]


UNASSIGNED_STORY = "(no story)"


def story_views(d: Dossier) -> DossierView:
    """Split the dossier by story; articles and claims outside every story get a story of their own."""
    articles = {a.id: a for a in d.articles}
    claims_by_id = {c.id: c for c in d.claims}
    stories = list(d.stories)
    in_story_articles = {a for s in stories for a in s.articles}
    in_story_claims = {c for s in stories for c in s.claims}
    story_ids = {s.id for s in stories}
    loose_articles = tuple(a.id for a in d.articles if a.id not in in_story_articles)
    loose_claims = tuple(c.id for c in d.claims if c.id not in in_story_claims and c.story not in story_ids)
    if loose_articles or loose_claims:
        stories.append(Story(UNASSIGNED_STORY, "Not assigned to a story", loose_articles, loose_claims))

    story_of_article: dict[str, str] = {}
    for s in stories:
        for a in s.articles:
            story_of_article.setdefault(a, s.id)
    story_of_claim: dict[str, str] = {}
    for c in d.claims:
        if c.story in story_ids:
            story_of_claim[c.id] = c.story
    for s in stories:
        for cid in s.claims:
            story_of_claim.setdefault(cid, s.id)

    def story_for(article: str | None, claim: str | None) -> str | None:
        if claim is not None and claim in story_of_claim:
            return story_of_claim[claim]
        if article is not None:
            return story_of_article.get(article)
        return None

    summary: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    loose_summary: list[tuple[str, tuple[str, ...]]] = []
    for text, cited in d.summary:
        votes = [story_of_article[a] for a in cited if a in story_of_article]
        if votes:
            # The story most of its citations belong to; ties go to the first cited.
            best = max(dict.fromkeys(votes), key=votes.count)
            summary[best].append((text, cited))
        else:
            loose_summary.append((text, cited))

    timeline: dict[str, list[TimelineEvent]] = defaultdict(list)
    loose_timeline: list[TimelineEvent] = []
    for event in d.timeline:
        sid = story_for(event.article, event.claim)
        (timeline[sid] if sid is not None else loose_timeline).append(event)

    views: list[StoryView] = []
    for s in stories:
        member_articles = set(s.articles)
        story_claims = [c for c in d.claims if story_of_claim.get(c.id) == s.id]
        story_claim_ids = {c.id for c in story_claims}
        nodes, edges = subgraph(d.provenance.nodes, d.provenance.edges, member_articles, story_claim_ids)
        views.append(
            StoryView(
                story=s,
                articles=[articles[a] for a in s.articles if a in articles],
                claims=sort_claims(story_claims),
                entities=[e for e in d.entities if member_articles.intersection(e.articles)],
                summary=summary.get(s.id, []),
                timeline=timeline.get(s.id, []),
                contributions=[c for c in d.contributions if c.article in member_articles],
                nodes=nodes,
                edges=edges,
                sources=who_said_what(story_claims, articles),
            )
        )
    return DossierView(
        stories=views,
        articles=articles,
        claims=claims_by_id,
        entities={e.id: e for e in d.entities},
        loose_summary=loose_summary,
        loose_timeline=loose_timeline,
    )


def subgraph(
    nodes: Sequence[Node], edges: Sequence[Edge], articles: set[str], claims: set[str]
) -> tuple[list[Node], list[Edge]]:
    """The part of the provenance graph one story uses: its article nodes and what its claims run through."""
    by_id = {n.id: n for n in nodes}
    keep_edges: list[Edge] = []
    keep: set[str] = {n.id for n in nodes if n.kind == "article" and n.article in articles}
    for edge in edges:
        if edge.claims:
            if claims.intersection(edge.claims):
                keep_edges.append(edge)
        elif edge.source in keep and edge.target in keep:
            keep_edges.append(edge)  # "copies" between the story's own articles
    for edge in keep_edges:
        keep.add(edge.source)
        keep.add(edge.target)
    ordered = [n for n in nodes if n.id in keep]
    # An edge may name a node the graph does not list; draw it under its id rather than drop the edge.
    for ident in sorted(keep - by_id.keys()):
        ordered.append(Node(ident, ident, "other"))
    return ordered, keep_edges
