"""Batch runs over corpora of any size: ``sourcetrace batch INPUT... --out DIR``.

Requires inputs ``ingest.read_inputs`` can read (folders, JSONL, WARC, feeds, ...); adds to ``DIR`` a
JSON dossier per story, Parquet tables of claims, reports and articles, the stories, every problem, and
a journal that lets an interrupted run resume where it stopped.

Four passes, each streaming, each resumable at the grain of its unit of work::

    read      inputs --read_inputs--> raw/NNNNNN.jsonl             (shards of ``shard_size`` documents)
    prepare   raw shard --clean, sketch, embed lead--> prepared/NNNNNN.{articles,sketches}.jsonl
    cluster   sketches --StoryClusterer (online, ANN)--> stories.jsonl   (driver, no models)
    analyse   story --pipeline.analyse_articles--> dossiers/<story>.json + tables/*/part-NNNNNN.parquet

``prepare`` and ``analyse`` run on an engine (``engines.py``: this process, local processes or Ray),
which is handed ``run_task`` below and runs it on every task;
``read`` and ``cluster`` run in the driver and hold no text beyond one shard. What every pass holds in
memory is bounded: a shard, a story (at most ``max_story_articles`` articles: a larger story is
analysed in consecutive parts, which the tables and stderr say), the clusterer's live window, and a few
integers per article (where its record is on disk and which story it joined).

Resuming (``journal.py``). Every finished unit is written to a temporary name and renamed, then recorded
in ``journal.jsonl`` (one JSON event per line, flushed and fsynced); a unit that is not in the journal
is redone, one that is never is. An interrupted ``read`` pass restarts after the last recorded shard
(inputs are read in a fixed order); ``prepare`` skips recorded shards; ``cluster`` is cheap and redone
whole unless recorded; ``analyse`` skips recorded stories. Table rows are flushed (and their stories
recorded) every ``flush_rows`` rows or ``flush_seconds``, so a crash loses at most that much work.
``manifest.json`` holds the inputs and settings; resuming with others is refused.

Problems (unreadable inputs, empty articles, failed analyses) are reported as they are found and
recorded with their shard or story, then gathered in ``problems.jsonl``: none is lost to a crash.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..codec import (
    article_from_dict,
    article_to_dict,
    problem_from_dict,
    problem_to_dict,
    raw_from_dict,
    raw_to_dict,
)
from ..errors import UsageError
from ..model import Article, Dossier, Problem
from ..stories import (
    ClusterSettings,
    DocumentFrequencies,
    Sketch,
    StoryClusterer,
    embed_leads,
    sketch,
    vectorize,
)
from .engines import ENGINES, make_engine
from .journal import Journal, Layout, write_atomic
from .tables import TABLES, write_parquet
from .tables import rows as table_rows

__all__ = [
    "BatchSettings",
    "BatchSummary",
    "Reporter",
    "analyse_story",
    "prepare_shard",
    "run_batch",
    "run_task",
]

FORMAT = "sourcetrace.batch/1"
SHARD_SIZE = 256
MAX_STORY_ARTICLES = 200
FLUSH_ROWS = 50_000
FLUSH_SECONDS = 60.0
OWNED = (
    "manifest.json",
    "journal.jsonl",
    "raw",
    "prepared",
    "stories.jsonl",
    "dossiers",
    "tables",
    "tasks",
    "problems.jsonl",
    "summary.json",
)


@dataclass(frozen=True)
class BatchSettings:
    engine: str = "local"
    workers: int | None = None
    ray_address: str | None = None
    max_story_articles: int = MAX_STORY_ARTICLES
    shard_size: int = SHARD_SIZE
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    allow_private: bool = False
    encoding: str | None = None
    flush_rows: int = FLUSH_ROWS  # table rows kept before a part file is written and its stories recorded
    flush_seconds: float = FLUSH_SECONDS
    # Share of stories analysed, chosen by a hash of the story id. Benchmarks use it to measure the
    # model-heavy pass on a sample at 100k articles; a real run leaves it at 1.
    analyse_fraction: float = 1.0

    def fingerprint(self) -> dict[str, Any]:
        """What the outputs depend on: a resumed run must use the same."""
        return {
            "max_story_articles": self.max_story_articles,
            "shard_size": self.shard_size,
            "cluster": asdict(self.cluster),
            "analyse_fraction": self.analyse_fraction,
            "encoding": self.encoding,
        }


@dataclass
class BatchSummary:
    out: Path
    documents: int = 0
    articles: int = 0
    words: int = 0
    stories: int = 0
    analysed: int = 0  # stories (or parts of large ones) analysed, this run and earlier
    split: int = 0  # stories too large to analyse whole, analysed in parts
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    resumed: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # per pass, this run only
    done: dict[str, int] = field(default_factory=dict)  # units of work per pass, this run only


class Reporter(Protocol):
    """Where a run tells what it is doing: the CLI prints to stderr; tests may raise to simulate a crash."""

    def progress(self, stage: str, done: int, total: int | None, unit: str, rate: float) -> None: ...

    def problem(self, problem: Problem) -> None: ...

    def note(self, message: str) -> None: ...


class _Silent:
    def progress(self, stage: str, done: int, total: int | None, unit: str, rate: float) -> None:
        return None

    def problem(self, problem: Problem) -> None:
        return None

    def note(self, message: str) -> None:
        return None


# ------------------------------------------------------------------------------------------- the run


def run_batch(
    inputs: Sequence[str],
    out: Path | str,
    settings: BatchSettings | None = None,
    *,
    reporter: Reporter | None = None,
    restart: bool = False,
) -> BatchSummary:
    """Run (or resume) a batch over ``inputs`` into the folder ``out``; see the module docstring.

    Raises ``UsageError`` when ``out`` holds something else (another run's inputs or settings, or files
    that are not a batch run); ``restart`` discards an earlier run in ``out`` first.
    """
    settings = settings or BatchSettings()
    reporter = reporter or _Silent()
    if not inputs:
        raise UsageError("no inputs given")
    if settings.engine not in ENGINES:
        raise UsageError(f"unknown engine {settings.engine!r}; use one of: {', '.join(ENGINES)}")
    if settings.workers is not None and settings.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {settings.workers}")
    if settings.max_story_articles < 2:
        raise UsageError(f"--max-story-articles must be at least 2, not {settings.max_story_articles}")
    layout = Layout(Path(out))
    resumed = _open_folder(layout, inputs, settings, restart)
    journal = Journal(layout.out / "journal.jsonl")
    summary = BatchSummary(out=layout.out, resumed=resumed)
    if resumed and journal.of("done"):
        _summarise(journal, summary)
        reporter.note(f"{layout.out}: this run is already complete; nothing to do")
        return summary
    if resumed:
        reporter.note(f"{layout.out}: resuming the earlier run ({_resume_point(journal)})")
    journal.append({"event": "start", "engine": settings.engine, "time": time.time()})
    engine = None
    try:
        started = time.perf_counter()
        _read_pass(inputs, layout, journal, settings, reporter, summary)
        summary.seconds["read"] = time.perf_counter() - started
        started = time.perf_counter()
        if _pending_shards(journal):
            engine = make_engine(
                settings.engine,
                task=run_task,
                scratch=layout.out / "tasks",
                workers=settings.workers,
                ray_address=settings.ray_address,
            )
        _prepare_pass(layout, journal, engine, reporter, summary)
        summary.seconds["prepare"] = time.perf_counter() - started
        started = time.perf_counter()
        _cluster_pass(layout, journal, settings, reporter, summary)
        summary.seconds["cluster"] = time.perf_counter() - started
        started = time.perf_counter()
        if engine is None:
            engine = make_engine(
                settings.engine,
                task=run_task,
                scratch=layout.out / "tasks",
                workers=settings.workers,
                ray_address=settings.ray_address,
            )
        _analyse_pass(layout, journal, settings, engine, reporter, summary)
        summary.seconds["analyse"] = time.perf_counter() - started
    except BaseException:
        if engine is not None:
            kill = getattr(engine, "kill", None)
            (kill or engine.close)()
            engine = None
        raise
    finally:
        if engine is not None:
            engine.close()
    _finish(layout, journal, summary)
    return summary


def _open_folder(layout: Layout, inputs: Sequence[str], settings: BatchSettings, restart: bool) -> bool:
    """Create or check ``out``; True when it holds an earlier run of the same batch."""
    out = layout.out
    manifest_path = out / "manifest.json"
    manifest = {
        "format": FORMAT,
        "inputs": [_resolved(i) for i in inputs],
        "settings": settings.fingerprint(),
    }
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; pass another --out")
    if restart and manifest_path.exists():
        for name in OWNED:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    if manifest_path.exists():
        try:
            earlier = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise UsageError(f"{manifest_path}: unreadable ({exc}); pass --restart to start over") from exc
        if earlier.get("format") != FORMAT:
            raise UsageError(f"{out}: made by another version ({earlier.get('format')}); pass another --out")
        if earlier.get("inputs") != manifest["inputs"]:
            raise UsageError(
                f"{out}: holds a run over other inputs ({', '.join(earlier.get('inputs', []))}); "
                "pass another --out, or --restart to discard it"
            )
        if earlier.get("settings") != manifest["settings"]:
            raise UsageError(
                f"{out}: holds a run with other settings; pass the same options, another --out, or --restart"
            )
        return True
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"{out}: not empty and not a batch folder; pass an empty or new --out")
    for folder in (out, layout.raw, layout.prepared, layout.dossiers, *(layout.tables / t for t in TABLES)):
        folder.mkdir(parents=True, exist_ok=True)
    write_atomic(manifest_path, lambda h: h.write(json.dumps(manifest, indent=2).encode("utf-8")))
    return False


def _resolved(item: str) -> str:
    if item == "-" or item.lower().startswith(("http://", "https://")):
        return item
    return str(Path(item).resolve())


def _resume_point(journal: Journal) -> str:
    if journal.of("clustered"):
        tasks = sum(len(e["tasks"]) for e in journal.of("analysed"))
        return f"{tasks} stories already analysed"
    if journal.of("read_done"):
        return f"{len(journal.of('prepared'))} shards already prepared"
    return f"{sum(e['documents'] for e in journal.of('read'))} documents already read"


# ------------------------------------------------------------------------------------------ 1. read


def _read_pass(
    inputs: Sequence[str],
    layout: Layout,
    journal: Journal,
    settings: BatchSettings,
    reporter: Reporter,
    summary: BatchSummary,
) -> None:
    from ..ingest import read_inputs
    from ..pipeline import article_id

    if journal.of("read_done"):
        return
    earlier = journal.of("read")
    consumed = earlier[-1]["items"] if earlier else 0
    if consumed and "-" in inputs:
        raise UsageError("cannot resume reading standard input part-way; pass --restart to start over")
    next_key = earlier[-1]["next_key"] if earlier else 0
    shard = 1 + max((e["shard"] for e in earlier if e["shard"] is not None), default=-1)
    used: set[str] = {i for e in earlier for i in e["ids"]}
    documents: list[dict[str, Any]] = []
    problems: list[Problem] = []
    done = 0
    meter = _Meter(reporter, "reading", None, "documents")

    def commit() -> None:
        nonlocal shard, documents, problems
        number: int | None = None
        if documents:
            number = shard
            lines = b"".join(json.dumps(d, ensure_ascii=False).encode("utf-8") + b"\n" for d in documents)
            write_atomic(layout.raw_shard(number), lambda h: h.write(lines))
            shard += 1
        journal.append(
            {
                "event": "read",
                "shard": number,
                "items": consumed,
                "next_key": next_key,
                "documents": len(documents),
                "ids": [d["id"] for d in documents],
                "problems": [problem_to_dict(p) for p in problems],
            }
        )
        documents, problems = [], []

    items = read_inputs(inputs, allow_private=settings.allow_private, encoding=settings.encoding)
    for item in islice(items, consumed, None):
        consumed += 1
        if isinstance(item, Problem):
            problems.append(item)
            reporter.problem(item)
        else:
            ident = article_id(item.source, used)
            documents.append({"key": next_key, "id": ident, "raw": raw_to_dict(item)})
            next_key += 1
            done += 1
            meter.update(done)
            if len(documents) >= settings.shard_size:
                commit()
    if documents or problems:
        commit()
    meter.close(done)
    journal.append({"event": "read_done", "items": consumed, "documents": next_key})
    summary.done["read"] = done


# --------------------------------------------------------------------------------------- 2. prepare


def _pending_shards(journal: Journal) -> list[int]:
    prepared = {e["shard"] for e in journal.of("prepared")}
    return [e["shard"] for e in journal.of("read") if e["shard"] is not None and e["shard"] not in prepared]


def _prepare_pass(
    layout: Layout, journal: Journal, engine: Any, reporter: Reporter, summary: BatchSummary
) -> None:
    pending = _pending_shards(journal)
    if not pending:
        return
    sizes = {e["shard"]: e["documents"] for e in journal.of("read") if e["shard"] is not None}
    total = sum(sizes[s] for s in pending)
    meter = _Meter(reporter, "preparing", total, "documents")
    tasks = (
        {
            "kind": "prepare",
            "shard": n,
            "raw": str(layout.raw_shard(n)),
            "articles": str(layout.articles_shard(n)),
            "sketches": str(layout.sketches_shard(n)),
        }
        for n in pending
    )
    done = 0
    for result in engine.map(tasks):
        problems = [problem_from_dict(p) for p in result["problems"]]
        for p in problems:
            reporter.problem(p)
        journal.append(
            {
                "event": "prepared",
                "shard": result["shard"],
                "articles": result["articles"],
                "words": result["words"],
                "problems": result["problems"],
            }
        )
        layout.raw_shard(result["shard"]).unlink(missing_ok=True)
        done += sizes[result["shard"]]
        meter.update(done)
    meter.close(done)
    summary.done["prepare"] = done


def prepare_shard(task: dict[str, Any], worker: Any) -> dict[str, Any]:
    """Clean, sketch and embed one raw shard; writes its articles and sketches (a stage function)."""
    from ..pipeline import clean_or_problem

    keyed: list[tuple[int, Article]] = []
    problems: list[Problem] = []
    with open(task["raw"], encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            cleaned = clean_or_problem(raw_from_dict(record["raw"]), article_id=record["id"])
            if isinstance(cleaned, Problem):  # a cleaning bug must not lose the rest of the shard
                problems.append(cleaned)
            else:
                keyed.append((record["key"], cleaned))
    articles = [a for _, a in keyed]
    embeddings = embed_leads(articles, worker.encoder) if articles else None
    offsets: list[tuple[int, int]] = []
    words = 0

    def write_articles(handle: Any) -> None:
        nonlocal words
        for key, article in keyed:
            data = json.dumps({"key": key, "article": article_to_dict(article)}, ensure_ascii=False)
            start = handle.tell()
            handle.write(data.encode("utf-8") + b"\n")
            offsets.append((start, handle.tell() - start))
            words += len(article.text.split())

    def write_sketches(handle: Any) -> None:
        for n, (key, article) in enumerate(keyed):
            item = sketch(article, None if embeddings is None else embeddings[n])
            start, length = offsets[n]
            line = {"key": key, "offset": start, "length": length, **item.to_json()}
            handle.write(json.dumps(line).encode("utf-8") + b"\n")

    write_atomic(Path(task["articles"]), write_articles)
    write_atomic(Path(task["sketches"]), write_sketches)
    return {
        "shard": task["shard"],
        "articles": len(keyed),
        "words": words,
        "problems": [problem_to_dict(p) for p in problems],
    }


# --------------------------------------------------------------------------------------- 3. cluster


def _prepared_shards(journal: Journal) -> list[int]:
    return sorted(e["shard"] for e in journal.of("prepared"))


def _sketch_lines(layout: Layout, shards: Sequence[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    for n in shards:
        with layout.sketches_shard(n).open(encoding="utf-8") as handle:
            for line in handle:
                yield n, json.loads(line)


def _cluster_pass(
    layout: Layout, journal: Journal, settings: BatchSettings, reporter: Reporter, summary: BatchSummary
) -> None:
    if journal.of("clustered"):
        return
    shards = _prepared_shards(journal)
    total = sum(e["articles"] for e in journal.of("prepared"))
    # Document frequencies over the whole corpus first, so that early articles are weighed like late ones.
    df = DocumentFrequencies()
    meter = _Meter(reporter, "counting terms", total, "articles")
    for n, (_, line) in enumerate(_sketch_lines(layout, shards), start=1):
        df.add(Sketch.from_json(line))
        meter.update(n)
    meter.close(total)
    clusterer = StoryClusterer(settings.cluster)
    keys, where, offsets, lengths = array("q"), array("i"), array("q"), array("q")
    labels: dict[int, int] = {}
    meter = _Meter(reporter, "clustering", total, "articles")
    for n, (shard, line) in enumerate(_sketch_lines(layout, shards), start=1):
        item = Sketch.from_json(line)
        clusterer.add(line["key"], vectorize(item, df, settings.cluster), item.signature, item.published)
        keys.append(line["key"])
        where.append(shard)
        offsets.append(line["offset"])
        lengths.append(line["length"])
        labels.update(clusterer.drain())
        meter.update(n)
    labels.update(clusterer.finish())
    meter.close(total)
    key_array = np.frombuffer(keys, dtype=np.int64) if keys else np.zeros(0, np.int64)
    order = np.argsort(key_array, kind="stable")
    members: dict[int, list[int]] = {}
    for position in order:
        members.setdefault(labels[int(key_array[position])], []).append(int(position))
    duplicates: dict[int, list[list[int]]] = {}
    for group in clusterer.duplicate_groups():
        duplicates.setdefault(labels[group[0]], []).append(group)
    stories = sorted(members.values(), key=lambda m: int(key_array[m[0]]))

    def write(handle: Any) -> None:
        for number, positions in enumerate(stories, start=1):
            label = labels[int(key_array[positions[0]])]
            line = {
                "story": f"s{number:06d}",
                "size": len(positions),
                "members": [[keys[p], where[p], offsets[p], lengths[p]] for p in positions],
                "duplicates": duplicates.get(label, []),
            }
            handle.write(json.dumps(line).encode("utf-8") + b"\n")

    write_atomic(layout.out / "stories.jsonl", write)
    journal.append(
        {
            "event": "clustered",
            "articles": len(keys),
            "stories": len(stories),
            "duplicate_groups": sum(len(g) for g in duplicates.values()),
        }
    )
    summary.done["cluster"] = len(keys)


# --------------------------------------------------------------------------------------- 4. analyse

def _sampled(story: str, fraction: float) -> bool:
    if fraction >= 1.0:
        return True
    digest = hashlib.sha1(story.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def _story_tasks(
    layout: Layout, settings: BatchSettings, done: set[str], reporter: Reporter
) -> Iterator[dict[str, Any]]:
    cap = settings.max_story_articles
    with (layout.out / "stories.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            story = json.loads(line)
            if not _sampled(story["story"], settings.analyse_fraction):
                continue
            members = story["members"]
            parts = max(1, -(-len(members) // cap))
            if parts > 1 and f"{story['story']}.1" not in done:
                reporter.note(
                    f"story {story['story']} has {len(members)} articles; analysed in {parts} parts of at "
                    f"most {cap} in arrival order (claims are not aligned across parts; see "
                    "--max-story-articles)"
                )
            for part in range(1, parts + 1):
                task_id = story["story"] if parts == 1 else f"{story['story']}.{part}"
                if task_id in done:
                    continue
                chunk = members[(part - 1) * cap : part * cap]
                inside = {m[0] for m in chunk}
                yield {
                    "kind": "analyse",
                    "task": task_id,
                    "story": story["story"],
                    "part": part,
                    "parts": parts,
                    "members": chunk,
                    "duplicates": [[k for k in g if k in inside] for g in story["duplicates"]],
                    "prepared": str(layout.prepared),
                    "dossier": str(layout.dossiers / f"{task_id}.json"),
                }


def _analyse_pass(
    layout: Layout,
    journal: Journal,
    settings: BatchSettings,
    engine: Any,
    reporter: Reporter,
    summary: BatchSummary,
) -> None:
    done = {t for e in journal.of("analysed") for t in e["tasks"]}
    clustered = journal.of("clustered")[-1]
    total = clustered["articles"] if settings.analyse_fraction >= 1.0 else None  # a sample: size unknown
    already = sum(e["articles"] for e in journal.of("analysed"))
    meter = _Meter(reporter, "analysing", total, "articles", start=already)
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    pending: list[dict[str, Any]] = []
    part = len(journal.of("analysed"))
    for table in TABLES:  # part files a crash left unrecorded hold rows of stories that will be redone
        for orphan in (layout.tables / table).glob("part-*.parquet*"):
            if orphan.name.endswith(".tmp") or int(orphan.name[5:11]) >= part:
                orphan.unlink()
    last_flush = time.monotonic()
    analysed_articles = already

    def flush() -> None:
        nonlocal part, last_flush, pending, rows
        if not pending:
            return
        name = f"part-{part:06d}.parquet"
        for table in TABLES:
            if rows[table]:
                write_parquet(layout.tables / table / name, table, rows[table])
        verdicts: dict[str, int] = {}
        for result in pending:
            for verdict, n in result["verdicts"].items():
                verdicts[verdict] = verdicts.get(verdict, 0) + n
        journal.append(
            {
                "event": "analysed",
                "part": part,
                "tasks": [r["task"] for r in pending],
                "articles": sum(r["articles"] for r in pending),
                "claims": sum(r["claims"] for r in pending),
                "verdicts": verdicts,
                "problems": [p for r in pending for p in r["problems"]],
            }
        )
        part += 1
        pending, rows = [], {t: [] for t in TABLES}
        last_flush = time.monotonic()

    for result in engine.map(_story_tasks(layout, settings, done, reporter)):
        for p in result["problems"]:
            reporter.problem(problem_from_dict(p))
        for table in TABLES:
            rows[table].extend(result["rows"][table])
        pending.append({k: v for k, v in result.items() if k != "rows"})
        analysed_articles += result["articles"]
        meter.update(analysed_articles)
        if (
            sum(len(r) for r in rows.values()) >= settings.flush_rows
            or time.monotonic() - last_flush > settings.flush_seconds
        ):
            flush()
    flush()
    meter.close(analysed_articles)
    summary.done["analyse"] = analysed_articles - already


def analyse_story(task: dict[str, Any], worker: Any) -> dict[str, Any]:
    """Analyse one story (or part of one) with the whole pipeline; writes its dossier (a stage function)."""
    from ..nlp import Models
    from ..pipeline import analyse_articles
    from ..render import render

    prepared = Path(task["prepared"])
    articles: list[Article] = []
    ids: dict[int, str] = {}
    handles: dict[int, Any] = {}
    try:
        for key, shard, offset, length in task["members"]:
            if shard not in handles:
                handles[shard] = (prepared / f"{shard:06d}.articles.jsonl").open("rb")
            handle = handles[shard]
            handle.seek(offset)
            record = json.loads(handle.read(length))
            article = article_from_dict(record["article"])
            articles.append(article)
            ids[key] = article.id
    finally:
        for handle in handles.values():
            handle.close()
    problems: list[Problem] = []
    worker.ready()
    try:
        # A fresh Models per story: the loaded models are shared, the embedding cache is not kept.
        dossier = analyse_articles(articles, models=Models())
    except Exception as exc:  # one story's failure is recorded for each of its articles; the batch goes on
        problems = [
            Problem(a.source, f"story {task['task']} could not be analysed: {exc}", "analyse")
            for a in articles
        ]
        dossier = Dossier(
            articles=tuple(articles), stories=(), entities=(), claims=(), problems=tuple(problems)
        )
    else:
        problems = list(dossier.problems)
    text = render(dossier, "json")
    write_atomic(Path(task["dossier"]), lambda h: h.write(text.encode("utf-8")))
    duplicates = {ids[k]: ids[g[0]] for g in task["duplicates"] if len(g) > 1 for k in g}
    return {
        "task": task["task"],
        "articles": len(articles),
        "claims": len(dossier.claims),
        "verdicts": dossier.verdict_counts(),
        "problems": [problem_to_dict(p) for p in problems],
        "rows": table_rows(task, dossier, duplicates),
    }


def run_task(task: dict[str, Any], worker: Any) -> dict[str, Any]:
    """The stage function a task names; every engine runs tasks through here."""
    if task["kind"] == "prepare":
        return prepare_shard(task, worker)
    if task["kind"] == "analyse":
        return analyse_story(task, worker)
    raise ValueError(f"unknown task kind {task['kind']!r}")


# ------------------------------------------------------------------------------------------- the end


def _summarise(journal: Journal, summary: BatchSummary) -> None:
    summary.documents = sum(e["documents"] for e in journal.of("read"))
    summary.articles = sum(e["articles"] for e in journal.of("prepared"))
    summary.words = sum(e["words"] for e in journal.of("prepared"))
    clustered = journal.of("clustered")
    summary.stories = clustered[-1]["stories"] if clustered else 0
    analysed = journal.of("analysed")
    tasks = [t for e in analysed for t in e["tasks"]]
    summary.analysed = len(tasks)
    summary.split = len({t.split(".")[0] for t in tasks if "." in t})
    summary.claims = sum(e["claims"] for e in analysed)
    verdicts: dict[str, int] = {}
    for e in analysed:
        for verdict, n in e["verdicts"].items():
            verdicts[verdict] = verdicts.get(verdict, 0) + n
    summary.verdicts = verdicts
    summary.problems = [
        problem_from_dict(p)
        for kind in ("read", "prepared", "analysed")
        for e in journal.of(kind)
        for p in e["problems"]
    ]


def _finish(layout: Layout, journal: Journal, summary: BatchSummary) -> None:
    _summarise(journal, summary)
    lines = b"".join(
        json.dumps(problem_to_dict(p), ensure_ascii=False).encode("utf-8") + b"\n" for p in summary.problems
    )
    write_atomic(layout.out / "problems.jsonl", lambda h: h.write(lines))
    data = {
        "documents": summary.documents,
        "articles": summary.articles,
        "words": summary.words,
        "stories": summary.stories,
        "analysed": summary.analysed,
        "split": summary.split,
        "claims": summary.claims,
        "verdicts": summary.verdicts,
        "problems": len(summary.problems),
    }
    write_atomic(layout.out / "summary.json", lambda h: h.write(json.dumps(data, indent=2).encode("utf-8")))
    shutil.rmtree(layout.out / "tasks", ignore_errors=True)
    journal.append({"event": "done"})


class _Meter:
    """Progress with counts and rate, at most every two seconds, and once at the end of a pass."""

    def __init__(self, reporter: Reporter, stage: str, total: int | None, unit: str, start: int = 0) -> None:
        self.reporter, self.stage, self.total, self.unit = reporter, stage, total, unit
        self.start = start
        self.began = time.monotonic()
        self.last = self.began  # the first line after two seconds: short passes print only their total
        self.told: int | None = None

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last >= 2.0:
            self.last = now
            self._tell(done, now)

    def close(self, done: int) -> None:
        if done != self.told:
            self._tell(done, time.monotonic())

    def _tell(self, done: int, now: float) -> None:
        self.told = done
        rate = (done - self.start) / max(now - self.began, 1e-9)
        self.reporter.progress(self.stage, done, self.total, self.unit, rate)
