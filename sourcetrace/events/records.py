"""The plain records of event coreference: documents and mentions in, a table of mention descriptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class EventDocument:
    """One article: an id unique among the documents passed together, and its text."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event mention: ``text[start:end]`` of document ``doc`` (a word or a short phrase)."""

    id: str
    doc: str
    start: int
    end: int


@dataclass
class MentionTable:
    """What the pairwise model reads about each mention: plain data, one row per mention.

    ``doc`` indexes ``doc_ids``; ``doc_terms`` holds each document's content-lemma counts and
    ``doc_names`` its capitalised words and numbers not at a sentence start (the TF-IDF
    weights depend on which documents are clustered together, so they are computed later).
    """

    ids: list[str]
    doc: np.ndarray  # int, index into doc_ids
    sentence: np.ndarray  # int, sentence number inside the document
    lemma: list[str]
    pos: list[str]
    lemma_vec: np.ndarray  # (n, d) unit vectors of the head lemma alone
    context_vec: np.ndarray  # (n, d) unit vectors of the mention's tokens read in their sentence
    sentence_vec: np.ndarray  # (n, d) unit vectors of the sentence
    participants: list[frozenset[str]]
    times: list[frozenset[str]]
    amounts: list[frozenset[str]]
    arguments: list[frozenset[str]]
    words: list[frozenset[str]]  # content lemmas of the sentence
    doc_ids: list[str]
    doc_terms: list[dict[str, int]]
    doc_names: list[dict[str, int]]
    tense: list[str]  # "future", "past", "present" or "" (no verb form to read)
    negated: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, rows: Sequence[int]) -> MentionTable:
        """The rows given, in that order (documents kept whole)."""
        index = np.asarray(rows, dtype=int)
        return MentionTable(
            ids=[self.ids[i] for i in index],
            doc=self.doc[index],
            sentence=self.sentence[index],
            lemma=[self.lemma[i] for i in index],
            pos=[self.pos[i] for i in index],
            lemma_vec=self.lemma_vec[index],
            context_vec=self.context_vec[index],
            sentence_vec=self.sentence_vec[index],
            participants=[self.participants[i] for i in index],
            times=[self.times[i] for i in index],
            amounts=[self.amounts[i] for i in index],
            arguments=[self.arguments[i] for i in index],
            words=[self.words[i] for i in index],
            doc_ids=self.doc_ids,
            doc_terms=self.doc_terms,
            doc_names=self.doc_names,
            tense=[self.tense[i] for i in index],
            negated=self.negated[index],
        )

    def to_json(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """(JSON-able fields, arrays) for a cache on disk: no pickle."""
        plain = {
            "ids": self.ids,
            "lemma": self.lemma,
            "pos": self.pos,
            "participants": [sorted(s) for s in self.participants],
            "times": [sorted(s) for s in self.times],
            "amounts": [sorted(s) for s in self.amounts],
            "arguments": [sorted(s) for s in self.arguments],
            "words": [sorted(s) for s in self.words],
            "doc_ids": self.doc_ids,
            "doc_terms": self.doc_terms,
            "doc_names": self.doc_names,
            "tense": self.tense,
        }
        arrays = {
            "doc": self.doc,
            "sentence": self.sentence,
            "lemma_vec": self.lemma_vec,
            "context_vec": self.context_vec,
            "sentence_vec": self.sentence_vec,
            "negated": self.negated,
        }
        return plain, arrays

    @classmethod
    def from_json(cls, plain: dict[str, Any], arrays: Any) -> MentionTable:
        sets = {
            k: [frozenset(s) for s in plain[k]]
            for k in ("participants", "times", "amounts", "arguments", "words")
        }
        return cls(
            ids=list(plain["ids"]),
            doc=np.asarray(arrays["doc"]),
            sentence=np.asarray(arrays["sentence"]),
            lemma=list(plain["lemma"]),
            pos=list(plain["pos"]),
            lemma_vec=np.asarray(arrays["lemma_vec"]),
            context_vec=np.asarray(arrays["context_vec"]),
            sentence_vec=np.asarray(arrays["sentence_vec"]),
            doc_ids=list(plain["doc_ids"]),
            doc_terms=[dict(t) for t in plain["doc_terms"]],
            doc_names=[dict(t) for t in plain["doc_names"]],
            tense=list(plain["tense"]),
            negated=np.asarray(arrays["negated"], dtype=bool),
            **sets,
        )
