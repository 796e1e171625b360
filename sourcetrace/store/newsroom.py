"""The newsroom: an article comes in, joins its story, and that story is analysed again and saved.

Adding an article (``Store.add_article``), in one transaction:

1. its cleaned text is hashed (whitespace folded); a text the store already holds is a duplicate and
   nothing is written;
2. it gets a store-wide unique id (``pipeline.article_id``) and joins the story that
   ``stories.choose_story`` picks among the stored ones (the similarity and threshold ``analyze`` and
   ``batch`` group by); when none is close enough it starts a story;
3. that story alone is analysed again (``pipeline.analyse_articles`` over its articles), and its
   claims, origins, verdicts, graph, timeline and summary replace the old ones (``db._write_analysis``).

This is the only part of the store that calls the pipeline; ``db.py`` keeps and reads what it decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy.engine import Connection

from .. import pipeline, stories
from ..errors import StoreError, UsageError
from ..model import Article, Dossier, Problem
from .db import Added, AddResult, Database, text_hash, utcnow

if TYPE_CHECKING:
    from ..nlp import Models

__all__ = ["Store", "article_features"]


class Store(Database):
    """The store as the CLI, the web app and library users know it: the database, plus adding articles.

    >>> with Store.open("sourcetrace.db") as store:                       # doctest: +SKIP
    ...     store.add_articles(articles, models=models)
    ...     store.dossier("s1")
    """

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        models: Models,
        report: Callable[[Added | Problem], None] | None = None,
    ) -> AddResult:
        """Add each article in its own transaction; one that fails becomes a problem and the rest go on.

        ``report`` hears about each article as soon as it is in (or refused), for progress output.
        """
        result = AddResult()
        for article in articles:
            outcome: Added | Problem
            try:
                outcome = self.add_article(article, models=models)
                result.added.append(outcome)
            except StoreError:
                raise  # the store itself is failing: nothing after this would be added either
            except Exception as exc:
                outcome = Problem(article.source, f"not added: {exc}", "store")
                result.problems.append(outcome)
            if report is not None:
                report(outcome)
        return result

    def add_article(self, article: Article, *, models: Models) -> Added:
        """Add one cleaned article: it joins (or starts) a story, and that story alone is analysed again."""
        if not article.text.strip():
            raise UsageError(f"{article.source}: no article text to add")
        digest = text_hash(article.text)
        known = self._duplicate(digest)
        if known is not None:
            return replace(known, source=article.source)
        vector = article_features(article, models)  # the slow part, outside the lock
        salient: frozenset[str] = frozenset()  # no longer compared; the column stays for older stores
        with self.writing() as conn:
            found = self._duplicate(digest, conn)
            if found is not None:
                return replace(found, source=article.source)
            article = replace(article, id=pipeline.article_id(article.source, self._article_ids(conn)))
            stored = [stories.Stored(m.story, m.article, m.vector) for m in self._members(conn)]
            story = stories.choose_story(article, vector, stored)
            now = utcnow()
            new_story = story is None
            if story is None:
                story = self._new_story(conn, article, now)
            self._insert_article(conn, story, article, digest, vector, salient, now)
            dossier = self._analyse_story(conn, story, models)
            self._write_analysis(conn, story, dossier, now)
            title = dossier.stories[0].title if dossier.stories else story
        return Added(article.id, article.source, story, title, "added", new_story)

    def _analyse_story(self, conn: Connection, story: str, models: Models) -> Dossier:
        articles = self._story_articles(conn, story)
        return pipeline.analyse_articles(articles, models=models, story_id=story)


# --- Story assignment -------------------------------------------------------------------------------


def article_features(article: Article, models: Models) -> np.ndarray:
    """The lead embedding story assignment compares (``stories.similarity``; no parse needed)."""
    return models.embed([stories.lead_text(article)])[0].astype(np.float32)  # type: ignore[no-any-return]
