"""The store's persistence: stories, articles and claims in a database, and nothing else.

A SQLite file by default (``sourcetrace.db``), PostgreSQL when given a ``postgresql://`` URL (driver
psycopg 3). The schema is made by the Alembic migrations in ``store/migrations``, which run when the
store opens and are recorded in the database (``alembic_version``); the tables below mirror the newest
migration. Records are written in their contract JSON shape (``sourcetrace.codec``).

This module never analyses: ``newsroom.py`` decides which story an article joins and runs the pipeline,
then hands the result to the write primitives here (``_new_story``, ``_insert_article``,
``_write_analysis``) inside one ``writing()`` transaction.

Writes are serialised (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL) and committed
only when the whole block is done, so a crash at any point leaves the store as it was before it.
Readers are never blocked (SQLite runs in WAL mode). A database failure is raised as ``StoreError``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Self

import numpy as np
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from ..codec import SCHEMA_ID, article_from_dict, article_to_dict, dossier_from_dict, dossier_to_dict
from ..errors import NotFoundError, StoreError, UsageError
from ..model import VERDICTS, Article, Dossier, Problem

__all__ = ["AddResult", "Added", "Database", "Member", "StorySummary", "database_url", "text_hash"]

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DB = "sourcetrace.db"
BUSY_TIMEOUT_S = 120  # how long a writer waits for another writer (an add runs the analysis)
ADVISORY_LOCK = 0x50_75_72_63  # PostgreSQL advisory lock key that serialises writers ("Purc")
DOSSIER_CACHE = 64

metadata = sa.MetaData()

stories_table = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("number", sa.Integer, nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Column("claim_count", sa.Integer, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("analysis", sa.JSON, nullable=False),
)

articles_table = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
    sa.Column("salient", sa.JSON, nullable=False),
)

claims_table = sa.Table(
    "claims",
    metadata,
    sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id"), primary_key=True),
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("verdict", sa.String(16), nullable=False),
    sa.Column("echoes", sa.Integer, nullable=False),
    sa.Column("origins", sa.Integer, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Index("ix_claims_story_verdict", "story_id", "verdict"),
)


# --- Public records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as the store lists it."""

    id: str
    title: str
    articles: int
    claims: int
    counts: dict[str, int]
    created: datetime
    updated: datetime
    version: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "claims": self.claims,
            "verdicts": dict(self.counts),
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class Added:
    """What became of one article: added to a story, or recognised as one the store already holds."""

    article: str  # its id in the store (the earlier article's, for a duplicate)
    source: str
    story: str
    story_title: str
    status: Literal["added", "duplicate"]
    new_story: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "source": self.source,
            "story": self.story,
            "story_title": self.story_title,
            "status": self.status,
            "new_story": self.new_story,
        }


@dataclass(slots=True)
class AddResult:
    added: list[Added] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def stories(self) -> list[str]:
        """The stories this add changed, in the order first touched."""
        return list(dict.fromkeys(a.story for a in self.added if a.status == "added"))


@dataclass(frozen=True, slots=True)
class Member:
    """An article already in the store, as story assignment sees it: its story, text and lead vector."""

    story: str
    article: Article
    vector: np.ndarray


# --- Pure helpers -----------------------------------------------------------------------------------


def text_hash(text: str) -> str:
    """The duplicate key of an article: SHA-256 of its cleaned text with whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def database_url(db: str) -> str:
    """The SQLAlchemy URL for ``--db``: a file path means SQLite, ``postgresql://`` PostgreSQL (psycopg 3)."""
    if "://" not in db:
        if not db.strip():
            raise UsageError("the database path is empty; pass --db sourcetrace.db or --db postgresql://...")
        return "sqlite:///" + str(Path(db).expanduser().absolute())
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    if scheme == "sqlite":
        return db
    raise UsageError(
        f"unsupported database URL scheme {scheme!r}; pass a SQLite file path (--db sourcetrace.db) "
        "or a PostgreSQL URL (--db postgresql://user@host/dbname)"
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything is written in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _dossier_parts(d: Dossier) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """A one-story dossier as (articles, claims, the rest), each in the contract's JSON shape."""
    data = dossier_to_dict(d)
    rest = {k: v for k, v in data.items() if k not in ("schema", "articles", "claims")}
    return data["articles"], data["claims"], rest


CONTRACT_ORDER = (
    "schema",
    "articles",
    "stories",
    "entities",
    "claims",
    "provenance",
    "timeline",
    "contributions",
    "summary",
    "problems",
)


# --- The store ---------------------------------------------------------------------------------------


class Database:
    """Stories in a database. Thread-safe; one writer at a time, across processes too.

    ``newsroom.Store`` (what ``sourcetrace.store.Store`` names) adds articles on top of it.

    >>> with Database.open("sourcetrace.db") as db:                       # doctest: +SKIP
    ...     db.dossier("s1")
    """

    def __init__(self, engine: Engine, *, shown: str) -> None:
        self.engine = engine
        self.shown = shown  # the database as messages name it (no password)
        self._lock = threading.RLock()
        self._cache: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._cache_lock = threading.Lock()

    # -- opening

    @classmethod
    def open(cls, db: str = DEFAULT_DB) -> Self:
        """Open (creating if need be) the store and bring its schema up to date."""
        url = sa.engine.make_url(database_url(db))
        shown = url.render_as_string(hide_password=True)
        if url.get_backend_name() == "sqlite":
            engine = sa.create_engine(
                url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
            )
            _sqlite_transactions(engine, wal=url.database not in (None, "", ":memory:"))
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
        store = cls(engine, shown=shown)
        try:
            store.migrate()
        except sa.exc.DatabaseError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"cannot open the store {shown}: {reason}; check the path (its folder must exist) "
                "or that the PostgreSQL server is running and the URL is right"
            ) from exc
        return store

    def migrate(self) -> None:
        """Run the Alembic migrations up to the newest, recorded in ``alembic_version``."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("path_separator", "os")
        with self._writing() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The schema revision the database records."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction, with the store's write lock held; committed only if the block ends."""
        with self._lock, self.engine.connect() as conn:
            conn.execution_options(sourcetrace_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
                yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """``_writing``, with a database failure raised as ``StoreError`` (the newsroom's transactions)."""
        try:
            with self._writing() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(
                f"the store {self.shown} failed: {reason}; nothing of this write was kept, "
                "earlier writes (articles added before this one) are"
            ) from exc

    # -- writing primitives (the newsroom calls them inside one ``writing()`` block)

    def _article_ids(self, conn: Connection) -> set[str]:
        return set(conn.scalars(sa.select(articles_table.c.id)))

    def _members(self, conn: Connection) -> list[Member]:
        """Every stored article as story assignment compares it, oldest first."""
        return [
            Member(
                row.story_id,
                Article(row.id, row.source, row.data["text"], row.title, published=row.published),
                np.frombuffer(row.vector, dtype=np.float32),
            )
            for row in conn.execute(
                sa.select(
                    articles_table.c.id,
                    articles_table.c.story_id,
                    articles_table.c.source,
                    articles_table.c.title,
                    articles_table.c.published,
                    articles_table.c.data,
                    articles_table.c.vector,
                ).order_by(articles_table.c.added_at, articles_table.c.position)
            )
        ]

    def _duplicate(self, digest: str, conn: Connection | None = None) -> Added | None:
        query = (
            sa.select(articles_table.c.id, articles_table.c.source, stories_table.c.id, stories_table.c.title)
            .join(stories_table, stories_table.c.id == articles_table.c.story_id)
            .where(articles_table.c.text_hash == digest)
        )
        if conn is None:
            with self.engine.connect() as own:
                row = own.execute(query).first()
        else:
            row = conn.execute(query).first()
        if row is None:
            return None
        return Added(row[0], row[1], row[2], row[3], "duplicate")

    def _new_story(self, conn: Connection, article: Article, now: datetime) -> str:
        number = (conn.scalar(sa.select(sa.func.max(stories_table.c.number))) or 0) + 1
        story = f"s{number}"
        conn.execute(
            stories_table.insert().values(
                id=story,
                number=number,
                title=article.title or article.source,
                created_at=now,
                updated_at=now,
                version=0,
                article_count=0,
                claim_count=0,
                counts={},
                analysis={},
            )
        )
        return story

    def _insert_article(
        self,
        conn: Connection,
        story: str,
        article: Article,
        digest: str,
        vector: np.ndarray,
        salient: frozenset[str],
        now: datetime,
    ) -> None:
        position = conn.scalar(
            sa.select(sa.func.count()).select_from(articles_table).where(articles_table.c.story_id == story)
        )
        data = article_to_dict(article)
        conn.execute(
            articles_table.insert().values(
                id=article.id,
                story_id=story,
                position=position,
                text_hash=digest,
                source=article.source,
                title=article.title,
                outlet=article.outlet,
                published=article.published,
                added_at=now,
                data=data,
                vector=np.asarray(vector, dtype=np.float32).tobytes(),
                salient=sorted(salient),
            )
        )

    def _story_articles(self, conn: Connection, story: str) -> list[Article]:
        return [article_from_dict(a) for a in self._article_rows(conn, story)]

    def _write_analysis(self, conn: Connection, story: str, dossier: Dossier, now: datetime) -> None:
        articles, claims, rest = _dossier_parts(dossier)
        for data in articles:  # the analysis may fill in an outlet from the file name
            conn.execute(
                articles_table.update()
                .where(articles_table.c.id == data["id"])
                .values(data=data, title=data["title"], outlet=data["outlet"], published=data["published"])
            )
        conn.execute(claims_table.delete().where(claims_table.c.story_id == story))
        if claims:
            conn.execute(
                claims_table.insert(),
                [
                    {
                        "story_id": story,
                        "id": c["id"],
                        "position": n,
                        "statement": c["statement"],
                        "verdict": c["verdict"],
                        "echoes": c["echoes"],
                        "origins": len(c["origins"]),
                        "data": c,
                    }
                    for n, c in enumerate(claims)
                ],
            )
        counts = {v: n for v, n in dossier.verdict_counts().items() if v in VERDICTS}
        conn.execute(
            stories_table.update()
            .where(stories_table.c.id == story)
            .values(
                title=dossier.stories[0].title if dossier.stories else story,
                updated_at=now,
                version=stories_table.c.version + 1,
                article_count=len(articles),
                claim_count=len(claims),
                counts=counts,
                analysis=rest,
            )
        )

    # -- reading

    def stories(self) -> list[StorySummary]:
        """Every story, most recently updated first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(stories_table).order_by(stories_table.c.updated_at.desc(), stories_table.c.number)
            ).all()
        return [_summary(row) for row in rows]

    def story(self, story: str) -> StorySummary:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories_table).where(stories_table.c.id == story)).first()
            if row is None:
                raise self._missing(conn, story)
        return _summary(row)

    def dossier_dict(self, story: str) -> dict[str, Any]:
        """The story's dossier in the contract's JSON shape (``sourcetrace.dossier/1``)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories_table.c.analysis).where(stories_table.c.id == story)).first()
            if row is None:
                raise self._missing(conn, story)
            articles = self._article_rows(conn, story)
            claims = list(
                conn.scalars(
                    sa.select(claims_table.c.data)
                    .where(claims_table.c.story_id == story)
                    .order_by(claims_table.c.position)
                )
            )
        analysis = dict(row.analysis)
        data: dict[str, Any] = {"schema": SCHEMA_ID, "articles": articles, "claims": claims, **analysis}
        data.setdefault("stories", [])
        data.setdefault("entities", [])
        return {k: data[k] for k in CONTRACT_ORDER if k in data}

    def dossier(self, story: str) -> Dossier:
        return dossier_from_dict(self.dossier_dict(story))

    def dossier_json(self, story: str) -> str:
        """``dossier_dict`` as JSON text, cached per story version (the API's hot path)."""
        version = self.story(story).version
        with self._cache_lock:
            cached = self._cache.get(story)
            if cached is not None and cached[0] == version:
                self._cache.move_to_end(story)
                return cached[1]
        data = self.dossier_dict(story)
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        with self._cache_lock:
            self._cache[story] = (version, text)
            self._cache.move_to_end(story)
            while len(self._cache) > DOSSIER_CACHE:
                self._cache.popitem(last=False)
        return text

    def articles(self, story: str) -> list[Article]:
        """The story's articles, in the order they were added."""
        with self.engine.connect() as conn:
            if conn.scalar(sa.select(stories_table.c.id).where(stories_table.c.id == story)) is None:
                raise self._missing(conn, story)
            rows = self._article_rows(conn, story)
        return [article_from_dict(a) for a in rows]

    def counts(self) -> dict[str, int]:
        """How many stories, articles and claims the store holds."""
        with self.engine.connect() as conn:
            return {
                name: int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
                for name, table in (
                    ("stories", stories_table),
                    ("articles", articles_table),
                    ("claims", claims_table),
                )
            }

    def _article_rows(self, conn: Connection, story: str) -> list[dict[str, Any]]:
        return list(
            conn.scalars(
                sa.select(articles_table.c.data)
                .where(articles_table.c.story_id == story)
                .order_by(articles_table.c.position)
            )
        )

    def _missing(self, conn: Connection, story: str) -> NotFoundError:
        ids = list(conn.scalars(sa.select(stories_table.c.id).order_by(stories_table.c.number).limit(20)))
        held = f"the store holds {', '.join(ids)}" if ids else "the store holds no stories yet; add articles"
        return NotFoundError(f"no story {story!r}; {held}")


def _summary(row: Any) -> StorySummary:
    counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
    counts.update(row.counts or {})
    return StorySummary(
        id=row.id,
        title=row.title,
        articles=row.article_count,
        claims=row.claim_count,
        counts=counts,
        created=_aware(row.created_at),
        updated=_aware(row.updated_at),
        version=row.version,
    )


def _sqlite_transactions(engine: Engine, *, wal: bool) -> None:
    """Let SQLAlchemy, not pysqlite, start transactions: reads ``BEGIN``, writes ``BEGIN IMMEDIATE``.

    pysqlite's own handling defers ``BEGIN`` until the first write, so two writers could both read the
    store and then collide; an immediate transaction takes the write lock before anything is read.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sourcetrace_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
