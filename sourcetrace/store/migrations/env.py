"""Alembic environment for the store: runs on the connection ``Database.migrate`` hands over.

The store opens the write transaction (and takes the write lock) itself, so migrations from two
processes opening one new database run one after the other, and the second finds nothing to do.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "the sourcetrace migrations run from the store's open(), which supplies the connection; "
        "open the store (e.g. `sourcetrace add --db ...`) instead of running alembic directly"
    )
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
