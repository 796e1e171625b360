"""Names stored for story assignment join dotted acronyms: "U.S." is stored as "us", no longer "u s".

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

``entities.normal_form`` now drops the full stop after a single letter, so articles added before it
hold "u s" where new ones hold "us" and would not share the name. This rewrites the stored names once,
with the rule spelled out here (a migration keeps describing its revision when the code changes).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_INITIALS = re.compile(r"\b(\w)\s+(?=\w\b)")  # "u s" -> "us", "u n security council" -> "un security council"


def upgrade() -> None:
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("salient", sa.JSON))
    conn = op.get_bind()
    for row in conn.execute(sa.select(articles.c.id, articles.c.salient)).fetchall():
        names = list(row.salient or [])
        joined = sorted({_INITIALS.sub(r"\1", name) for name in names})
        if joined != names:
            conn.execute(articles.update().where(articles.c.id == row.id).values(salient=joined))


def downgrade() -> None:
    pass  # the joined names are what revision 0001's code would have stored for "US" too
