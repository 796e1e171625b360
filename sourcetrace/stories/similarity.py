"""The one similarity for "same story", used by ``group`` (a folder), ``assign`` (one new article
against stored stories) and ``stream`` (a corpus streamed in).

Requires an article's cleaned text and title, the MiniLM embedding of its lead (optional) and its
publication date when known; gives one unit vector per article and the score between an article and
a story, or between two stories.

Method.

* **What an article is** (``sketch``): TF-IDF over its words (stop words out, plurals folded), the
  names in it (runs of two or more capitalised words: "Reza Gul", "Islamic State") and the numbers in
  it ("25", "3.5", "1,200"), each a hashed term; plus the MiniLM embedding of its title and first
  ``lead_words`` words; plus a MinHash signature of its word 5-shingles (near-copies); plus its date.
  The terms are hashed (crc32) so that the document-frequency table has a fixed size, and projected
  with random signs onto ``hashed_dims`` dimensions (``vectorize``, with the document frequencies of
  the articles the caller knows); lexical and semantic halves are joined with equal weight into one
  unit vector, so that a dot product is ``(1-w)·cos(tf-idf) + w·cos(embedding)``.
* **Article to story, story to story** (``link``): the average similarity of their members, exact and
  cheap from the sums of their unit vectors (``ΣA · ΣB / (|A| |B|)``), less a time penalty: when both
  sides have dates, up to ``time_penalty`` as their date ranges move more than ``time_grace_days``
  apart (all of it at ``time_horizon_days``). No date, no penalty.
* **Same story** when the link is at least ``threshold``, or when the article nearly copies one of
  the story's (``duplicates.near_copy``).

The parameters' defaults, and how they were chosen (the threshold by cross-validation over disjoint
folds of stories; the weights fixed before looking at any score), are in ``docs/clustering.md``.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..model import Article
from .duplicates import DUPLICATE_JACCARD, minhash_signature

__all__ = [
    "ClusterSettings",
    "DocumentFrequencies",
    "Group",
    "Sketch",
    "embed_leads",
    "lead_text",
    "link",
    "sketch",
    "term_counts",
    "time_cost",
    "vectorize",
    "vectorize_all",
]

EMBEDDING_DIM = 384
LEAD_WORDS = 60  # words of the body, after the title, that the embedding sees
DF_BUCKETS = 1 << 21  # document-frequency table size: fixed, whatever the corpus


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """How articles are grouped; see the module docstring and docs/clustering.md for the choices."""

    threshold: float = (
        0.325  # average similarity for an article to join, or two groups to merge into, a story
    )
    fragment_threshold: float = (
        0.6  # average similarity inside a fragment (the unit consolidation starts from)
    )
    embedding_weight: float = 0.5  # share of the embedding in the similarity; the rest is TF-IDF
    hashed_dims: int = 512
    lead_words: int = LEAD_WORDS
    neighbours: int = 16
    lexical_neighbours: bool = True  # also ask the index for the nearest by TF-IDF alone (see _queries)
    duplicate_jaccard: float = DUPLICATE_JACCARD
    time_grace_days: float = 2.0
    time_horizon_days: float = 30.0
    time_penalty: float = 0.15
    max_live_articles: int = 50_000  # about 200 MB of clustering state at most
    consolidate: bool = True

    @property
    def dims(self) -> int:
        return self.hashed_dims + (EMBEDDING_DIM if self.embedding_weight > 0 else 0)


# ----------------------------------------------------------------------------------------- sketches

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
_NAME = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|de|del|la|al|bin|von|van|the)[ \t]+)?[A-Z][\w'’-]*)+")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # Reporting words say nothing about which story an article tells.
    extra = {"said", "says", "told", "according", "reported", "reportedly", "report", "reports", "new"}
    return frozenset(STOP_WORDS) | extra


_STOP = _stop_words()


def _fold(word: str) -> str:
    """Lower case, one apostrophe, and plurals folded ("engines" -> "engine", "bodies" -> "body")."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_counts(text: str, *, names: bool = True, numbers: bool = True) -> Counter[str]:
    """Words (``w:``), names (``e:``) and numbers (``n:``) of a text, with their counts."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if len(word) < 2 or word.lower() in _STOP:
            continue
        counts["w:" + _fold(word)] += 1
    for match in _NAME.finditer(text) if names else ():
        words = match.group(0).split()
        while words and words[0].lower() in _STOP:  # "The Islamic State" at a sentence start
            words.pop(0)
        if len(words) >= 2:
            counts["e:" + " ".join(_fold(w) for w in words)] += 1
    for match in _NUMBER.finditer(text) if numbers else ():
        counts["n:" + match.group(0).replace(",", "")] += 1
    return counts


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """The title and the first ``words`` words: what the embedding of an article is made from."""
    lead = " ".join(article.text.split()[:words])
    return f"{article.title}. {lead}" if article.title else lead or " "


def _days(published: str | None) -> float | None:
    if not published:
        return None
    try:
        stamp = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.timestamp() / 86400.0


@dataclass(frozen=True, slots=True, eq=False)
class Sketch:
    """What clustering needs from one article: computed once (in a worker), small enough to spool."""

    term_ids: np.ndarray  # uint32 crc32 of each term
    term_weights: np.ndarray  # float32 1 + log(count)
    embedding: np.ndarray  # float32 unit vector of the lead; empty when clustering without embeddings
    signature: np.ndarray  # uint32 MinHash values
    published: float | None = None  # days since 1970-01-01 (UTC)

    def to_json(self) -> dict[str, Any]:
        import base64

        def pack(a: np.ndarray) -> str:
            return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")

        return {
            "terms": pack(self.term_ids),
            "weights": pack(self.term_weights.astype(np.float16)),
            "embedding": pack(self.embedding.astype(np.float16)),
            "signature": pack(self.signature),
            "published": self.published,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sketch:
        import base64

        def unpack(text: str, dtype: type) -> np.ndarray:
            return np.frombuffer(base64.b64decode(text), dtype=dtype)

        return cls(
            term_ids=unpack(data["terms"], np.uint32),
            term_weights=unpack(data["weights"], np.float16).astype(np.float32),
            embedding=unpack(data["embedding"], np.float16).astype(np.float32),
            signature=unpack(data["signature"], np.uint32),
            published=data.get("published"),
        )


def sketch(
    article: Article, embedding: np.ndarray | None = None, *, names: bool = True, numbers: bool = True
) -> Sketch:
    """The clustering sketch of one article (its embedding comes from ``embed_leads``)."""
    text = f"{article.title}\n\n{article.text}" if article.title else article.text
    counts = term_counts(text, names=names, numbers=numbers)
    ids = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in counts), dtype=np.uint32, count=len(counts))
    weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
    vector = np.zeros(0, dtype=np.float32) if embedding is None else np.asarray(embedding, dtype=np.float32)
    return Sketch(ids, weights, vector, minhash_signature(article.text), _days(article.published))


def embed_leads(articles: Sequence[Article], encoder: Any, words: int = LEAD_WORDS) -> np.ndarray:
    """Unit embeddings of each article's lead, one row per article (no cache: a corpus is not kept)."""
    if not articles:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    texts = [lead_text(a, words) for a in articles]
    vectors = encoder.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


class DocumentFrequencies:
    """How many articles hold each (hashed) term, in a table of fixed size."""

    def __init__(self) -> None:
        self.table = np.zeros(DF_BUCKETS, dtype=np.int32)
        self.documents = 0

    def add(self, item: Sketch) -> None:
        np.add.at(self.table, item.term_ids & (DF_BUCKETS - 1), 1)
        self.documents += 1

    def idf(self, term_ids: np.ndarray) -> np.ndarray:
        df = self.table[term_ids & (DF_BUCKETS - 1)].astype(np.float32)
        return np.log((self.documents + 1) / (df + 1)) + 1.0  # type: ignore[no-any-return]


def vectorize(item: Sketch, df: DocumentFrequencies, settings: ClusterSettings) -> np.ndarray:
    """One unit vector: hashed, signed TF-IDF and the lead embedding, joined with their weights."""
    lexical = np.zeros(settings.hashed_dims, dtype=np.float32)
    if item.term_ids.size:
        weights = item.term_weights * df.idf(item.term_ids)
        signs = np.where((item.term_ids >> np.uint32(16)) & np.uint32(1), 1.0, -1.0).astype(np.float32)
        np.add.at(lexical, (item.term_ids % np.uint32(settings.hashed_dims)).astype(np.intp), weights * signs)
        norm = float(np.linalg.norm(lexical))
        if norm > 0:
            lexical /= norm
    if settings.embedding_weight <= 0:
        return lexical
    if item.embedding.size != EMBEDDING_DIM or not lexical.any():  # one half missing: the other stands alone
        embedding = (
            item.embedding if item.embedding.size == EMBEDDING_DIM else np.zeros(EMBEDDING_DIM, np.float32)
        )
        return np.concatenate([lexical, embedding]).astype(np.float32)
    w = settings.embedding_weight
    return np.concatenate([math.sqrt(1 - w) * lexical, math.sqrt(w) * item.embedding]).astype(np.float32)


def vectorize_all(sketches: Sequence[Sketch], settings: ClusterSettings) -> np.ndarray:
    """The unit vectors of articles known all at once, with document frequencies over them alone."""
    df = DocumentFrequencies()
    for item in sketches:
        df.add(item)
    if not sketches:
        return np.zeros((0, settings.dims), dtype=np.float32)
    return np.stack([vectorize(item, df, settings) for item in sketches])


# ------------------------------------------------------------------------------------ the similarity


@dataclass(slots=True)
class Group:
    """An article, a fragment or a story: the sum of its members' unit vectors, their count and date range.

    ``total`` is never changed in place (adding makes a new array), so groups may share one: a story of
    one fragment holds the very array of that fragment, and consolidation copies nothing. It is kept
    in float16 (half the memory; a similarity moves by about 1e-3), and summed in float32.
    """

    total: np.ndarray
    count: int = 0
    first: float | None = None
    last: float | None = None
    touched: int = 0  # arrival number of the last article added

    def add(self, vector: np.ndarray, when: float | None, count: int = 1) -> None:
        self.total = (self.total.astype(np.float32) + vector).astype(np.float16)
        self.count += count
        self._widen(when, when)

    def absorb(self, other: Group) -> None:
        if self.count == 0:
            self.total = other.total
        else:
            self.total = (self.total.astype(np.float32) + other.total).astype(np.float16)
        self.count += other.count
        self._widen(other.first, other.last)
        self.touched = max(self.touched, other.touched)

    def _widen(self, first: float | None, last: float | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    @classmethod
    def of(cls, vector: np.ndarray, when: float | None = None) -> Group:
        """A group of one article."""
        return cls(np.asarray(vector, dtype=np.float32), 1, when, when)


def time_cost(settings: ClusterSettings, a: Group, b: Group) -> float:
    """What the similarity of two groups loses for lying apart in time (0 when either has no date)."""
    if a.first is None or a.last is None or b.first is None or b.last is None or settings.time_penalty <= 0:
        return 0.0
    gap = max(0.0, b.first - a.last, a.first - b.last)
    if gap <= settings.time_grace_days:
        return 0.0
    span = settings.time_horizon_days - settings.time_grace_days
    return settings.time_penalty * min(1.0, (gap - settings.time_grace_days) / span)


def link(settings: ClusterSettings, a: Group, b: Group) -> float:
    """The "same story" score of two groups (an article is a group of one): the mean similarity of
    their members, exact from the sums, less the time penalty. Compared with ``settings.threshold``."""
    total = float(a.total.astype(np.float32) @ b.total.astype(np.float32)) / (a.count * b.count)
    return total - time_cost(settings, a, b)
