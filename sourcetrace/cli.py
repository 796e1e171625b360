"""The command line: one small function per command, over the library.

Exit codes: 0 when every input was used, 1 when some were skipped (each listed on stderr as
``source: reason``), 2 for usage errors. The library raises ``SourcetraceError``; ``command`` below is
the one place that turns it into ``error: ...`` and exit 2. Options several commands share are
declared once, as ``Annotated`` types.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from .errors import InputError, SourcetraceError, UsageError
from .model import Dossier

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Trace news claims to their independent origins: who says what, citing whom, who denies it.",
)
err = Console(stderr=True)

FORMATS = ("json", "markdown", "html")
DB_HELP = "The store: a SQLite file (created if missing) or a PostgreSQL URL, postgresql://user@host/dbname."

# Options and arguments several commands share, declared once.
Paths = Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")]
DossierOutput = Annotated[
    Path, typer.Option("-o", "--output", help="Where to write the dossier (.json, .md, .html).")
]
Format = Annotated[str | None, typer.Option("--format", help="json, markdown or html (default: from -o).")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private addresses.")]
Encoding = Annotated[str | None, typer.Option("--encoding", help="Decode inputs with this encoding.")]
Db = Annotated[str, typer.Option("--db", help=DB_HELP)]

F = TypeVar("F", bound=Callable[..., Any])


def command(fn: F) -> F:
    """Register a command whose ``SourcetraceError`` becomes ``error: ...`` on stderr and exit 2.

    The one translation of library errors for every command; typer reads the wrapped signature.
    """

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SourcetraceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from exc

    app.command()(run)
    return fn


@app.callback()
def _root() -> None:
    """sourcetrace: attribution, echoes, denials and drift across news articles."""


@command
def analyze(
    paths: Paths,
    output: DossierOutput,
    fmt: Format = None,
    allow_private: AllowPrivate = False,
    encoding: Encoding = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse articles and write a dossier: stories, claims with verdicts, sources, timeline."""
    from .pipeline import analyse
    from .render import format_for_path, render

    chosen = _format(fmt) if fmt else format_for_path(str(output))
    with _progress(quiet) as progress:
        dossier = analyse(paths, progress=progress, allow_private=allow_private, encoding=encoding)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(dossier, chosen), encoding="utf-8")  # type: ignore[arg-type]
    for problem in dossier.problems:
        print(f"{problem.source}: {problem.reason}", file=sys.stderr)
    _summary(dossier, output)
    if not dossier.articles:
        raise typer.Exit(1)
    raise typer.Exit(1 if dossier.problems else 0)


@command
def check(
    claim: Annotated[
        str | None, typer.Argument(help="The claim to check, in quotes (omit with --pairs).")
    ] = None,
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, URLs, or - for stdin.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSON here (JSONL with --pairs).")
    ] = None,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help='JSONL of {"id", "claim", "text"}; one result line per input line.'),
    ] = None,
    allow_private: AllowPrivate = False,
    encoding: Encoding = None,
) -> None:
    """Each article's stance towards a claim (agree, disagree, discuss, unrelated), with its evidence."""
    if pairs is not None:
        if claim is not None or paths:
            _usage("--pairs takes no claim or paths: each line carries its own claim and text")
        raise typer.Exit(_check_pairs(pairs, output))
    if claim is None or not claim.strip() or not paths:
        _usage('give a claim and at least one article: sourcetrace check "X did Y" PATH...')
    import json

    from .check import check as run_check
    from .nlp import load_models
    from .pipeline import load_articles

    articles, problems = load_articles(paths or [], allow_private=allow_private, encoding=encoding)
    result = run_check(claim or "", articles, models=load_models()) if articles else None
    for problem in problems:
        print(f"{problem.source}: {problem.reason}", file=sys.stderr)
    payload = result.to_json() if result else {"claim": claim, "results": []}
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        for r in payload["results"]:
            print(f"{r['stance']:>9}  {r['source']}")
        print(f"results written to {output.resolve()}")
    raise typer.Exit(1 if problems or not articles else 0)


def _check_pairs(pairs: Path, output: Path | None) -> int:
    """Bulk check: stream PAIRS.jsonl, write one line per input line, in order; bad lines named."""
    import json
    from collections import deque
    from collections.abc import Iterator

    from .check import check_pairs
    from .nlp import load_models

    try:
        handle = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8", errors="strict")
    except OSError as exc:
        raise InputError(str(pairs), f"cannot read: {exc.strerror or exc}") from exc
    pending: deque[tuple[int, str | None]] = deque()  # (line number, why it is not JSON) per line fed

    def lines() -> Iterator[Any]:
        for n, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row: Any = json.loads(raw)
                pending.append((n, None))
            except json.JSONDecodeError as exc:
                row = raw  # not an object: check_pairs answers it with an error line, keeping the order
                pending.append((n, f"not JSON ({exc.msg} at column {exc.colno})"))
            yield row

    bad = 0
    out = sys.stdout if output is None else output.open("w", encoding="utf-8")
    try:
        for row in check_pairs(lines(), models=load_models()):
            n, not_json = pending.popleft()
            if "error" in row:
                row["error"] = not_json or row["error"]
                bad += 1
                print(f"{pairs}:{n}: {row['error']}", file=sys.stderr)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except UnicodeDecodeError as exc:
        raise InputError(str(pairs), f"not UTF-8 text ({exc.reason})") from exc
    finally:
        if out is not sys.stdout:
            out.close()
        if handle is not sys.stdin:
            handle.close()
    if output is not None:
        print(f"results written to {output.resolve()}")
    return 1 if bad else 0


def _usage(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def _format(name: str) -> str:
    aliases = {"md": "markdown", "htm": "html"}
    name = aliases.get(name.lower(), name.lower())
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; use one of: {', '.join(FORMATS)}")
    return name


def _summary(dossier: Dossier, output: Path) -> None:
    """The short summary on stdout: plain lines, never wrapped, so scripts can read them."""
    counts = dossier.verdict_counts()
    verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in counts.items() if n)
    print(
        f"{len(dossier.articles)} articles, {len(dossier.stories)} stories, {len(dossier.claims)} claims"
        + (f" ({verdicts})" if verdicts else "")
    )
    if dossier.problems:
        print(f"{len(dossier.problems)} input(s) skipped; see the messages above")
    print(f"dossier written to {output.resolve()}")


class _progress:
    """A progress bar on stderr, per stage; silent when not a terminal or when --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and err.is_terminal
        self.bar = Progress(
            TextColumn("{task.description:>15}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _progress:
        if self.enabled:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=max(total, 1))
        self.bar.update(self.tasks[stage], completed=done, total=max(total, 1))


@command
def add(
    paths: Paths,
    db: Db = "sourcetrace.db",
    allow_private: AllowPrivate = False,
    encoding: Encoding = None,
) -> None:
    """Add articles to a store: each joins its story (or starts one) and only that story is analysed again."""
    from .model import Problem
    from .nlp import load_models
    from .pipeline import load_articles
    from .store import Added, AddResult, Store

    def show(outcome: Added | Problem) -> None:
        if isinstance(outcome, Problem):
            print(f"{outcome.source}: {outcome.reason}", file=sys.stderr)
        elif outcome.status == "duplicate":
            print(f"duplicate  {outcome.source}: already stored as {outcome.article} in {outcome.story}")
        else:
            fresh = " (new story)" if outcome.new_story else ""
            print(
                f"added      {outcome.article} -> {outcome.story}{fresh}: {outcome.story_title}", flush=True
            )

    with Store.open(db) as store:
        articles, problems = load_articles(paths, allow_private=allow_private, encoding=encoding)
        for problem in problems:
            print(f"{problem.source}: {problem.reason}", file=sys.stderr)
        result = store.add_articles(articles, models=load_models(), report=show) if articles else AddResult()
        shown = store.shown
    added = sum(a.status == "added" for a in result.added)
    duplicates = len(result.added) - added
    touched = result.stories
    print(
        f"{added} added, {duplicates} already in the store, {len(touched)} "
        f"stor{'y' if len(touched) == 1 else 'ies'} updated"
        + (f" ({', '.join(touched)})" if touched else "")
        + f"; store: {shown}"
    )
    raise typer.Exit(1 if problems or result.problems or not articles else 0)


@command
def export(
    story: Annotated[str, typer.Argument(help="The story's id, e.g. s1 (add and serve show them).")],
    output: DossierOutput,
    db: Db = "sourcetrace.db",
    fmt: Format = None,
) -> None:
    """Write one stored story's dossier: JSON (the contract), Markdown or HTML, chosen by the extension."""
    from .render import format_for_path, render
    from .store import Store

    chosen = _format(fmt) if fmt else format_for_path(str(output))
    with Store.open(db) as store:
        dossier = store.dossier(story)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(dossier, chosen), encoding="utf-8")  # type: ignore[arg-type]
    _summary(dossier, output)


@command
def serve(
    db: Db = "sourcetrace.db",
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; other than 127.0.0.1 needs SOURCETRACE_TOKEN."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0 picks a free one).")] = 8000,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let added URLs reach private addresses.")
    ] = False,
) -> None:
    """Serve the web app and the REST API (docs at /docs) over a store; SOURCETRACE_TOKEN guards writes."""
    from .web.app import serve as run_server
    from .web.app import token_from_env

    run_server(db, host=host, port=port, token=token_from_env(), allow_private=allow_private)


@command
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Folders and files (.txt, .html, .jsonl, .warc, feeds), URLs, or -.")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder of the run: dossiers, tables, journal. Re-run to resume.")
    ],
    engine: Annotated[
        str, typer.Option("--engine", help="single (this process), local (worker processes) or ray.")
    ] = "local",
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes or Ray actors (default: one per core).")
    ] = None,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="A running Ray cluster (default: start a local one).")
    ] = None,
    max_story_articles: Annotated[
        int, typer.Option("--max-story-articles", help="Larger stories are analysed in parts of this size.")
    ] = 200,
    restart: Annotated[
        bool, typer.Option("--restart", help="Discard an earlier run in --out instead of resuming it.")
    ] = False,
    allow_private: AllowPrivate = False,
    encoding: Encoding = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Analyse a corpus of any size story by story: a JSON dossier per story and Parquet tables of claims,
    reports and articles in --out. Memory stays bounded; an interrupted run resumes where it stopped."""
    from .batch import BatchSettings, run_batch
    from .model import Problem

    class Reporter:
        def progress(self, stage: str, done: int, total: int | None, unit: str, rate: float) -> None:
            if not quiet:
                of = f"/{total:,}" if total is not None else ""
                print(f"{stage}: {done:,}{of} {unit} ({rate:,.1f}/s)", file=sys.stderr, flush=True)

        def problem(self, problem: Problem) -> None:
            print(f"{problem.source}: {problem.reason}", file=sys.stderr, flush=True)

        def note(self, message: str) -> None:
            print(message, file=sys.stderr, flush=True)

    settings = BatchSettings(
        engine=engine, workers=workers, ray_address=ray_address, max_story_articles=max_story_articles,
        allow_private=allow_private, encoding=encoding,
    )
    try:
        summary = run_batch(inputs, out, settings, reporter=Reporter(), restart=restart)
    except KeyboardInterrupt:
        print(f"interrupted; run the same command again to resume (finished work is kept in {out})",
              file=sys.stderr)
        raise typer.Exit(130) from None
    verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in summary.verdicts.items() if n)
    parts = f", {summary.split} of them in parts" if summary.split else ""
    print(
        f"{summary.articles} articles, {summary.stories} stories ({summary.analysed} dossiers{parts}), "
        f"{summary.claims} claims" + (f" ({verdicts})" if verdicts else "")
    )
    if summary.problems:
        print(f"{len(summary.problems)} problem(s); listed in {out / 'problems.jsonl'}")
    print(f"dossiers in {(out / 'dossiers').resolve()}, tables in {(out / 'tables').resolve()}")
    raise typer.Exit(1 if summary.problems or not summary.articles else 0)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
