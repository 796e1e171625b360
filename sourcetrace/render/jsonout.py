"""The dossier as JSON: the contract in ``shared/spec/dossier.schema.json`` (``sourcetrace.dossier/1``).

Every field of the model is written, so ``dossier_from_dict(dossier_to_dict(d)) == d``. Order follows the
``Dossier``'s tuples (which the pipeline makes deterministic); the renderer adds no ordering of its own.
Infinite quantity bounds ("more than a hundred") are written as ``null``, since JSON has no infinity.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from ..model import (
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
    Removed,
    Report,
    Span,
    Story,
    TimelineEvent,
)

SCHEMA_ID = "sourcetrace.dossier/1"

JSONDict = dict[str, Any]


def dossier_to_json(d: Dossier) -> str:
    """The dossier as a JSON document (indented, UTF-8 text kept as is), ending in a newline."""
    return json.dumps(dossier_to_dict(d), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def dossier_to_dict(d: Dossier) -> JSONDict:
    """The dossier as plain JSON-ready data that validates against the dossier schema."""
    return {
        "schema": SCHEMA_ID,
        "articles": [_article(a) for a in d.articles],
        "stories": [_story(s) for s in d.stories],
        "entities": [_entity(e) for e in d.entities],
        "claims": [_claim(c) for c in d.claims],
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
        "problems": [{"source": p.source, "stage": p.stage, "reason": p.reason} for p in d.problems],
    }


def _article(a: Article) -> JSONDict:
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


def _claim(c: Claim) -> JSONDict:
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
        articles=tuple(_read_article(a) for a in data["articles"]),
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
        claims=tuple(_read_claim(c) for c in data["claims"]),
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
        problems=tuple(Problem(p["source"], p["reason"], p.get("stage")) for p in data.get("problems", ())),
    )


def _read_article(a: Mapping[str, Any]) -> Article:
    return Article(
        id=a["id"],
        source=a["source"],
        text=a["text"],
        title=a.get("title"),
        outlet=a.get("outlet"),
        author=a.get("author"),
        published=a.get("published"),
        language=a.get("language"),
        removed=tuple(Removed(r["text"], r["reason"]) for r in a.get("removed", ())),
    )


def _read_claim(c: Mapping[str, Any]) -> Claim:
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
