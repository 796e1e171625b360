"""The store on a real PostgreSQL server, which the fixture starts itself (Debian's postgresql 15) in a
temporary folder, listening on a unix socket only, and stops at the end."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcetrace import pipeline
from sourcetrace.model import Article
from sourcetrace.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _skip(reason: str) -> None:
    pytest.skip(f"PostgreSQL store tests skipped: {reason}")


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields the URL ``sourcetrace --db`` takes."""
    initdb, pg_ctl = PG_BIN / "initdb", PG_BIN / "pg_ctl"
    if not initdb.exists() or not pg_ctl.exists():
        _skip(f"{initdb} not found; install Debian's postgresql package (make system-deps)")
    base = Path(tempfile.mkdtemp(prefix="sourcetrace-pg-"))  # not tmp_path: the server's user must reach it
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as an unprivileged user
        runuser = shutil.which("runuser")
        user = next((u for u in ("postgres", "nobody") if _user_exists(u)), None)
        if runuser is None or user is None:
            shutil.rmtree(base, ignore_errors=True)
            _skip("running as root without runuser or a postgres/nobody user to run the server as")
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
        run_as = [runuser, "-u", user, "--"]  # type: ignore[list-item]
    data, log = base / "data", base / "server.log"
    try:
        subprocess.run(
            [
                *run_as,
                str(initdb),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        options = f"-k {base} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        started = subprocess.run(
            [*run_as, str(pg_ctl), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(base, ignore_errors=True)
        _skip(f"could not create a database cluster: {getattr(exc, 'stderr', '') or exc}")
    if started.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else started.stderr
        shutil.rmtree(base, ignore_errors=True)
        _skip(f"the server did not start: {text.strip()[-500:]}")
    try:
        yield f"postgresql://postgres@/postgres?host={base}"
    finally:
        subprocess.run(
            [*run_as, str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _articles(*names: str) -> list[Article]:
    articles, problems = pipeline.load_articles([str(EXAMPLES / f"{n}.txt") for n in names])
    assert not problems
    return articles


@pytest.fixture(scope="module")
def pg_store(postgres: str, models: Any) -> Iterator[Store]:
    with Store.open(postgres) as store:
        result = store.add_articles(
            _articles("b1_avonside-chronicle", "a1_northgate-review", "b2_light-rail-bulletin"), models=models
        )
        assert not result.problems
        yield store


@pytest.mark.models
def test_postgres_store_groups_articles_and_records_its_migrations(
    pg_store: Store, schema: dict[str, Any]
) -> None:
    import jsonschema
    import sqlalchemy as sa

    assert pg_store.engine.dialect.name == "postgresql"
    assert pg_store.engine.dialect.driver == "psycopg"
    assert pg_store.revision() == "0002"
    with pg_store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0002"
    by_id = {s.id: s for s in pg_store.stories()}
    assert set(by_id) == {"s1", "s2"}
    assert [a.id for a in pg_store.articles("s1")] == ["b1_avonside-chronicle", "b2_light-rail-bulletin"]
    assert [a.id for a in pg_store.articles("s2")] == ["a1_northgate-review"]
    for sid, summary in by_id.items():
        data = json.loads(pg_store.dossier_json(sid))
        jsonschema.validate(data, schema)
        assert len(data["claims"]) == summary.claims > 0


@pytest.mark.models
def test_postgres_recognises_duplicates(pg_store: Store, models: Any) -> None:
    counts = pg_store.counts()
    again = pg_store.add_articles(_articles("a1_northgate-review"), models=models)
    assert [(a.status, a.article, a.story) for a in again.added] == [
        ("duplicate", "a1_northgate-review", "s2")
    ]
    assert pg_store.counts() == counts


@pytest.mark.models
def test_postgres_rolls_back_an_add_that_fails_after_its_writes(
    pg_store: Store, models: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {s.id: (s, pg_store.dossier_json(s.id)) for s in pg_store.stories()}
    counts = pg_store.counts()
    real_write = Store._write_analysis

    def write_then_fail(self: Store, *args: Any, **kwargs: Any) -> None:
        real_write(self, *args, **kwargs)
        raise RuntimeError("connection lost after the writes")

    monkeypatch.setattr(Store, "_write_analysis", write_then_fail)
    result = pg_store.add_articles(_articles("a2_continental-wire"), models=models)
    assert [p.reason for p in result.problems] == ["not added: connection lost after the writes"]
    assert pg_store.counts() == counts
    assert {s.id: (s, pg_store.dossier_json(s.id)) for s in pg_store.stories()} == before


def test_postgres_writers_wait_for_each_other(postgres: str) -> None:
    """Two stores (two connection pools, as two processes would have) never write at the same time."""
    events: list[str] = []
    with Store.open(postgres) as first, Store.open(postgres) as second:

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
