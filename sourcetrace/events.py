"""Cross-document event coreference: which event mentions, in several articles, describe one event.

The claims layer will call this on its own records: plain data in (documents with their text, event
mentions as character spans), one cluster id per mention out. spaCy and MiniLM objects live only
inside :func:`describe_mentions`; everything after it works on a :class:`MentionTable` of plain
arrays, which can be cached and re-clustered with other settings without parsing again.

Method (trained and measured on ECB+, see ``docs/models.md`` and ``eval/ecb.py``):

1. Describe each mention: the lemma and part of speech of its syntactic head, MiniLM vectors of the
   head lemma alone, of the mention in its sentence (token vectors pooled over the mention) and of the
   sentence, and its arguments: entities, times and numbers in the sentence, the head's dependents.
2. Group the documents by TF-IDF similarity (average link). Documents about one event share names,
   places and dates; two events of the same kind (two rehab stays, two earthquakes) mostly do not.
3. Score every pair of mentions with a small pairwise model whose weights are plain JSON
   (``data/event_pair_model.json``, reproduced by ``eval/train_ecb.py``).
4. Cluster inside each document group with average link *and* a cannot-link floor: two clusters merge
   only when their average pair score passes the threshold and no pair between them is below the
   floor. A cluster therefore stays clique-like; a chain A~B, B~C with A!~C never becomes one cluster.
5. Merge across document groups only for very confident cluster pairs (a higher threshold).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "FEATURE_NAMES",
    "ClusterSettings",
    "EventDocument",
    "EventMention",
    "LemmaPairs",
    "MentionTable",
    "PairModel",
    "agglomerate",
    "cluster_events",
    "cluster_scores",
    "cluster_table",
    "describe_mentions",
    "doc_similarity",
    "group_documents",
    "load_pair_model",
    "pair_features",
]

MODEL_RESOURCE = "event_pair_model.json"

# Entity labels read as the participants, times and amounts of an event (spaCy's OntoNotes labels).
PARTICIPANT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
AMOUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
# Dependents of the head that name who did what to whom, where and when.
ARGUMENT_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "obj",
        "iobj",
        "attr",
        "agent",
        "poss",
        "compound",
        "npadvmod",
        "nmod",
        "dative",
    }
)
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_WORD = re.compile(r"[a-z0-9]")


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


# ---------------------------------------------------------------------------------------- describe


def _words(tokens: Iterable[Token]) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower() for t in tokens if not t.is_stop and not t.is_punct and _WORD.search(t.lower_)
    )


def _head(span: Span) -> Token:
    """The syntactic head of the mention; a verb or noun inside it wins over a particle or determiner."""
    root = span.root
    if root.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "NUM") or len(span) == 1:
        return root
    for token in span:
        if token.pos_ in ("VERB", "NOUN"):
            return token
    return root


def _arguments(head: Token) -> frozenset[str]:
    """Lemmas of the head's participants: subjects, objects, possessors, prepositional objects."""
    found: set[str] = set()
    for child in head.children:
        if child.dep_ in ARGUMENT_DEPS:
            found.add(child.lemma_.lower())
        elif child.dep_ == "prep":
            found.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "pobj")
    # a nominal mention ("the shooting") takes the arguments of the verb it depends on
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        governor = head.head.head if head.dep_ == "pobj" else head.head
        found.update(c.lemma_.lower() for c in governor.children if c.dep_ in ARGUMENT_DEPS and c is not head)
    return frozenset(w for w in found if _WORD.search(w) and w not in ("-pron-", "he", "she", "it", "they"))


def _tense(head: Token) -> str:
    """When the event is told as happening: "future" (will / going to / to-infinitive), "past", "present"."""
    if head.pos_ not in ("VERB", "AUX"):
        return ""
    auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "'ll", "shall", "would"} or head.dep_ == "xcomp":
        return "future"
    tenses = set(head.morph.get("Tense", [])) | {
        t for c in head.children if c.dep_ in ("aux", "auxpass") for t in c.morph.get("Tense", [])
    }
    if "Past" in tenses:
        return "past"
    return "present" if "Pres" in tenses else ""


def _entity_words(sentence: Span, labels: frozenset[str], mention: Span) -> frozenset[str]:
    words: set[str] = set()
    for ent in sentence.ents:
        if ent.label_ in labels and (ent.end <= mention.start or ent.start >= mention.end):
            words.update(t.lower_ for t in ent if not t.is_stop and not t.is_punct and _WORD.search(t.lower_))
    return frozenset(words)


def _span(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:  # offsets inside whitespace: take the nearest token
        token = doc[min(len(doc) - 1, max(0, next((t.i for t in doc if t.idx >= start), len(doc) - 1)))]
        span = doc[token.i : token.i + 1]
    return span


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-9)).astype(np.float32)


def _encode_in_context(
    sentences: list[str], spans: list[list[tuple[int, int]]]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Sentence vectors, and for each sentence one vector per requested character span (token pooling)."""
    from .nlp import EMBEDDING_DIM, load_encoder

    encoder = load_encoder()
    outputs = encoder.encode(sentences, batch_size=32, output_value=None, show_progress_bar=False)
    sentence_vecs = np.zeros((len(sentences), EMBEDDING_DIM), dtype=np.float32)
    span_vecs: list[np.ndarray] = []
    for k, (text, out) in enumerate(zip(sentences, outputs, strict=True)):
        tokens = out["token_embeddings"].float().cpu().numpy()
        sentence_vecs[k] = out["sentence_embedding"].float().cpu().numpy()
        offsets = encoder.tokenizer(
            text, return_offsets_mapping=True, truncation=True, max_length=encoder.max_seq_length
        )["offset_mapping"]
        n = min(len(offsets), len(tokens))
        vecs = np.zeros((len(spans[k]), EMBEDDING_DIM), dtype=np.float32)
        for s, (start, end) in enumerate(spans[k]):
            inside = [
                t
                for t in range(n)
                if offsets[t][1] > offsets[t][0] and offsets[t][0] < end and offsets[t][1] > start
            ]
            vecs[s] = tokens[inside].mean(axis=0) if inside else sentence_vecs[k]
        span_vecs.append(vecs)
    return _unit(sentence_vecs), span_vecs


def describe_mentions(documents: Sequence[EventDocument], mentions: Sequence[EventMention]) -> MentionTable:
    """Parse the documents and describe every mention (the only step that needs spaCy and MiniLM)."""
    from .nlp import load_encoder, load_spacy

    nlp = load_spacy()
    doc_index = {d.id: k for k, d in enumerate(documents)}
    parsed = list(nlp.pipe((d.text for d in documents), batch_size=16))
    doc_terms = [
        dict(
            Counter(
                t.lemma_.lower()
                for t in doc
                if t.pos_ in CONTENT_POS and not t.is_stop and _WORD.search(t.lower_)
            )
        )
        for doc in parsed
    ]
    # Names, dates and figures tell two events of one kind apart (two rehab stays, two earthquakes)
    # better than the vocabulary of the kind, which both share.
    doc_names = [
        dict(
            Counter(
                t.lower_
                for t in doc
                if (t.text[:1].isupper() and not t.is_sent_start and not t.is_stop) or t.like_num
            )
        )
        for doc in parsed
    ]
    numbers: dict[int, dict[int, int]] = {}

    def sentence_number(k: int, doc: Doc) -> dict[int, int]:
        if k not in numbers:
            numbers[k] = {sent.start: i for i, sent in enumerate(doc.sents)}
        return numbers[k]

    sentence_keys: dict[tuple[int, int], int] = {}
    sentence_texts: list[str] = []
    sentence_spans: list[list[tuple[int, int]]] = []
    where: list[tuple[int, int]] = []  # (sentence slot, span slot) per mention
    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "doc",
            "sentence",
            "lemma",
            "pos",
            "participants",
            "times",
            "amounts",
            "arguments",
            "words",
            "tense",
            "negated",
        )
    }
    for mention in mentions:
        k = doc_index[mention.doc]
        doc = parsed[k]
        span = _span(doc, mention.start, mention.end)
        head = _head(span)
        sent = head.sent
        key = (k, sent.start)
        if key not in sentence_keys:
            sentence_keys[key] = len(sentence_texts)
            sentence_texts.append(sent.text)
            sentence_spans.append([])
        slot = sentence_keys[key]
        base = sent.start_char
        sentence_spans[slot].append(
            (max(0, span.start_char - base), max(1, min(len(sent.text), span.end_char - base)))
        )
        where.append((slot, len(sentence_spans[slot]) - 1))
        rows["doc"].append(k)
        rows["sentence"].append(sentence_number(k, doc)[sent.start])
        rows["lemma"].append(head.lemma_.lower().strip("\"'“”"))
        rows["pos"].append(head.pos_)
        rows["participants"].append(_entity_words(sent, PARTICIPANT_LABELS, span))
        rows["times"].append(_entity_words(sent, TIME_LABELS, span))
        rows["amounts"].append(_entity_words(sent, AMOUNT_LABELS, span))
        rows["arguments"].append(_arguments(head))
        rows["tense"].append(_tense(head))
        rows["negated"].append(any(c.dep_ == "neg" for c in head.children))
        rows["words"].append(_words(t for t in sent if t.i < span.start or t.i >= span.end))
    sentence_vecs, span_vecs = _encode_in_context(sentence_texts, sentence_spans)
    from .nlp import EMBEDDING_DIM

    dim = EMBEDDING_DIM
    lemmas = sorted(set(rows["lemma"]))
    lemma_vectors = (
        load_encoder().encode(lemmas, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        if lemmas
        else np.zeros((0, dim))
    )
    lemma_row = {
        lemma: np.asarray(v, dtype=np.float32) for lemma, v in zip(lemmas, lemma_vectors, strict=True)
    }
    n = len(mentions)
    return MentionTable(
        ids=[m.id for m in mentions],
        doc=np.asarray(rows["doc"], dtype=int),
        sentence=np.asarray(rows["sentence"], dtype=int),
        lemma=rows["lemma"],
        pos=rows["pos"],
        lemma_vec=np.stack([lemma_row[lemma] for lemma in rows["lemma"]])
        if n
        else np.zeros((0, dim), np.float32),
        context_vec=_unit(np.stack([span_vecs[s][t] for s, t in where]))
        if n
        else np.zeros((0, dim), np.float32),
        sentence_vec=np.stack([sentence_vecs[s] for s, _ in where]) if n else np.zeros((0, dim), np.float32),
        participants=rows["participants"],
        times=rows["times"],
        amounts=rows["amounts"],
        arguments=rows["arguments"],
        words=rows["words"],
        doc_ids=[d.id for d in documents],
        doc_terms=doc_terms,
        doc_names=doc_names,
        tense=rows["tense"],
        negated=np.asarray(rows["negated"], dtype=bool),
    )


# ---------------------------------------------------------------------------------------- features


def doc_similarity(table: MentionTable, docs: Sequence[int]) -> np.ndarray:
    """Similarity of the given documents: the mean of two TF-IDF cosines, over content lemmas and over
    names and figures (IDF taken over those documents). Inside the ECB+ train topics the mix groups the
    documents of one event best (B-cubed of the groups against the gold sub-topics at the best
    threshold of each: lemmas 0.882, names 0.904, mix 0.916; on dev, never used to choose: 0.868,
    0.914, 0.916)."""
    return (
        _tfidf_cosine([table.doc_terms[d] for d in docs]) + _tfidf_cosine([table.doc_names[d] for d in docs])
    ) / 2


def _tfidf_cosine(terms: Sequence[dict[str, int]]) -> np.ndarray:
    """Cosine of log-scaled TF-IDF vectors, IDF over these documents (smoothed)."""
    vocabulary = {w: i for i, w in enumerate(sorted({w for t in terms for w in t}))}
    if not vocabulary:
        return np.eye(len(terms), dtype=np.float32)
    counts = np.zeros((len(terms), len(vocabulary)), dtype=np.float32)
    for row, t in enumerate(terms):
        for w, c in t.items():
            counts[row, vocabulary[w]] = c
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(terms)) / (1 + df)) + 1.0
    weights = (1.0 + np.log(np.maximum(counts, 1.0))) * (counts > 0) * idf
    unit = _unit(weights)
    return np.asarray(unit @ unit.T, dtype=np.float32)


def _set_overlap(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(overlap coefficient, conflict) for every pair: conflict = both known and nothing shared."""
    vocabulary = {w: i for i, w in enumerate(sorted({w for s in sets for w in s}))}
    n = len(sets)
    if not vocabulary:
        return np.zeros((n, n), np.float32), np.zeros((n, n), np.float32)
    member = np.zeros((n, len(vocabulary)), dtype=np.float32)
    for row, s in enumerate(sets):
        for w in s:
            member[row, vocabulary[w]] = 1.0
    shared = member @ member.T
    size = member.sum(axis=1)
    smaller = np.minimum(size[:, None], size[None, :])
    overlap = np.where(smaller > 0, shared / np.maximum(smaller, 1.0), 0.0)
    conflict = ((smaller > 0) & (shared == 0)).astype(np.float32)
    return overlap.astype(np.float32), conflict


FEATURE_NAMES: tuple[str, ...] = (
    "same_lemma",
    "lemma_cosine",
    "context_cosine",
    "sentence_cosine",
    "same_document",
    "same_sentence",
    "document_similarity",
    "participant_overlap",
    "participant_conflict",
    "time_overlap",
    "time_conflict",
    "amount_overlap",
    "amount_conflict",
    "argument_overlap",
    "sentence_word_overlap",
    "same_pos",
    "both_verbs",
    "both_nouns",
    "lemma_prefix",
    "lemma_x_document",
    "context_x_document",
    "tense_conflict",
    "negation_differs",
    "lemma_pair_logit",
)


@dataclass(frozen=True)
class LemmaPairs:
    """How often mentions with two given head lemmas corefered in training, as a smoothed log-odds.

    Some lemmas name one event whenever they recur in a story ("earthquake"), others rarely do ("say");
    some different lemmas often name one event ("arrest" / "detain"). ``counts[(a, b)]`` (a <= b) is
    (coreferent pairs, pairs); pairs never seen take the prior of same-lemma or different-lemma pairs.
    """

    counts: dict[tuple[str, str], tuple[int, int]]
    prior_same: float
    prior_other: float
    weight: float = 5.0  # pseudo-pairs of the prior: a few observations do not outvote it

    MIN_PAIRS: ClassVar[int] = 3  # rarer lemma pairs are not kept (nor shipped)

    def logit_matrix(self, lemmas: Sequence[str]) -> np.ndarray:
        unique = sorted(set(lemmas))
        position = {w: i for i, w in enumerate(unique)}
        index = np.asarray([position[w] for w in lemmas], dtype=int)
        rates = np.empty((len(unique), len(unique)), dtype=np.float64)
        for i, a in enumerate(unique):
            for j in range(i, len(unique)):
                b = unique[j]
                prior = self.prior_same if i == j else self.prior_other
                positive, total = self.counts.get((a, b), (0, 0))
                rates[i, j] = rates[j, i] = (positive + self.weight * prior) / (total + self.weight)
        rates = np.clip(rates, 1e-4, 1 - 1e-4)
        logits = np.log(rates / (1 - rates))
        return np.asarray(logits[np.ix_(index, index)], dtype=np.float32)

    def to_json(self) -> dict[str, Any]:
        return {
            "prior_same": self.prior_same,
            "prior_other": self.prior_other,
            "weight": self.weight,
            "pairs": [[a, b, p, t] for (a, b), (p, t) in sorted(self.counts.items())],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LemmaPairs:
        return cls(
            counts={(str(a), str(b)): (int(p), int(t)) for a, b, p, t in data["pairs"]},
            prior_same=float(data["prior_same"]),
            prior_other=float(data["prior_other"]),
            weight=float(data.get("weight", 5.0)),
        )

    @classmethod
    def from_counts(cls, counts: Counter[tuple[str, str, bool]]) -> LemmaPairs:
        """From {(lemma a, lemma b, coreferent): pairs}, a <= b."""
        pairs: dict[tuple[str, str], list[int]] = {}
        for (a, b, coreferent), n in counts.items():
            entry = pairs.setdefault((a, b), [0, 0])
            entry[0] += n if coreferent else 0
            entry[1] += n

        def prior(same: bool) -> float:
            chosen = [v for (a, b), v in pairs.items() if (a == b) == same]
            return (sum(v[0] for v in chosen) + 1) / (sum(v[1] for v in chosen) + 2)

        return cls(
            counts={k: (v[0], v[1]) for k, v in pairs.items() if v[1] >= cls.MIN_PAIRS},
            prior_same=prior(True),
            prior_other=prior(False),
        )


NO_LEMMA_PAIRS = LemmaPairs(counts={}, prior_same=0.5, prior_other=0.5)


def pair_features(table: MentionTable, lemma_pairs: LemmaPairs = NO_LEMMA_PAIRS) -> np.ndarray:
    """(n, n, len(FEATURE_NAMES)) features of every ordered pair of the table's mentions."""
    n = len(table)
    docs = sorted(set(table.doc.tolist()))
    local = {d: i for i, d in enumerate(docs)}
    doc_sim_docs = doc_similarity(table, docs)
    where = np.asarray([local[d] for d in table.doc.tolist()], dtype=int)
    doc_sim = doc_sim_docs[np.ix_(where, where)]
    lemma_ids = {w: i for i, w in enumerate(sorted(set(table.lemma)))}
    lemma = np.asarray([lemma_ids[w] for w in table.lemma], dtype=int)
    same_lemma = (lemma[:, None] == lemma[None, :]).astype(np.float32)
    prefix = np.asarray([w[:4] for w in table.lemma])
    lemma_prefix = ((prefix[:, None] == prefix[None, :]) & (same_lemma == 0)).astype(np.float32)
    same_doc = (table.doc[:, None] == table.doc[None, :]).astype(np.float32)
    same_sentence = same_doc * (table.sentence[:, None] == table.sentence[None, :])
    lemma_cos = table.lemma_vec @ table.lemma_vec.T
    context_cos = table.context_vec @ table.context_vec.T
    sentence_cos = table.sentence_vec @ table.sentence_vec.T
    participant, participant_conflict = _set_overlap(table.participants)
    time, time_conflict = _set_overlap(table.times)
    amount, amount_conflict = _set_overlap(table.amounts)
    argument, _ = _set_overlap(table.arguments)
    words_overlap, _ = _set_overlap(table.words)
    pos = np.asarray(table.pos)
    same_pos = (pos[:, None] == pos[None, :]).astype(np.float32)
    verb = pos == "VERB"
    noun = np.isin(pos, ("NOUN", "PROPN"))
    both_verbs = (verb[:, None] & verb[None, :]).astype(np.float32)
    both_nouns = (noun[:, None] & noun[None, :]).astype(np.float32)
    tense = np.asarray(table.tense)
    known = tense != ""
    tense_conflict = known[:, None] & known[None, :] & (tense[:, None] != tense[None, :])
    columns = [
        same_lemma,
        lemma_cos,
        context_cos,
        sentence_cos,
        same_doc,
        same_sentence,
        doc_sim,
        participant,
        participant_conflict,
        time,
        time_conflict,
        amount,
        amount_conflict,
        argument,
        words_overlap,
        same_pos,
        both_verbs,
        both_nouns,
        lemma_prefix,
        np.maximum(same_lemma, lemma_cos) * doc_sim,
        context_cos * doc_sim,
        tense_conflict,
        (table.negated[:, None] != table.negated[None, :]),
        lemma_pairs.logit_matrix(table.lemma),
    ]
    out = np.stack([np.asarray(c, dtype=np.float32).reshape(n, n) for c in columns], axis=-1)
    return out


# ------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class PairModel:
    """A small feed-forward scorer (no hidden layer = logistic regression) stored as plain numbers."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weights (in, out), bias (out,)); ReLU between
    settings: dict[str, float] = field(default_factory=dict)
    lemma_pairs: LemmaPairs = NO_LEMMA_PAIRS

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        return cls(
            feature_names=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float32),
            scale=np.asarray(data["scale"], dtype=np.float32),
            layers=tuple(
                (np.asarray(layer["weights"], dtype=np.float32), np.asarray(layer["bias"], dtype=np.float32))
                for layer in data["layers"]
            ),
            settings={k: float(v) for k, v in data.get("settings", {}).items()},
            lemma_pairs=LemmaPairs.from_json(data["lemma_pairs"])
            if "lemma_pairs" in data
            else NO_LEMMA_PAIRS,
        )

    def proba(self, features: np.ndarray) -> np.ndarray:
        """Probability that the pair corefers, for features of any leading shape (..., n_features)."""
        if features.shape[-1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} features, got {features.shape[-1]}")
        x = (features - self.mean) / self.scale
        for k, (weights, bias) in enumerate(self.layers):
            x = x @ weights + bias
            if k < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        logit = np.clip(x[..., 0], -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float32)

    def pair_proba(self, table: MentionTable) -> np.ndarray:
        """(n, n) symmetric probabilities for every pair of the table's mentions."""
        if self.feature_names != FEATURE_NAMES:
            raise ValueError("the event pair model was trained on other features; rerun eval/train_ecb.py")
        prob = self.proba(pair_features(table, self.lemma_pairs))
        return np.asarray((prob + prob.T) / 2.0, dtype=np.float32)


@cache
def load_pair_model() -> PairModel:
    """The shipped weights (``sourcetrace/data/event_pair_model.json``)."""
    text = resources.files("sourcetrace").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
    return PairModel.from_json(json.loads(text))


# -------------------------------------------------------------------------------------- clustering


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds of the two clustering steps (tuned by ``eval/train_ecb.py`` on train folds)."""

    document_threshold: float = 0.2  # average-link TF-IDF cosine that joins two document groups
    threshold: float = 0.5  # average pair probability that merges two clusters inside a document group
    floor: float = 0.05  # cannot-link: no pair between two merging clusters may score below this
    cross_threshold: float = 0.8  # average pair probability that merges clusters across document groups

    @classmethod
    def from_model(cls, model: PairModel) -> ClusterSettings:
        known = {k: v for k, v in model.settings.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def agglomerate(
    prob: np.ndarray,
    threshold: float,
    *,
    floor: float = 0.0,
    start: Sequence[int] | None = None,
    blocks: Sequence[int] | None = None,
) -> list[int]:
    """Average-link clustering with a cannot-link floor; returns a cluster label per item.

    Two clusters merge when their mean pair score is at least ``threshold`` and their lowest pair score
    is at least ``floor``, best pair first. ``start`` gives initial clusters (default: singletons);
    ``blocks`` forbids merges between items of different blocks.
    """
    n = prob.shape[0]
    if n == 0:
        return []
    names = sorted(set(range(n) if start is None else start))
    index = {c: k for k, c in enumerate(names)}
    cluster = np.asarray([index[c] for c in (range(n) if start is None else start)], dtype=int)
    k = len(names)
    p = np.asarray(prob, dtype=np.float64)
    # total[a, b]: the sum of pair scores between clusters a and b; lowest[a, b]: their weakest pair
    # (the cannot-link test). Rows sorted by cluster let reduceat sum and minimise per cluster block.
    order = np.argsort(cluster, kind="stable")
    starts = np.searchsorted(cluster[order], np.arange(k))
    sorted_p = p[np.ix_(order, order)]
    total = np.add.reduceat(np.add.reduceat(sorted_p, starts, axis=0), starts, axis=1)
    lowest = np.minimum.reduceat(np.minimum.reduceat(sorted_p, starts, axis=0), starts, axis=1)
    size = np.bincount(cluster, minlength=k).astype(np.float64)
    allowed = np.ones((k, k), dtype=bool)
    if blocks is not None:
        block = np.asarray(blocks)
        cluster_block = np.full(k, -1)
        for c in range(k):
            own = np.unique(block[cluster == c])
            cluster_block[c] = own[0] if len(own) == 1 else -1
        allowed = (cluster_block[:, None] == cluster_block[None, :]) & (cluster_block[:, None] >= 0)
    np.fill_diagonal(allowed, False)
    # score[a, b]: the mean pair score where a merge is allowed, -inf elsewhere; updated in place after
    # each merge (one row and one column change), so a merge costs O(k) plus the argmax.
    mean = total / np.maximum(np.outer(size, size), 1.0)
    score = np.where(allowed & (lowest >= floor), mean, -np.inf)
    merged_into = np.arange(k)
    # the best partner of each row, kept up to date so that a merge never scans the whole matrix
    row_best = score.max(axis=1)
    row_arg = score.argmax(axis=1)
    while True:
        a = int(np.argmax(row_best))
        b = int(row_arg[a])
        if not np.isfinite(row_best[a]) or row_best[a] < threshold:
            break
        a, b = min(a, b), max(a, b)
        # merge b into a
        merged_into[merged_into == b] = a
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        size[a] += size[b]
        lowest[a, :] = np.minimum(lowest[a, :], lowest[b, :])
        lowest[:, a] = lowest[a, :]
        allowed[a, :] &= allowed[b, :]
        allowed[:, a] = allowed[a, :]
        allowed[a, a] = False
        size[b] = 0.0
        row = np.where(
            allowed[a] & (lowest[a] >= floor) & (size > 0),
            total[a] / np.maximum(size[a] * size, 1.0),
            -np.inf,
        )
        score[a, :] = row
        score[:, a] = row
        score[b, :] = -np.inf
        score[:, b] = -np.inf
        stale = (row_arg == a) | (row_arg == b)
        stale[a] = True
        row_best[stale] = score[stale].max(axis=1)
        row_arg[stale] = score[stale].argmax(axis=1)
        better = score[:, a] > row_best
        row_best[better] = score[better, a]
        row_arg[better] = a
        row_best[b] = -np.inf
    return [int(c) for c in merged_into[cluster]]


def group_documents(similarity: np.ndarray, threshold: float) -> list[int]:
    """Average-link groups of documents (no floor: a long article may share little with a short one)."""
    return agglomerate(similarity, threshold)


def cluster_scores(
    prob: np.ndarray, doc_of_row: Sequence[int], doc_sim: np.ndarray, settings: ClusterSettings
) -> list[int]:
    """Cluster rows from their pair probabilities; ``doc_of_row`` indexes ``doc_sim`` (documents x documents).

    Documents are grouped first; mentions cluster inside each group, then across groups only where the
    average probability passes ``settings.cross_threshold``. Returns labels 0..k-1 in order of appearance.
    """
    if prob.shape[0] == 0:
        return []
    groups = group_documents(doc_sim, settings.document_threshold)
    blocks = [groups[d] for d in doc_of_row]
    inside = agglomerate(prob, settings.threshold, floor=settings.floor, blocks=blocks)
    across = agglomerate(prob, settings.cross_threshold, floor=settings.floor, start=inside)
    relabel: dict[int, int] = {}
    return [relabel.setdefault(c, len(relabel)) for c in across]


def cluster_table(
    table: MentionTable, model: PairModel, settings: ClusterSettings | None = None
) -> list[int]:
    """Cluster all the table's mentions together; returns a label per row (0..k-1)."""
    if len(table) == 0:
        return []
    docs = sorted(set(table.doc.tolist()))
    local = {d: i for i, d in enumerate(docs)}
    return cluster_scores(
        model.pair_proba(table),
        [local[d] for d in table.doc.tolist()],
        doc_similarity(table, docs),
        settings or ClusterSettings.from_model(model),
    )


def cluster_events(
    documents: Sequence[EventDocument],
    mentions: Sequence[EventMention],
    *,
    model: PairModel | None = None,
    settings: ClusterSettings | None = None,
) -> dict[str, str]:
    """{mention id: cluster id} for event mentions across the documents ("e0", "e1", ... in order of first
    appearance). Mentions in one cluster describe one event."""
    if not mentions:
        return {}
    table = describe_mentions(documents, mentions)
    labels = cluster_table(table, model or load_pair_model(), settings)
    return {mid: f"e{label}" for mid, label in zip(table.ids, labels, strict=True)}
