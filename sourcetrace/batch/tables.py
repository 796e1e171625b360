"""The batch's Parquet tables: claims, reports and articles, one row per record of each story's dossier.

``rows`` flattens one analysed story (or part of one) into rows; ``write_parquet`` writes a part file
atomically. Schemas are fixed here so that every part file of a table reads as one dataset.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model import Dossier

__all__ = ["TABLES", "rows", "write_parquet"]

TABLES = ("claims", "reports", "articles")


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    text, strings, number = pa.string(), pa.list_(pa.string()), pa.int32()
    return {
        "claims": pa.schema(
            [
                ("story", text),
                ("part", number),
                ("claim", text),
                ("claim_in_dossier", text),
                ("sub_story", text),
                ("statement", text),
                ("verdict", text),
                ("echoes", number),
                ("origins", strings),
                ("denied_by", strings),
                ("conflicts", strings),
                ("reports", number),
                ("articles", strings),
            ]
        ),
        "reports": pa.schema(
            [
                ("story", text),
                ("part", number),
                ("claim", text),
                ("article", text),
                ("outlet", text),
                ("published", text),
                ("stance", text),
                ("chain", strings),
                ("chain_text", text),
                ("sentence", text),
                ("content", text),
                ("quantities", strings),
                ("headline", pa.bool_()),
            ]
        ),
        "articles": pa.schema(
            [
                ("story", text),
                ("part", number),
                ("article", text),
                ("source", text),
                ("title", text),
                ("outlet", text),
                ("author", text),
                ("published", text),
                ("language", text),
                ("words", number),
                ("copy_of", text),
                ("sub_story", text),
            ]
        ),
    }


def rows(task: dict[str, Any], d: Dossier, copy_of: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    from ..render import chain_text

    story, part = task["story"], task["part"]
    prefix = task["task"]
    sub_story = {a: s.id for s in d.stories for a in s.articles}
    outlets = {a.id: a.outlet for a in d.articles}
    dates = {a.id: a.published for a in d.articles}
    claims = [
        {
            "story": story,
            "part": part,
            "claim": f"{prefix}/{c.id}",
            "claim_in_dossier": c.id,
            "sub_story": c.story,
            "statement": c.statement,
            "verdict": c.verdict,
            "echoes": c.echoes,
            "origins": list(c.origins),
            "denied_by": list(c.denied_by),
            "conflicts": [f"{x.kind}: {x.detail}" for x in c.conflicts],
            "reports": len(c.reports),
            "articles": sorted({r.article for r in c.reports}),
        }
        for c in d.claims
    ]
    reports = [
        {
            "story": story,
            "part": part,
            "claim": f"{prefix}/{c.id}",
            "article": r.article,
            "outlet": outlets.get(r.article),
            "published": dates.get(r.article),
            "stance": r.stance,
            "chain": [link.source for link in r.chain],
            "chain_text": chain_text(r.chain),
            "sentence": r.sentence.text,
            "content": r.content.text,
            "quantities": [q.text for q in r.quantities],
            "headline": r.headline,
        }
        for c in d.claims
        for r in c.reports
    ]
    articles = [
        {
            "story": story,
            "part": part,
            "article": a.id,
            "source": a.source,
            "title": a.title,
            "outlet": a.outlet,
            "author": a.author,
            "published": a.published,
            "language": a.language,
            "words": len(a.text.split()),
            "copy_of": copy_of.get(a.id) if copy_of.get(a.id) != a.id else None,
            "sub_story": sub_story.get(a.id),
        }
        for a in d.articles
    ]
    return {"claims": claims, "reports": reports, "articles": articles}


def write_parquet(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = pa.Table.from_pylist(rows, schema=_schemas()[table])
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(data, tmp, compression="zstd")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
