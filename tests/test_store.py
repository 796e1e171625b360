"""The store on SQLite: incremental adds, story assignment, duplicates, the contract, migrations, and
transactions that survive an analysis that raises and a process killed mid-add."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sourcetrace import pipeline
from sourcetrace.errors import NotFoundError, UsageError
from sourcetrace.model import Article
from sourcetrace.render.jsonout import dossier_to_dict
from sourcetrace.store import Store, database_url, text_hash

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
IRISH = ("a1_northgate-review", "a2_continental-wire", "a3_daily-flare", "a4_powerplant-intelligence")
IRISH_ALL = (*IRISH, "a5_estuary-herald", "a6_signalnoise-roundup")
TRAM = ("b1_avonside-chronicle", "b2_light-rail-bulletin")


# --- No models needed ---------------------------------------------------------------------------------


def test_database_url_reads_paths_and_postgres_urls(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@/db?host=/tmp") == "postgresql+psycopg://u@/db?host=/tmp"
    with pytest.raises(UsageError, match="postgresql://"):
        database_url("mysql://u@h/db")


def test_text_hash_folds_whitespace_only() -> None:
    assert text_hash("A  claim.\n\nMore") == text_hash("A claim. More")
    assert text_hash("A claim.") != text_hash("A claim!")


def test_opening_a_store_in_a_missing_folder_says_how_to_fix_it(tmp_path: Path) -> None:
    from sourcetrace.errors import SourcetraceError

    with pytest.raises(SourcetraceError, match="folder must exist"):
        Store.open(str(tmp_path / "no" / "such" / "folder" / "x.db"))


# --- A store built one article at a time from the example corpus -----------------------------------------


def _articles() -> dict[str, Article]:
    articles, problems = pipeline.load_articles([str(EXAMPLES)])
    assert not problems
    return {a.id: a for a in articles}


def _dump(db: Path) -> list[str]:
    """Every row of every table, as SQL: two stores are the same store when their dumps are equal."""
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, models: Any) -> Iterator[dict[str, Any]]:
    """The corpus added article by article; the last (b2) is added under a spy on the analysis."""
    db = tmp_path_factory.mktemp("store") / "store.db"
    articles = _articles()
    store = Store.open(str(db))
    first = store.add_articles(
        [a for aid, a in articles.items() if aid != "b2_light-rail-bulletin"], models=models
    )
    before = {s.id: s for s in store.stories()}
    before_json = {sid: store.dossier_json(sid) for sid in before}
    calls: list[tuple[tuple[str, ...], str | None]] = []
    real = pipeline.analyse_articles

    def spy(arts: Any, **kwargs: Any) -> Any:
        calls.append((tuple(a.id for a in arts), kwargs.get("story_id")))
        return real(arts, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "analyse_articles", spy)
        last = store.add_article(articles["b2_light-rail-bulletin"], models=models)
    yield {
        "db": db,
        "store": store,
        "first": first,
        "last": last,
        "before": before,
        "before_json": before_json,
        "calls": calls,
        "articles": articles,
    }
    store.close()


@pytest.mark.models
def test_articles_join_their_stories_as_the_batch_analysis_groups_them(built: dict[str, Any]) -> None:
    store: Store = built["store"]
    outcomes = [*built["first"].added, built["last"]]
    assert not built["first"].problems
    assert [(a.article, a.story, a.status) for a in outcomes] == [
        *[(aid, "s1", "added") for aid in IRISH_ALL],
        *[(aid, "s2", "added") for aid in TRAM],
    ]
    assert [a.new_story for a in outcomes] == [True, False, False, False, False, False, True, False]
    assert {s.id: s.articles for s in store.stories()} == {"s1": 6, "s2": 2}
    assert [a.id for a in store.articles("s2")] == list(TRAM)


@pytest.mark.models
def test_only_the_story_an_article_joins_is_analysed_again(built: dict[str, Any]) -> None:
    store: Store = built["store"]
    assert built["calls"] == [(TRAM, "s2")], "one analysis, of the joined story's articles only"
    after = {s.id: s for s in store.stories()}
    assert after["s1"] == built["before"]["s1"]
    assert store.dossier_json("s1") == built["before_json"]["s1"]
    assert after["s2"].version == built["before"]["s2"].version + 1
    assert after["s2"].updated > built["before"]["s2"].updated
    assert after["s2"].articles == 2
    # The joined article's reports are in the story's claims now (as echoes or claims of their own).
    assert any(r.article == "b2_light-rail-bulletin" for c in store.dossier("s2").claims for r in c.reports)


@pytest.mark.models
def test_the_incremental_store_says_what_a_batch_analysis_says(
    built: dict[str, Any], example_dossier: Any
) -> None:
    store: Store = built["store"]

    def key(claims: Any) -> set[tuple[Any, ...]]:
        return {(c.statement, c.verdict, c.echoes, c.origins, c.denied_by) for c in claims}

    for story in example_dossier.stories:
        sid = "s1" if "a1_northgate-review" in story.articles else "s2"
        batch = [c for c in example_dossier.claims if c.story == story.id]
        assert key(store.dossier(sid).claims) == key(batch)


@pytest.mark.models
def test_duplicates_are_recognised_by_their_text(built: dict[str, Any], models: Any) -> None:
    store: Store = built["store"]
    counts = store.counts()
    original = built["articles"]["a3_daily-flare"]
    respaced = replace(original, source="elsewhere/flare-copy.txt", text=original.text.replace(". ", ".  \n"))
    outcome = store.add_article(respaced, models=models)
    assert (outcome.status, outcome.article, outcome.story) == ("duplicate", "a3_daily-flare", "s1")
    assert outcome.source == "elsewhere/flare-copy.txt"
    assert store.counts() == counts


@pytest.mark.models
def test_each_story_is_the_dossier_contract(built: dict[str, Any], schema: dict[str, Any]) -> None:
    import jsonschema

    store: Store = built["store"]
    for summary in store.stories():
        data = json.loads(store.dossier_json(summary.id))
        jsonschema.validate(data, schema)
        assert [s["id"] for s in data["stories"]] == [summary.id]
        assert {c["story"] for c in data["claims"]} == {summary.id}
        assert len(data["claims"]) == summary.claims and len(data["articles"]) == summary.articles
        assert sum(summary.counts.values()) == summary.claims
        assert dossier_to_dict(store.dossier(summary.id)) == data  # what the store holds reads back whole
    with pytest.raises(NotFoundError, match="s1, s2"):
        store.dossier("s9")


def test_names_stored_before_acronyms_were_joined_are_rewritten_once(tmp_path: Path) -> None:
    # A store written by revision 0001 holds "u s" for "U.S."; opening it now stores what
    # normal_form makes today, so old and new articles share the name in story assignment.
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from sourcetrace.entities import normal_form
    from sourcetrace.store import MIGRATIONS

    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    old = ["antony j blinken", "u n security council", "u s"]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        now = "2026-12-01 00:00:00"
        conn.execute(
            sa.text(
                "INSERT INTO stories VALUES ('s1', 1, 't', :now, :now, 1, 1, 0, '{}', '{}')"
            ),
            {"now": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, story_id, position, text_hash, source, added_at, data, vector, "
                "salient) VALUES ('a1', 's1', 0, 'h', 'a1.txt', :now, '{}', :vector, :salient)"
            ),
            {"now": now, "vector": b"", "salient": json.dumps(old)},
        )
    engine.dispose()
    with Store.open(str(db)) as store:
        assert store.revision() == "0002"
    with sqlite3.connect(db) as conn:
        (salient,) = conn.execute("SELECT salient FROM articles").fetchone()
    today = [normal_form("Antony J. Blinken"), normal_form("U.N. Security Council"), normal_form("U.S.")]
    assert json.loads(salient) == sorted(today) == ["antony j blinken", "un security council", "us"]


@pytest.mark.models
def test_migrations_are_recorded_in_the_database(built: dict[str, Any]) -> None:
    db: Path = built["db"]
    assert built["store"].revision() == "0002"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"stories", "articles", "claims", "alembic_version"} <= tables
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with Store.open(str(db)) as again:  # opening again migrates nothing and loses nothing
        assert again.revision() == "0002"
        assert again.counts() == built["store"].counts()


@pytest.mark.models
def test_export_writes_each_format_from_the_extension(built: dict[str, Any], tmp_path: Path) -> None:
    db = str(built["db"])
    real = _cli("export", "s1", "-o", str(tmp_path / "s1.json"), "--db", db)  # once as a real process
    assert real.returncode == 0, real.stderr
    assert str(tmp_path / "s1.json") in real.stdout
    exported = json.loads((tmp_path / "s1.json").read_text(encoding="utf-8"))
    assert exported == json.loads(built["store"].dossier_json("s1"))
    for name, marker in (("s1.md", "# "), ("s1.html", "<!doctype html")):
        out = tmp_path / name
        result = _run("export", "s1", "-o", str(out), "--db", db)
        assert result.exit_code == 0, result.stderr
        assert marker in out.read_text(encoding="utf-8")[:400].lower()
    missing = _run("export", "s7", "-o", str(tmp_path / "x.json"), "--db", db)
    assert missing.exit_code == 2 and "no story 's7'" in missing.stderr and "s1, s2" in missing.stderr
    assert not (tmp_path / "x.json").exists()
    unknown = _run("export", "s1", "-o", str(tmp_path / "x.pdf"), "--db", db)
    assert unknown.exit_code == 2 and ".json" in unknown.stderr


# --- Transactions -------------------------------------------------------------------------------------------


NEW_ARTICLE = """Harbourside tram line to open in 2029, says council

Bristol City Council said on Monday that the Harbourside tram line would carry its first passengers in 2029.
The council's transport lead, Councillor Ada Pryce, said the £412m line would run every six minutes.
Contractors told the Avonside Chronicle that track-laying would start next spring.
"""


def _copy(built: dict[str, Any], target: Path) -> Path:
    with sqlite3.connect(built["db"]) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


@pytest.mark.models
def test_a_failing_analysis_leaves_the_store_as_it_was(
    built: dict[str, Any], tmp_path: Path, models: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _copy(built, tmp_path / "copy.db")
    before = _dump(db)
    article = Article(id="new", source="tram-2029.txt", text=NEW_ARTICLE)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("analysis exploded")

    with Store.open(str(db)) as store:
        monkeypatch.setattr(pipeline, "analyse_articles", broken)
        result = store.add_articles([article], models=models)
        assert [p.reason for p in result.problems] == ["not added: analysis exploded"]
        assert result.added == []
    assert _dump(db) == before

    # A failure after the new claims were written (the last step before commit) is rolled back too.
    monkeypatch.undo()
    real_write = Store._write_analysis

    def write_then_fail(self: Store, *args: Any, **kwargs: Any) -> None:
        real_write(self, *args, **kwargs)
        raise RuntimeError("disk on fire after the writes")

    monkeypatch.setattr(Store, "_write_analysis", write_then_fail)
    with Store.open(str(db)) as store, pytest.raises(RuntimeError, match="disk on fire"):
        store.add_article(article, models=models)
    assert _dump(db) == before


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sourcetrace.store import Store
    from sourcetrace import cli

    db, marker, *sources = sys.argv[1:]
    real_write = Store._write_analysis
    writes = []

    def write_then_die(self, conn, *args, **kwargs):
        real_write(self, conn, *args, **kwargs)
        writes.append(1)
        if len(writes) == 2:  # the second article: everything written, nothing committed yet
            Path(marker).write_text("about to die")
            os.kill(os.getpid(), signal.SIGKILL)

    Store._write_analysis = write_then_die
    sys.argv = ["sourcetrace", "add", *sources, "--db", db]
    cli.main()
    """
)


SHIPYARD = """Grimsby shipyard wins ferry order, union says

The GMB union said on Friday that the Humber Marine shipyard in Grimsby had won an order for two ferries.
A spokesperson for the yard declined to comment on the value of the contract.
"""


@pytest.mark.models
def test_a_process_killed_mid_add_leaves_the_store_as_before_that_article(
    built: dict[str, Any], tmp_path: Path, models: Any
) -> None:
    db = _copy(built, tmp_path / "killed.db")
    before = _dump(db)
    marker = tmp_path / "marker"
    first, second = tmp_path / "shipyard.txt", tmp_path / "tram-2029.txt"
    first.write_text(SHIPYARD, encoding="utf-8")
    second.write_text(NEW_ARTICLE, encoding="utf-8")
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(db), str(marker), str(first), str(second)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == -9, result.stderr  # killed by SIGKILL, mid-add of the second article
    assert marker.read_text() == "about to die"
    assert result.stdout.startswith("added      shipyard -> s3 (new story): ")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert [r[0] for r in conn.execute("SELECT id FROM articles WHERE story_id = 's3'")] == ["shipyard"]
        # Apart from the first article's own rows, nothing changed: the second left no trace.
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (len(built["articles"]) + 1,)
        assert conn.execute("SELECT version FROM stories WHERE id = 's2'").fetchone() == (
            built["store"].story("s2").version,
        )
        conn.execute("DELETE FROM claims WHERE story_id = 's3'")
        conn.execute("DELETE FROM articles WHERE story_id = 's3'")
        conn.execute("DELETE FROM stories WHERE id = 's3'")
    assert _dump(db) == before
    # The store is fine afterwards: the killed article goes in, and joins the tram story.
    with Store.open(str(db)) as store:
        outcome = store.add_article(Article(id="x", source=str(second), text=NEW_ARTICLE), models=models)
        assert (outcome.status, outcome.story) == ("added", "s2")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )


def _run(*args: str) -> Any:
    """The CLI in this process (the models are already loaded here)."""
    from typer.testing import CliRunner

    from sourcetrace.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.mark.models
def test_cli_add_reports_each_article_duplicates_and_skipped_inputs(tmp_path: Path, models: Any) -> None:
    db = tmp_path / "cli.db"
    copy = tmp_path / "copy-of-b1.txt"
    copy.write_text((EXAMPLES / "b1_avonside-chronicle.txt").read_text(encoding="utf-8"), encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = _run(
        "add",
        str(EXAMPLES / "b1_avonside-chronicle.txt"),
        str(EXAMPLES / "b2_light-rail-bulletin.txt"),
        str(copy),
        str(missing),
        "--db",
        str(db),
    )
    assert result.exit_code == 1, result.output  # one input was skipped
    lines = result.stdout.splitlines()
    assert lines[0].startswith("added      b1_avonside-chronicle -> s1 (new story): ")
    assert lines[1].startswith("added      b2_light-rail-bulletin -> s1: ")
    assert lines[2] == f"duplicate  {copy}: already stored as b1_avonside-chronicle in s1"
    assert lines[3].startswith("2 added, 1 already in the store, 1 story updated (s1); store: sqlite:///")
    assert f"{missing}:" in result.stderr
    with Store.open(str(db)) as store:
        assert store.counts()["articles"] == 2
    again = _run("add", str(EXAMPLES / "b2_light-rail-bulletin.txt"), "--db", str(db))
    assert again.exit_code == 0 and again.stdout.splitlines()[-1].startswith(
        "0 added, 1 already in the store"
    )
    bad = _run("add", str(EXAMPLES), "--db", "mysql://u@h/db")
    assert bad.exit_code == 2 and "postgresql://" in bad.stderr


def test_sqlite_writers_wait_for_each_other(tmp_path: Path) -> None:
    """Two stores on one file (two connection pools, as two processes would have) never write at once."""
    import threading
    import time

    db = str(tmp_path / "locks.db")
    events: list[str] = []
    with Store.open(db) as first, Store.open(db) as second:

        def other_writer() -> None:
            with second._writing():
                events.append("second writes")

        with first._writing():
            events.append("first writes")
            thread = threading.Thread(target=other_writer)
            thread.start()
            time.sleep(0.5)  # room for the other writer to (wrongly) get in
            events.append("first commits")
        thread.join(timeout=30)
    assert events == ["first writes", "first commits", "second writes"]
