"""Noun, headline and frame cues: "according to", "Trump's claim that", "X is a critic of Y", headline
colons and verbs, transcripts, "In a CNN poll, ...".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import (
    ATTITUDE_ADJECTIVES,
    DOCUMENT_SOURCES,
    HEADLINE_LINKS,
    HUMAN_NOUNS,
    NOT_SOURCES,
    NOT_SPEAKERS,
    OWNERLESS_NOUNS,
    PREDICATE_NOUNS,
    ROLE_NOUNS,
)
from .frames import INVERTED_SAYING, NOUN_PREPS, OWNERLESS_PREPS, frame_of
from .quotes import _Text
from .source import _can_hold_view, _source_span
from .tree import (
    _DASHES,
    _PUNCT,
    _QUOTE_OPEN,
    Range,
    _capitalised,
    _cue_start,
    _Found,
    _only_punct,
    _pieces,
    _source_range,
    _subtree_range,
    _trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def _copula_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """ "Voters are worried that ...", "X was critical of Y", "X is a supporter of Y";
    "Her answer was that ...", "The idea is that ..."."""
    doc = text.doc
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ == "it":
        return None  # "it is unclear whether ...": too often the article's own voice
    role = next((c for c in tok.children if c.dep_ == "attr" and c.lemma_.lower() in ROLE_NOUNS), None)
    if role is not None and _can_hold_view(subject):
        # "Clinton is an outspoken supporter of Roe v. Wade", "X is a critic of Y".
        prep = next((c for c in role.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "to")), None)
        objs = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
        if prep is None or not objs:
            return None
        cue = (_cue_start(doc, tok), prep.i + 1)
        source = _source_span(text, subject)
        pieces = _pieces(doc, [_subtree_range(objs[0])], exclude=set(range(*cue)) | set(range(*source)))
        if not pieces:
            return None
        return _Found(cue, source, pieces, "copula", tok.i, _source_range(subject), statement=False)
    adjective = next(
        (c for c in tok.children if c.dep_ == "acomp" and c.lemma_.lower() in ATTITUDE_ADJECTIVES), None
    )
    if adjective is not None and _can_hold_view(subject):
        comps = [c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")]
        comps += [c for c in tok.children if c.dep_ == "ccomp"]
        end = adjective.i + 1
        if not comps:
            prep = next((c for c in adjective.children if c.dep_ == "prep" and c.i > adjective.i), None)
            if prep is None:
                return None
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if not objs:
                return None
            comps = objs
            end = prep.i + 1
        cue = (_cue_start(doc, tok), end)
        source = _source_span(text, subject)
        pieces = _pieces(
            doc, [_subtree_range(c) for c in comps], exclude=set(range(*cue)) | set(range(*source))
        )
        if not pieces:
            return None
        return _Found(cue, source, pieces, "copula", tok.i, _source_range(subject), statement=False)
    if subject.lemma_.lower() not in PREDICATE_NOUNS or subject.i > tok.i:
        return None
    comps = [c for c in tok.children if c.dep_ in ("ccomp", "attr") and c.i > tok.i]
    colon = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
    if colon:
        content = [(tok.i + 2, sent.end)]
    elif comps and any(t.dep_ == "mark" or text.quoted(t.i) for c in comps for t in c.subtree):
        content = [_subtree_range(c) for c in comps]
    else:
        return None
    owner = _owner_of(subject)
    start = owner.right_edge.i + 1 if owner is not None else subject.left_edge.i
    while start < subject.i and (doc[start].dep_ in ("case", "det") or doc[start].text in _PUNCT):
        start += 1
    cue = (start, tok.i + 1 + (1 if colon else 0))
    owner_span = _source_span(text, owner) if owner is not None else None
    pieces = _pieces(doc, content, exclude=set(range(*cue)))
    if not pieces:
        return None
    speaker = _source_range(owner) if owner is not None else None
    return _Found(cue, owner_span, pieces, "noun", tok.i, speaker, statement=False)


def _noun_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """ "Trump's claim that ...", "her criticism of Obama", "his support for the plan"."""
    doc = text.doc
    if tok.dep_ in ("compound",):
        return None
    owner = _owner_of(tok)
    content: list[Range] = []
    end = tok.i + 1
    if owner is None:
        # "allegations that ...", "the question of whether ...": no owner written, the clause says what.
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and c.i > tok.i
                and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)
            ),
            None,
        )
        end = tok.i + 1
        if clause is not None:
            content = [_subtree_range(clause)]
        elif tok.lemma_.lower() in OWNERLESS_NOUNS and (about := _topic_after(tok)) is not None:
            content, end = [about[0]], about[1]  # "faced sharp criticism for ...", "concerns about ..."
        else:
            return None
        start = tok.i
        while start - 1 >= sent.start and doc[start - 1].head == tok and doc[start - 1].dep_ == "amod":
            start -= 1
        pieces = _pieces(doc, content, exclude=set(range(start, end)))
        if not pieces:
            return None
        return _Found((start, end), None, pieces, "noun", tok.i, statement=False)
    for child in tok.children:
        if child.i < tok.i:
            continue
        if (
            child.dep_ in ("acl", "ccomp", "relcl")
            and any(m.dep_ in ("mark", "aux") for m in child.children)
            and child.dep_ != "relcl"
        ):
            content = [_subtree_range(child)]
            break
        if child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                content = [(objs[0].left_edge.i, child.right_edge.i + 1)]
                end = child.i + 1
                break
    if not content:
        return None
    start = owner.right_edge.i + 1 if owner.i < tok.i else tok.i
    while start < tok.i and (doc[start].dep_ in ("case", "det", "punct")):
        start += 1
    cue = (start, end)
    source = _source_span(text, owner)
    pieces = _pieces(doc, content, exclude=set(range(*cue)) | set(range(*source)))
    if not pieces:
        return None
    return _Found(cue, source, pieces, "noun", tok.i, _source_range(owner), statement=False)


def _topic_after(noun: Token) -> tuple[Range, int] | None:
    """What a view noun is about, from the preposition right after it, and where the cue ends."""
    prep = next(
        (c for c in noun.children if c.dep_ == "prep" and c.i == noun.i + 1 and c.lower_ in OWNERLESS_PREPS),
        None,
    )
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None else []
    if prep is None or not objs:
        return None
    if prep.lower_ == "of" and _can_hold_view(objs[0], strict=True):
        return None  # "the concern of the residents": whose view, not what it is about
    if any(c.dep_ == "neg" or c.lower_ == "no" for c in noun.children):
        return None  # "there is no criticism of the plan"
    return (objs[0].left_edge.i, prep.right_edge.i + 1), prep.i + 1


def _owner_of(noun: Token) -> Token | None:
    """Whose statement a noun names: "Trump's claim", "the senator's criticism", "criticism by X"."""
    for child in noun.children:
        if (child.dep_ == "poss" and child.lower_ not in ("its", "their")) or (
            child.dep_ == "poss" and child.i < noun.i
        ):
            return child
    for child in noun.children:
        if child.dep_ in ("compound", "nmod") and (
            child.ent_type_ in ("PERSON", "ORG", "NORP") or child.pos_ == "PROPN"
        ):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > noun.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and _can_hold_view(pobj):
                return pobj
    return None


def _according(doc: Doc, sent: SpacySpan, tok: Token) -> _Found | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = _trim(doc, *_subtree_range(pobj))
    s0, s1 = sent.start, sent.end
    phrase_end = max(source[1], pobj.right_edge.i + 1)
    framing = (
        _only_punct(doc, s0, tok.i)
        or _only_punct(doc, phrase_end, s1)
        or (tok.i > s0 and doc[tok.i - 1].lower_ in ("but", "and"))
    )
    if (
        not framing
        and tok.head.i != tok.i
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.head.dep_ in ("ccomp", "conj", "advcl", "relcl")
    ):
        content = [_subtree_range(tok.head)]  # "The AP reported that, according to an analysis, 85 of ..."
    elif tok.i - s0 <= 1:
        content = [(phrase_end, s1)]
    else:
        content = [(s0, tok.i), (phrase_end, s1)]
    pieces = _pieces(doc, content, exclude=set(range(tok.i, phrase_end)))
    if not pieces:
        return None
    return _Found((tok.i, tok.i + 2), source, pieces, "according", tok.i, _source_range(pobj))


def _headline_colon(text: _Text, sent: SpacySpan) -> _Found | None:
    """A headline or lead that names its speaker before a colon: "Kerry: We will ...", "Poll: Trump leads",
    "Lopez camp: ...", "Lopez to teachers: ..." (the speaker is who comes before "to", "on" or "at")."""
    doc = text.doc
    first = sent.start
    if first + 2 < sent.end and doc[first].lower_ in NOT_SOURCES and doc[first + 1].text in _DASHES:
        first += 2  # "EXCLUSIVE – Kerry: ..."
    while first < sent.end and doc[first].is_space:
        first += 1
    opening = first < sent.end and doc[first].text in _QUOTE_OPEN
    start = first + 1 if opening else first  # a transcript quoted whole: "\"WALLACE: Let's start ..."
    colon = next((t.i for t in doc[start : min(sent.end, start + 13)] if t.text == ":"), None)
    if colon is None or colon == start:
        return None
    end = text.paragraph_end(colon)
    pieces = _pieces(doc, [(colon + 1, end)], exclude=set())
    if (
        _transcript_speaker(text, first, start, colon)
        and pieces
        and any(t.is_alpha for t in doc[colon + 1 : end])
    ):
        return _Found((colon, colon + 1), _trim(doc, start, colon), pieces, "transcript", colon)
    if opening:
        return None
    before = doc[first:colon]
    if any("<" in t.text or "=" in t.text for t in before):
        return None  # markup, such as an embedded post, not a headline
    words = [t for t in before if t.is_alpha]
    if not words or len(words) > 10 or any(t.lower_ in NOT_SOURCES for t in words):
        return None
    named = [
        t
        for t in words
        if t.ent_type_ in ("PERSON", "ORG", "NORP")
        or t.pos_ == "PROPN"
        or t.lemma_.lower() in HUMAN_NOUNS
        or t.lemma_.lower() in DOCUMENT_SOURCES
    ]
    if len(words) > 2 and not named:
        return None
    after = [t for t in doc[colon + 1 : end] if not t.is_space]
    if sum(t.text == "," for t in after) >= 3 and all(t.pos_ == "PROPN" for t in after if t.is_alpha):
        return None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list of names
    if any(t.pos_ in ("VERB", "AUX") and not _capitalised(t) for t in before):
        return None
    lower = [t for t in words if not _capitalised(t) and t.lower_ not in HEADLINE_LINKS]
    # "Clinton camp:" may have a common noun after a name; a lowercase lead sentence is not a headline.
    if lower and (len(lower) > 1 or not named or len(words) > 4):
        return None
    if doc[first].lower_ in INVERTED_SAYING and first + 1 < colon:
        # "Said Ellis: “...”": the inverted verb is the cue, the name after it the source.
        source = _trim(doc, first + 1, colon)
        if not pieces or source[0] >= source[1]:
            return None
        return _Found((first, first + 1), source, pieces, "verb", first)
    source_end = colon
    link = next((t for t in words[1:] if t.lower_ in ("to", "on", "at")), None)
    if link is not None:
        source_end = link.i  # "Lopez to teachers:", "Lopez on the plan:": the speaker is Lopez
    source = _trim(doc, first, source_end)
    if not pieces or source[0] >= source[1] or sum(t.is_alpha for t in doc[colon + 1 : end]) < 3:
        return None
    head = doc[source[0] : source[1]].root
    return _Found((colon, colon + 1), source, pieces, "colon", colon, _source_range(head), statement=False)


def _transcript_speaker(text: _Text, first: int, label: int, colon: int) -> bool:
    """ "WALLACE:", "MR. TRUMP:" at the start of a paragraph (``first``, maybe an opening quotation mark
    before the ``label``): a speaker label in a transcript."""
    words = [t for t in text.doc[label:colon] if t.is_alpha]
    return (
        0 < len(words) <= 3
        and all(t.is_upper and len(t) > 1 for t in words)
        and not any(
            t.lower_ in NOT_SOURCES or t.lower_ in NOT_SPEAKERS or t.ent_type_ == "GPE" for t in words
        )
        and text.paragraph_start(first) == first
    )


def _headline_verb(text: _Text, sent: SpacySpan, taken: set[int]) -> _Found | None:
    """A cue verb in a title-case headline, which the parser takes for a name: "Senator Praises Plan"."""
    doc = text.doc
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3 or sum(_capitalised(t) for t in words) < 0.7 * len(words):
        return None
    for tok in words[1:-1]:
        low = tok.lower_
        if tok.pos_ not in ("PROPN", "NOUN") or not low.endswith("s") or tok.i in taken:
            continue
        stem = low[:-2] if low.endswith(("shes", "ches", "sses", "xes", "zes")) else low[:-1]
        frame = frame_of(stem)
        if not (frame.clause or frame.object or frame.infinitive):
            continue
        start = sent.start
        colon = next((t.i for t in doc[sent.start : tok.i] if t.text == ":"), None)
        if colon is not None:
            start = colon + 1
        source = _trim(doc, start, tok.i)
        pieces = _pieces(doc, [(tok.i + 1, sent.end)], exclude=set())
        if source[0] >= source[1] or not pieces:
            return None
        head = doc[source[0] : source[1]].root
        return _Found(
            (tok.i, tok.i + 1), source, pieces, "headline", tok.i, _source_range(head), statement=False
        )
    return None


def _frame(text: _Text, sent: SpacySpan, heads: set[int]) -> _Found | None:
    """ "In a CNN poll, Clinton leads ...": the opening phrase names whose finding the sentence reports."""
    doc = text.doc
    first = sent.start
    while first < sent.end and (doc[first].lower_ in ("but", "and", "yet") or doc[first].text in _PUNCT):
        first += 1
    prep = doc[first] if first < sent.end else None
    if prep is None or prep.dep_ != "prep" or prep.lower_ != "in":
        return None
    if prep.head.i in heads:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if pobj.lemma_.lower() not in ("poll", "survey"):
        return None
    end = prep.right_edge.i + 1
    if end >= sent.end or doc[end].text != ",":
        return None
    clause = (end + 1, sent.end)
    pieces = _pieces(doc, [clause], exclude=set())
    if not pieces:
        return None
    source = _trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    return _Found((prep.i, prep.i + 1), source, pieces, "frame", prep.i, _source_range(pobj), statement=False)
