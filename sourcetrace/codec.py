"""One serialiser per record: ``to_dict``/``from_dict`` between the model and plain JSON-ready data.

The JSON forms are those of the dossier contract (``shared/spec/dossier.schema.json``,
``sourcetrace.dossier/1``): ``render.jsonout`` writes a dossier with them, the store keeps articles and
claims in that shape, and the batch engine writes its shards with them, so a record has one JSON form
wherever it is written. Every field of the model is written, so ``dossier_from_dict(dossier_to_dict(d))
== d``. Infinite quantity bounds ("more than a hundred") are written as ``null``, since JSON has no
infinity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .model import (
    Article,
    ArticleContribution,
    ChainLink,
    Claim,
    Conflict,
    DateMention,
    Dossier,
    Edge,
    Entity,
    Node,
    Problem,
    Provenance,
    Quantity,
    RawDocument,
    Removed,
    Report,
    Span,
    Story,
    TimelineEvent,
    Trace,
)

__all__ = [
    "SCHEMA_ID",
    "article_from_dict",
    "article_to_dict",
    "claim_from_dict",
    "claim_to_dict",
    "dossier_from_dict",
    "dossier_to_dict",
    "problem_from_dict",
    "problem_to_dict",
    "raw_from_dict",
    "raw_to_dict",
]

SCHEMA_ID = "sourcetrace.dossier/1"

JSONDict = dict[str, Any]


def dossier_to_dict(d: Dossier) -> JSONDict:
    """The dossier as plain JSON-ready data that validates against the dossier schema."""
    return {
        "schema": SCHEMA_ID,
        "articles": [article_to_dict(a) for a in d.articles],
        "stories": [_story(s) for s in d.stories],
        "entities": [_entity(e) for e in d.entities],
        "claims": [claim_to_dict(c) for c in d.claims],
        "provenance": {
            "nodes": [_node(n) for n in d.provenance.nodes],
            "edges": [_edge(e) for e in d.provenance.edges],
        },
        "timeline": [_event(t) for t in d.timeline],
        "contributions": [
            {
                "article": c.article,
                "unique_claims": list(c.unique_claims),
                "unique_entities": list(c.unique_entities),
            }
            for c in d.contributions
        ],
        "summary": [{"text": text, "articles": list(cited)} for text, cited in d.summary],
        "problems": [problem_to_dict(p) for p in d.problems],
    }


def article_to_dict(a: Article) -> JSONDict:
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "published": a.published,
        "language": a.language,
        "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
    }


def _story(s: Story) -> JSONDict:
    return {
        "id": s.id,
        "title": s.title,
        "articles": list(s.articles),
        "claims": list(s.claims),
        "duplicates": [list(group) for group in s.duplicates],
    }


def _entity(e: Entity) -> JSONDict:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "articles": list(e.articles),
    }


def claim_to_dict(c: Claim) -> JSONDict:
    return {
        "id": c.id,
        "story": c.story,
        "statement": c.statement,
        "reports": [_report(r) for r in c.reports],
        "origins": list(c.origins),
        "echoes": c.echoes,
        "denied_by": list(c.denied_by),
        "conflicts": [{"kind": x.kind, "detail": x.detail, "reports": list(x.reports)} for x in c.conflicts],
        "verdict": c.verdict,
        # Optional (additive to sourcetrace.dossier/1): each report's role in the claim's provenance.
        "traces": [
            {
                "report": t.report,
                "article": t.article,
                "role": t.role,
                "source": t.source,
                "description": t.description,
                "relays": list(t.relays),
                "why": t.why,
            }
            for t in c.traces
        ],
    }


def _report(r: Report) -> JSONDict:
    return {
        "article": r.article,
        "sentence": r.sentence.text,
        "start": r.sentence.start,
        "end": r.sentence.end,
        "stance": r.stance,
        "attribution": [_link(link) for link in r.chain],
        "content": _span(r.content),
        "entities": list(r.entities),
        "quantities": [_quantity(q) for q in r.quantities],
        "dates": [_date(x) for x in r.dates],
        "predicate": r.predicate,
        "object": r.obj,
        "subject": r.subject,
        "headline": r.headline,
        "kind": r.kind,  # statement, view, intention or characterisation (docs/claims.md)
        "clause": r.clause,
        "topic": r.topic,
    }


def _span(s: Span) -> JSONDict:
    return {"start": s.start, "end": s.end, "text": s.text}


def _link(link: ChainLink) -> JSONDict:
    return {"source": link.source, "entity": link.entity, "cue": link.cue, "kind": link.kind}


def _bound(x: float) -> float | None:
    return None if math.isinf(x) or math.isnan(x) else x


def _quantity(q: Quantity) -> JSONDict:
    return {
        "text": q.text,
        "low": _bound(q.low),
        "high": _bound(q.high),
        "unit": q.unit,
        "per": q.per,
        "approximate": q.approximate,
    }


def _date(x: DateMention) -> JSONDict:
    return {"text": x.text, "start": x.start, "end": x.end, "resolved": x.resolved, "relation": x.relation}


def _node(n: Node) -> JSONDict:
    return {"id": n.id, "label": n.label, "kind": n.kind, "article": n.article}


def _edge(e: Edge) -> JSONDict:
    return {"from": e.source, "to": e.target, "kind": e.kind, "claims": list(e.claims)}


def _event(t: TimelineEvent) -> JSONDict:
    return {"date": t.date, "kind": t.kind, "text": t.text, "article": t.article, "claim": t.claim}


# --- Reading it back ------------------------------------------------------------------------------------


def dossier_from_dict(data: Mapping[str, Any]) -> Dossier:
    """The ``Dossier`` a ``dossier_to_dict`` result describes (for stores and the web layer).

    Optional fields may be missing, as in dossiers other tools write against the schema. ``null``
    quantity bounds read back as -inf (low) and +inf (high).
    """
    provenance = data.get("provenance") or {}
    return Dossier(
        articles=tuple(article_from_dict(a) for a in data["articles"]),
        stories=tuple(
            Story(
                s["id"],
                s["title"],
                tuple(s["articles"]),
                tuple(s["claims"]),
                tuple(tuple(g) for g in s.get("duplicates", ())),
            )
            for s in data["stories"]
        ),
        entities=tuple(
            Entity(e["id"], e["name"], e["type"], tuple(e["aliases"]), tuple(e["articles"]))
            for e in data["entities"]
        ),
        claims=tuple(claim_from_dict(c) for c in data["claims"]),
        provenance=Provenance(
            nodes=tuple(
                Node(n["id"], n["label"], n["kind"], n.get("article")) for n in provenance.get("nodes", ())
            ),
            edges=tuple(
                Edge(e["from"], e["to"], e["kind"], tuple(e.get("claims", ())))
                for e in provenance.get("edges", ())
            ),
        ),
        timeline=tuple(
            TimelineEvent(t["date"], t["kind"], t["text"], t.get("article"), t.get("claim"))
            for t in data.get("timeline", ())
        ),
        contributions=tuple(
            ArticleContribution(c["article"], tuple(c["unique_claims"]), tuple(c["unique_entities"]))
            for c in data.get("contributions", ())
        ),
        summary=tuple((s["text"], tuple(s["articles"])) for s in data.get("summary", ())),
        problems=tuple(problem_from_dict(p) for p in data.get("problems", ())),
    )


def article_from_dict(a: Mapping[str, Any]) -> Article:
    return Article(
        id=a["id"],
        source=a["source"],
        text=a["text"],
        title=a.get("title"),
        outlet=a.get("outlet"),
        author=a.get("author"),
        published=a.get("published"),
        language=a.get("language"),
        removed=tuple(_removed(r) for r in a.get("removed", ())),
    )


def claim_from_dict(c: Mapping[str, Any]) -> Claim:
    return Claim(
        id=c["id"],
        story=c["story"],
        statement=c["statement"],
        reports=tuple(_read_report(r) for r in c["reports"]),
        origins=tuple(c["origins"]),
        echoes=c["echoes"],
        denied_by=tuple(c["denied_by"]),
        conflicts=tuple(
            Conflict(x["kind"], x["detail"], tuple(x.get("reports", ()))) for x in c["conflicts"]
        ),
        verdict=c["verdict"],
        traces=tuple(
            Trace(
                t["report"],
                t["article"],
                t["role"],
                t.get("source"),
                t.get("description", ""),
                tuple(t.get("relays", ())),
                t.get("why", ""),
            )
            for t in c.get("traces", ())
        ),
    )


def _read_report(r: Mapping[str, Any]) -> Report:
    sentence = Span(r["start"], r["end"], r["sentence"])
    content = r.get("content")
    return Report(
        article=r["article"],
        sentence=sentence,
        content=Span(content["start"], content["end"], content["text"]) if content else sentence,
        stance=r["stance"],
        chain=tuple(
            ChainLink(x["source"], x.get("kind", "other"), x.get("entity"), x.get("cue"))
            for x in r["attribution"]
        ),
        entities=tuple(r.get("entities", ())),
        quantities=tuple(_read_quantity(q) for q in r.get("quantities", ())),
        dates=tuple(
            DateMention(x["text"], x["start"], x["end"], x.get("resolved"), x.get("relation", "on"))
            for x in r.get("dates", ())
        ),
        predicate=r.get("predicate"),
        obj=r.get("object"),
        subject=r.get("subject"),
        headline=bool(r.get("headline", False)),
        kind=r.get("kind", "statement"),
        clause=bool(r.get("clause", False)),
        topic=bool(r.get("topic", False)),
    )


def _read_quantity(q: Mapping[str, Any]) -> Quantity:
    low = q.get("low")
    high = q.get("high")
    return Quantity(
        text=q["text"],
        low=-math.inf if low is None else float(low),
        high=math.inf if high is None else float(high),
        unit=q.get("unit"),
        per=q.get("per"),
        approximate=bool(q.get("approximate", False)),
    )


def _removed(r: Mapping[str, Any] | list[str]) -> Removed:
    # Batch shards written before the codec kept a removal as a [text, reason] pair; a resumed run reads them.
    if isinstance(r, Mapping):
        return Removed(r["text"], r["reason"])
    text, reason = r
    return Removed(text, reason)


def problem_to_dict(p: Problem) -> JSONDict:
    return {"source": p.source, "stage": p.stage, "reason": p.reason}


def problem_from_dict(p: Mapping[str, Any]) -> Problem:
    return Problem(p["source"], p["reason"], p.get("stage"))


def raw_to_dict(r: RawDocument) -> JSONDict:
    """A document before cleaning (the batch engine's shards of what was read)."""
    return {
        "source": r.source,
        "content": r.content,
        "kind": r.kind,
        "title": r.title,
        "outlet": r.outlet,
        "author": r.author,
        "published": r.published,
        "url": r.url,
    }


def raw_from_dict(r: Mapping[str, Any]) -> RawDocument:
    return RawDocument(
        source=r["source"],
        content=r["content"],
        kind=r.get("kind", "text"),
        title=r.get("title"),
        outlet=r.get("outlet"),
        author=r.get("author"),
        published=r.get("published"),
        url=r.get("url"),
    )
