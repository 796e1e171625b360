"""Cues made of a verb and a noun or a quotation: light verbs ("made the case that"), received views
("drew criticism from X"), documents' terms ("the law requires"), quoting verbs ("she shot back, “...”").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import (
    DOCUMENT_SOURCES,
    FIRST_SECOND_PERSON,
    RELATIVE_PRONOUNS,
)
from .frames import LIGHT_FRAMES, LIGHT_PREPS, cue_lemma, frame_of
from .quotes import _Text
from .source import _can_hold_view, _head_lemma, _shared_subject, _source_span
from .tree import (
    _QUOTE_OPEN,
    Range,
    _cue_start,
    _Found,
    _pieces,
    _source_range,
    _subtree_range,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def _light_verb_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """ "made the case that ...", "took a swipe at X", "raised concerns about X", "has no idea who ..."."""
    doc = text.doc
    frame = LIGHT_FRAMES.get(tok.lemma_.lower())
    if frame is None:
        return None
    nouns = frame.nouns
    children = list(tok.children)
    if frame.receives and (
        not frame.receives_only_with
        or any(c.dep_ == "dobj" and c.lemma_.lower() in frame.receives_only_with for c in children)
    ):
        return _received(text, tok, nouns)  # "drew criticism from X", not "drew a contrast with X"
    subject = next((c for c in children if c.dep_ in ("nsubj",)), None) or _shared_subject(tok)
    if (
        subject is None
        or not _can_hold_view(subject)
        or (text.quoted(tok.i) and subject.lower_ in FIRST_SECOND_PERSON)
    ):
        return None
    obj = next(
        (
            c
            for c in children
            if c.dep_ in ("dobj", "ccomp", "oprd", "acomp") and c.i > tok.i and c.lemma_.lower() in nouns
        ),
        None,
    )
    if obj is None:
        return None
    content: list[Range] = []
    end = obj.i + 1
    clause = [c for c in children if c.dep_ == "ccomp" and c.i > obj.i and c is not obj]
    clause += [c for c in obj.children if c.dep_ in ("acl", "ccomp", "xcomp", "relcl") and c.i > obj.i]
    # "made it clear (that) he had ...": the parser hangs the clause on "clear" as an adverbial.
    clause += [c for c in obj.children if c.dep_ == "advcl" and c.i > obj.i and obj.pos_ == "ADJ"]
    if clause:
        content = [_subtree_range(clause[0])]
    else:
        for host in (obj, tok):
            prep = next(
                (c for c in host.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in LIGHT_PREPS),
                None,
            )
            if prep is not None:
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    content = [(objs[0].left_edge.i, prep.right_edge.i + 1)]
                    end = prep.i + 1
                    break
    if not content:
        return None
    cue = (_cue_start(doc, tok), end)
    source = _source_span(text, subject)
    pieces = _pieces(doc, content, exclude=set(range(*cue)) | set(range(*source)))
    if not pieces:
        return None
    return _Found(cue, source, pieces, "verb", tok.i, _source_range(subject), statement=False)


def _quoting_verb(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """Any verb that someone speaks a quotation with: "she shot back, “...”", "Potts echoed: “...”",
    "he quipped: ..." — the quotation marks say it is speech, whatever the verb."""
    doc = text.doc
    if (
        tok.pos_ != "VERB"
        or text.quoted(tok.i)
        or tok.dep_ not in ("ROOT", "conj", "advcl", "ccomp", "parataxis")
    ):
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None) or _shared_subject(tok)
    if subject is None or not _can_hold_view(subject) or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    particle = next((c for c in tok.children if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1), None)
    start = (particle.i if particle is not None else tok.i) + 1
    mark = start
    while mark < len(doc) and (doc[mark].text in (",", ":") or (doc[mark].is_space and mark > start)):
        mark += 1
    between = doc[start:mark]
    if not any(t.text in (",", ":") for t in between) or mark >= len(doc):
        return None  # a comma or a colon, then the quotation: "shot back, “...”"
    if "\n" in between.text and not any(t.text == ":" for t in between):
        return None  # only a colon leads into a quotation in the next paragraph
    after = text.quotation_starting(mark + 1) if doc[mark].text in _QUOTE_OPEN else None
    if after is None:
        return None
    words = [t for t in doc[after[0] : after[1]] if t.is_alpha]
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in doc[after[0] : after[1]]):
        return None  # a slogan or a name on a sign, not something said
    cue = (_cue_start(doc, tok), particle.i + 1 if particle is not None else tok.i + 1)
    source = _source_span(text, subject, tok)
    pieces = _pieces(doc, [after], exclude=set(range(*cue)) | set(range(*source)))
    if not pieces:
        return None
    return _Found(cue, source, pieces, "verb", tok.i, _source_range(subject), statement=False)


def _received(text: _Text, tok: Token, nouns: frozenset[str]) -> _Found | None:
    """ "The plan drew criticism from X", "Y won the support of X": X holds the view, about the subject."""
    doc = text.doc
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obj is None or subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    holder = next(
        (
            p
            for host in (obj, tok)
            for c in host.children
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "by") and c.i > obj.i
            for p in c.children
            if p.dep_ == "pobj"
        ),
        None,
    )
    cue = (_cue_start(doc, tok), obj.i + 1)
    source = _source_span(text, holder) if holder is not None else None
    taken = set(range(*cue)) | (
        set(range(holder.head.i, holder.right_edge.i + 1)) if holder is not None else set()
    )
    pieces = _pieces(doc, [_source_range(subject)], exclude=taken)
    if not pieces:
        return None
    speaker = _source_range(holder) if holder is not None else None
    return _Found(cue, source, pieces, "verb", tok.i, speaker, statement=False)


def _document_cue(text: _Text, tok: Token) -> _Found | None:
    """ "The law requires that ...", "the rules require delegates to ...", "the deal includes a pledge"."""
    doc = text.doc
    if not frame_of(cue_lemma(tok)).terms:
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or _head_lemma(subject) not in DOCUMENT_SOURCES:
        return None
    comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > tok.i]
    if not comps:
        return None
    cue = (_cue_start(doc, tok), tok.i + 1)
    source = _source_span(text, subject, tok)
    pieces = _pieces(doc, [_subtree_range(c) for c in comps], exclude=set(range(*cue)) | set(range(*source)))
    if not pieces:
        return None
    return _Found(cue, source, pieces, "verb", tok.i, _source_range(subject), statement=False)
