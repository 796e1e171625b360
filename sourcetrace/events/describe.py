"""Describe event mentions for the pair model: the only step that needs spaCy and MiniLM."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import _unit
from .records import EventDocument, EventMention, MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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


def _encode_in_context(
    sentences: list[str], spans: list[list[tuple[int, int]]]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Sentence vectors, and for each sentence one vector per requested character span (token pooling)."""
    from ..nlp import EMBEDDING_DIM, load_encoder

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
    from ..nlp import load_encoder, load_spacy

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
    from ..nlp import EMBEDDING_DIM

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
