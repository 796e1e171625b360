"""The first store schema: stories, their articles and their claims.

Revision ID: 0001
Revises:
Create Date: 2026-12-02

A migration spells its tables out instead of importing ``sourcetrace.store``'s, so that it keeps
describing this revision when the store's tables change in a later one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
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
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id"), nullable=False),
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
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "claims",
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("echoes", sa.Integer, nullable=False),
        sa.Column("origins", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_story_verdict", "claims", ["story_id", "verdict"])


def downgrade() -> None:
    op.drop_index("ix_claims_story_verdict", table_name="claims")
    op.drop_table("claims")
    op.drop_index("ix_articles_story_id", table_name="articles")
    op.drop_table("articles")
    op.drop_table("stories")
