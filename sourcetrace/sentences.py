"""Sentences: parse each cleaned article once and cut it into sentences.

Requires cleaned articles; adds ``Sentence`` records (offsets into ``article.text``) and the parse that
the entity and claim stages read. The parse (a spaCy ``Doc``) stays inside ``Parsed``, which only the
pipeline passes between stages; it never reaches the dossier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Article, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_PARAGRAPH = re.compile(r"\n\s*\n")
_CLOSING = '”’")]'


@dataclass(frozen=True)
class Parsed:
    """One article with its parse and sentences, for the stages that need the parse."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def parse_articles(articles: Iterable[Article], *, nlp: Language, batch_size: int = 16) -> Iterator[Parsed]:
    """Parse articles in batches; yields them in input order."""
    items = list(articles)
    docs = nlp.pipe((a.text for a in items), batch_size=batch_size)
    for article, doc in zip(items, docs, strict=True):
        yield Parsed(article=article, doc=doc, sentences=tuple(split_sentences(article, doc)))


def split_sentences(article: Article, doc: Doc) -> list[Sentence]:
    """Sentence spans from the parser, never across a paragraph break, with fragments re-joined.

    The small English parser sometimes breaks after a closing quote or before a lower-case
    continuation ("“Until now,” a senior western official said, there ..."); those pieces are
    joined back to the sentence they belong to.
    """
    text = article.text
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        cursor = start
        for brk in _PARAGRAPH.finditer(text, start, end):
            bounds.append((cursor, brk.start()))
            cursor = brk.end()
        bounds.append((cursor, end))
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        start, end = _strip(text, start, end)
        if start >= end:
            continue
        if merged and _continues(text, merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [
        Sentence(article=article.id, index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(merged)
    ]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether a piece starting at ``start`` continues the previous sentence rather than starting one."""
    between = text[previous[1] : start]
    if "\n" in between:
        return False
    head = text[start : start + 2]
    if not head:
        return False
    if head[0].islower():
        return True
    if head[0] in _CLOSING:
        return True
    # A piece that is only punctuation or a very short tail ("he added.") belongs to what precedes it.
    prev_text = text[previous[0] : previous[1]].rstrip()
    return bool(prev_text) and prev_text[-1] not in ".!?" + _CLOSING and not prev_text.endswith(":")
