"""The store wing: stories kept in a database and brought up to date one article at a time.

    db.py          persistence only: tables, transactions, reads (raises ``StoreError``)
    newsroom.py    add -> assign to a story -> analyse it -> save (the only part that runs the pipeline)
    migrations/    the Alembic revisions, run when the store opens

``Store`` (the newsroom's) is what the CLI, the web app and library users open.
"""

from __future__ import annotations

from .db import (
    DEFAULT_DB,
    MIGRATIONS,
    Added,
    AddResult,
    Database,
    Member,
    StorySummary,
    database_url,
    text_hash,
)
from .newsroom import Store, article_features

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "AddResult",
    "Added",
    "Database",
    "Member",
    "Store",
    "StorySummary",
    "article_features",
    "database_url",
    "text_hash",
]
