"""The typed data model every stage shares.

Everything here is plain, frozen data with character offsets into an article's cleaned ``text``.
spaCy objects, numpy arrays and model handles never appear here: a stage that needs the parse keeps
it to itself and hands on only these records.

Flow::

    RawDocument --clean--> Article --sentences/entities--> Sentence, Mention
        --claims--> Attribution, Report --align--> Claim --verdicts--> Claim (with verdict)
        --stories/provenance--> Story, Provenance, TimelineEvent --> Dossier
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["asserts", "hedges", "denies", "questions"]
Verdict = Literal["corroborated", "single_origin", "contested", "denied"]
SourceKind = Literal["person", "organisation", "outlet", "unnamed", "document", "other"]
# What a report holds (docs/claims.md): a statement of fact, or a source's view, intention or
# characterisation of someone, each a claim of the kind "X says Y".
ReportKind = Literal["statement", "view", "intention", "characterisation"]

STANCES: tuple[Stance, ...] = ("asserts", "hedges", "denies", "questions")
REPORT_KINDS: tuple[ReportKind, ...] = ("statement", "view", "intention", "characterisation")
VERDICTS: tuple[Verdict, ...] = ("corroborated", "single_origin", "contested", "denied")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's cleaned text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """An input or stage that failed; recorded, never silently dropped."""

    source: str
    reason: str
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class Removed:
    """Something cleaning took out of an article, with the reason."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found in one input, before cleaning."""

    source: str
    content: str
    kind: Literal["text", "html"] = "text"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named thing in one article, with the entity it resolves to once entities are merged."""

    article: str
    start: int
    end: int
    text: str
    type: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as an interval, so that "more than a hundred" and "100" can be compared honestly."""

    text: str
    low: float
    high: float
    unit: str | None = None
    per: str | None = None  # a rate: "month" for "100 drones per month"
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    resolved: str | None  # ISO date when it could be resolved against the article's date
    relation: Literal["on", "by", "before", "after", "around"] = "on"


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One source in an attribution chain: ``Der Spiegel`` (outlet) or ``unnamed sources``."""

    source: str
    kind: SourceKind
    entity: str | None = None
    cue: str | None = None

    @property
    def named(self) -> bool:
        return self.kind not in ("unnamed", "document")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what in one article: the cue, its source (if written) and the content it governs.

    ``chain`` is the full chain of sources, outermost first, after resolving descriptions
    ("the magazine"), pronouns and nesting ("X told CNN").
    """

    article: str
    cue: Span
    content: Span
    source: Span | None
    chain: tuple[ChainLink, ...]
    stance: Stance = "asserts"
    carried: bool = False  # the sentence has no cue of its own; its source was carried over


@dataclass(frozen=True, slots=True)
class Report:
    """One place an article states, hedges, denies or questions a proposition."""

    article: str
    sentence: Span
    content: Span
    stance: Stance
    chain: tuple[ChainLink, ...]
    entities: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    predicate: str | None = None  # lemma of the main verb of the content
    obj: str | None = None  # head lemma of its object, when it has one
    subject: str | None = None  # entity id (or head lemma) of the content's subject
    headline: bool = False
    kind: ReportKind = "statement"
    clause: bool = False  # one clause of a longer sentence, reported beside it (docs/claims.md)
    # What is said about is a thing, not a proposition ("confirmed the messages", "questions about it"):
    # shown with its source, never an origin of the claim it sits in (docs/verdicts.md).
    topic: bool = False


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str
    detail: str
    reports: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Trace:
    """One report's place in its claim's provenance: an origin, an echo of one, untraced, a denial, or a
    report that only questions the claim (neither counts towards it nor denies it).

    ``source`` is the identified source's label ("Der Spiegel"), ``description`` how the text identifies
    it ("a source close to the minister, via Der Spiegel"), ``why`` the rule that decided ``role``.
    """

    report: int
    article: str
    role: Literal["origin", "echo", "untraced", "denial", "question", "topic"]
    source: str | None = None
    description: str = ""
    relays: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    story: str
    statement: str
    reports: tuple[Report, ...]
    origins: tuple[str, ...] = ()
    echoes: int = 0
    denied_by: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    verdict: Verdict = "single_origin"
    traces: tuple[Trace, ...] = ()  # one per report, from the independence rules (verdicts)


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    claims: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # "cites", "relays", "denies", "copies"
    claims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    kind: str  # "article", "outlet", "person", "organisation", "unnamed"
    article: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str
    kind: Literal["published", "event", "first_report"]  # first_report: who reported a claim first
    text: str
    article: str | None = None
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleContribution:
    """What one article adds that no other article in its story has."""

    article: str
    unique_claims: tuple[str, ...]
    unique_entities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dossier:
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    provenance: Provenance = field(default_factory=Provenance)
    timeline: tuple[TimelineEvent, ...] = ()
    contributions: tuple[ArticleContribution, ...] = ()
    summary: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (sentence, cited article ids)
    problems: tuple[Problem, ...] = ()

    def verdict_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for claim in self.claims:
            counts[claim.verdict] += 1
        return counts
