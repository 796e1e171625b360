"""Who can be a source: the test every cue's source passes before its attribution is kept, and the words
a source is written with, without the time, age or address the parser hung on it.

Any cue (a verb's subject, a passive's agent, a noun's owner, the name before a colon, the object of
"according to") names its source from the parse, and the parse names things that cannot speak as readily
as people: "was hit by seven bullets", "the scheme was backed by 48 votes", "the shooting shows",
"Posted: 04/9/2012 8:33 am: ...". Only someone (a person, a group, an organisation, an outlet) or
something that records or states (a document, a recording, a poll) can be a source. The test reads the
source's head: its lemma in the word lists of ``lexicon`` (people, records, places, times, events and
things), a date word, the whole a share or a series is of, and the entity type where the recogniser is
reliable enough (people and organisations, dates and amounts; not places, which it gives to names).
A head in none of the lists is left to the cue's own rules: a number before a noun does not make it a
thing ("two objectors said"), and attribution corpora count movies and elections among sources.
A source that cannot speak leaves the sentence to the article's own voice, unless it only describes the
speaker ("a worker at the plant, who asked ...", the parser hanging the clause on the plant) or a name
sits inside it ("Saturday at the convention Sen. Jo Roe said"): then that person speaks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import (
    ANIMATE_PRONOUNS,
    COLLECTION_HEADS,
    COMPANY_NOUNS,
    DOCUMENT_NOUNS,
    DOCUMENT_SOURCES,
    HUMAN_NOUNS,
    MONTHS,
    MUTE_ENTITY_TYPES,
    MUTE_NOUNS,
    OUTLET_NOUNS,
    PERSON_ROLE_NOUNS,
    PLACE_NOUNS,
    RECORD_NOUNS,
    ROLE_NOUNS,
    SHARE_HEADS,
    SPEAKER_ENTITY_TYPES,
    SPEAKING_PLACES,
    SPEAKING_TIME_PREPS,
    TIME_NOUNS,
    UNNAMED_HEADS,
    WEEKDAYS,
)
from .tree import Range, _Found, _trim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def speaker_kind(tok: Token) -> str:
    """What the head of a source phrase is, as far as speaking goes: ``"someone"`` (a person, a group,
    an organisation, an outlet), ``"record"`` (a document, a recording, a poll), ``"mute"`` (an event, a
    thing, a place, a date) or ``"unknown"`` (a word in none of the lists, left to the cue's own rules)."""
    low = tok.lower_
    lemma = tok.lemma_.lower().rstrip(".")  # "St.", "Ave."
    if low in ANIMATE_PRONOUNS or lemma in ANIMATE_PRONOUNS or tok.pos_ == "PRON":
        return "someone"
    if tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART", "INTJ"):
        return "unknown"  # "Posted: ..." ("post" is a document only as a noun)
    words = (lemma, low, lemma.rstrip("s"))
    if any(w in DOCUMENT_SOURCES or w in DOCUMENT_NOUNS or w in RECORD_NOUNS for w in words):
        return "record"
    if any(
        w in HUMAN_NOUNS
        or w in UNNAMED_HEADS
        or w in PERSON_ROLE_NOUNS
        or w in OUTLET_NOUNS
        or w in COMPANY_NOUNS
        or w in ROLE_NOUNS
        for w in words
    ):
        return "someone"
    numeric = tok.like_num or tok.ent_type_ in ("CARDINAL", "ORDINAL", "PERCENT")
    if lemma in SHARE_HEADS or lemma in COLLECTION_HEADS or numeric:
        # "55 percent of voters", "hundreds of delegates", "a series of emails": whoever follows "of".
        whole = _share_of(tok)
        if whole is not None:
            return speaker_kind(whole)
        if lemma not in COLLECTION_HEADS:
            return "someone"  # "4 in 10 said", "three-fourths say"
    if tok.ent_type_ in SPEAKER_ENTITY_TYPES or _name_of(tok) in SPEAKING_PLACES:
        return "someone"
    if (tok.ent_type_ in MUTE_ENTITY_TYPES and tok.pos_ == "NOUN") or _date_word(tok):
        return "mute"  # "the weekend", "Tuesday", but "the 46-year-old said", "Last week Stumpf said"
    if lemma in PLACE_NOUNS:
        return "mute"
    if lemma in MUTE_NOUNS and not any(c.dep_ == "poss" for c in tok.children):
        return "mute"  # "the response indicates", but "his response focused on" is his
    if tok.pos_ == "NOUN" and lemma in TIME_NOUNS:
        return "mute"  # "the weekend", but "Time" the magazine
    if tok.pos_ == "PROPN":
        return "someone"  # a name the entity recogniser left untyped
    return "unknown"


def _date_word(tok: Token) -> bool:
    """A name of a month or a weekday: a date whatever the entity recogniser made of the words around
    it, which it also spreads over a name next to a date ("Last week Stumpf said")."""
    low = tok.lower_.rstrip(".")
    return tok.pos_ == "PROPN" and (low in MONTHS or low in WEEKDAYS)


def _name_of(tok: Token) -> str:
    """The name a head ends: "White House" from "the White House", without "the"."""
    words = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and c.i >= tok.left_edge.i]
    return " ".join(t.lower_ for t in (*words, tok)).rstrip(".")


def _share_of(tok: Token) -> Token | None:
    """The whole a share is of: "voters" in "55 percent of voters", "emails" in "a series of emails"."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    return next((c for c in of.children if c.dep_ == "pobj"), None)


def _described(tok: Token) -> Token | None:
    """The speaker a phrase that cannot speak only describes: "a worker at the plant, who asked ..." (the
    parser hung the clause on the plant): up from a place through the preposition, apposition or
    conjunction it hangs on, to a noun that can speak."""
    current = tok
    for _ in range(4):
        if current.dep_ in ("pobj",) and current.head.dep_ == "prep":
            current = current.head.head
        elif current.dep_ in ("appos", "conj", "compound") and current.head.i != current.i:
            current = current.head
        else:
            return None
        if current.pos_ in ("NOUN", "PROPN") and speaker_kind(current) == "someone":
            return current
    return None


def _head(doc: Doc, rng: Range) -> Token | None:
    if rng[0] >= rng[1]:
        return None
    return doc[rng[0] : rng[1]].root


def _named_within(doc: Doc, rng: Range, head: Token) -> Token | None:
    """A name inside a source phrase whose head is a date the parser made the subject: "Broaddrick
    Sunday night recounted", "Saturday at the convention Sen. Jane Roe said": a person's name before any
    other, the nearest to the head first."""
    names = [
        t
        for t in doc[rng[0] : rng[1]]
        if t.pos_ == "PROPN" and speaker_kind(t) == "someone" and not _part_of_name(t, head)
    ]
    return min(
        names,
        key=lambda t: (
            t.ent_type_ != "PERSON",
            t.dep_ == "compound" and t.head.pos_ == "PROPN",  # "Jane" in "Jane Roe": Roe stands for her
            abs(t.i - head.i),
        ),
        default=None,
    )


def _part_of_name(tok: Token, head: Token) -> bool:
    """Whether ``tok`` is a word of ``head``'s own name: "E." in "E. 31st St."."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == head.i:
            return True
    return False


def _who(doc: Doc, rng: Range) -> Range:
    """The words that say who a source is, without what the parser hung after its head that says when,
    how old or at which address: "the congressman over the weekend", "King, 39", "Jo Doe, who works at
    Elm St. and Oak Ave." (the parser coordinated the street with her)."""
    head = _head(doc, rng)
    if head is None:
        return rng
    start, end = rng
    for child in head.children:
        if head.i < child.i < end and (_tells_when(child) or _tells_age(child) or _tells_where(child)):
            end = min(end, child.left_edge.i)
    return _without_loose_ends(doc, start, end, rng[1])


def _timeless(doc: Doc, rng: Range) -> Range:
    """The words of a source without the time it spoke, when that ends them: "President Obama on
    Thursday", "the report on Wednesday". A time that says which one ("a poll in February", "a study
    from 2011", "Jo Doe, 39") stays: attribution corpora keep it in the source."""
    head = _head(doc, rng)
    if head is None:
        return rng
    start, end = rng
    for child in sorted(head.children, key=lambda c: -c.i):
        if child.i <= head.i or child.i >= end:
            continue
        after = _trim(doc, child.right_edge.i + 1, end)
        if not (child.lower_ in SPEAKING_TIME_PREPS and _tells_when(child)) or after[0] < after[1]:
            break
        end = child.left_edge.i
    return _without_loose_ends(doc, start, end, rng[1])


def _without_loose_ends(doc: Doc, start: int, end: int, was: int) -> Range:
    if end < was:
        while end > start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1  # "Jo Doe, who works at Elm St. and": the "and" went with the street
    return _trim(doc, start, end)


def _tells_when(tok: Token) -> bool:
    """ "on Tuesday", "over the weekend", "last week" after a source's head, and nothing after the time
    word ("on Monday about the shooting" is what an article is about)."""
    if tok.dep_ == "prep":
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        return pobj is not None and pobj.right_edge.i == pobj.i and _is_time(pobj)
    return tok.dep_ == "npadvmod" and tok.right_edge.i == tok.i and _is_time(tok)


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or (tok.pos_ == "NOUN" and tok.lemma_.lower() in TIME_NOUNS)


def _tells_age(tok: Token) -> bool:
    """ "King, 39,": a bare number after a comma."""
    comma = tok.i > 0 and tok.doc[tok.i - 1].text == ","
    return comma and tok.dep_ in ("npadvmod", "appos", "amod", "nummod") and tok.like_num


def _tells_where(tok: Token) -> bool:
    """A place the parser coordinated with the speaker: "Jo Doe, who works at Elm St. and Oak Ave."."""
    return tok.dep_ == "conj" and speaker_kind(tok) == "mute"


# Heads before a colon that are no speaker's name: "Posted: ...", "Revealed: ...", "Wow: ..." (an
# adjective may be a name the tagger missed: "Lopez to teachers: ...").
_NOT_NAMES = frozenset(("VERB", "AUX", "INTJ", "ADV", "CCONJ", "SCONJ", "PART"))


def spoken(doc: Doc, found: _Found) -> _Found | None:
    """``found`` as a source can give it: its words without a time phrase that ends them, its speaker
    (what the chain names) without time, age or address, and the person a description of a place
    stands for; None when its source cannot speak, so that the sentence stays the article's own."""
    if found.source is None:
        return found
    speaker = found.speaker if found.speaker is not None else found.source
    head = _head(doc, speaker)
    if head is None:
        return found
    kind = speaker_kind(head)
    if found.cue_kind == "colon" and head.pos_ in _NOT_NAMES and _named_within(doc, speaker, head) is None:
        return None  # no verb of saying vouches for the words before a colon: "Revealed: ...", "Wow: ..."
    if kind == "mute":
        person = _described(head) or _named_within(doc, speaker, head)
        if person is None:
            return None
        who = _phrase(person)
        relative = found.speaker is not None and found.speaker != found.source
        return replace(found, source=found.source if relative else who, speaker=who)
    source = _timeless(doc, found.source)
    if source[0] >= source[1]:
        source = found.source
    return replace(found, source=source, speaker=_who(doc, speaker))


def _phrase(tok: Token) -> Range:
    """A noun's own words: its modifiers before it, not the comma, clause or preposition after it."""
    return _trim(tok.doc, tok.left_edge.i, tok.i + 1)
