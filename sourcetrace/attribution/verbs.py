"""Verb cues: a verb of saying, thinking, intending or evaluating and the complement its frame takes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import DOCUMENT_NOUNS, DOCUMENT_SOURCES, RELATIVE_PRONOUNS
from .frames import AMOUNT_SIGNS, CUE_SETTINGS, LIGHT_FRAMES, CueFrame, cue_lemma, frame_of
from .quotes import _quoted_before, _said_after, _Text
from .source import (
    _after_dateline,
    _can_hold_view,
    _head_lemma,
    _named_after_quotation,
    _second_cue,
    _shared_subject,
    _source_span,
    _subject_before,
)
from .tree import (
    Range,
    _agent,
    _cue_start,
    _Found,
    _framing_according,
    _pieces,
    _source_range,
    _subtree_range,
    _trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def _trailing_cue_as_noun(text: _Text, sent: SpacySpan, taken: set[int]) -> _Found | None:
    """ "..., the candidate's former doctor maintains.": a cue verb at the end of the sentence that the
    parser read as a plural noun, after a comma and a source."""
    doc = text.doc
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 5:
        return None
    cue = words[-1]
    if cue.i in taken or cue.pos_ != "NOUN" or not cue.lower_.endswith("s") or text.quoted(cue.i):
        return None
    lemma = next((c for c in (cue.lower_[:-1], cue.lower_[:-2]) if frame_of(c).clause), None)
    if lemma is None:
        return None
    start = max(sent.start, cue.i - 10)
    comma = next((k for k in range(cue.i - 1, start - 1, -1) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= cue.i:
        return None
    between = doc[comma + 1 : cue.i]
    if any(t.pos_ in ("VERB", "AUX", "NUM") or t.like_num or text.quoted(t.i) for t in between):
        return None  # "..., and FiveThirtyEight 2.1 points": a figure, not a speaker
    holder = max(between, key=lambda t: (t.pos_ in ("NOUN", "PROPN"), t.i))
    if not _can_hold_view(holder):
        return None
    content = _trim(doc, sent.start, comma)
    if sum(t.is_alpha for t in doc[content[0] : content[1]]) < 3:
        return None
    source = _trim(doc, comma + 1, cue.i)
    return _Found((cue.i, cue.i + 1), source, (content,), "verb", cue.i, statement=frame_of(lemma).statement)


@dataclass(slots=True)
class _Parts:
    """What the parse hangs on a cue verb: its subject, the clauses and complements it governs."""

    subject: Token | None
    relative: list[Token]  # relative pronouns among its subjects: they belong to the content
    verbless: Token | None  # the subject of a finite cue the parser hung on a noun
    passive: bool
    ccomps: list[Token]  # clauses: what was said, when the cue takes a clause
    xcomps: list[Token]  # infinitives, adjectives, naming complements


@dataclass(frozen=True, slots=True)
class _Speaker:
    """Who speaks through a cue verb: the token standing for the source, the words written as the source,
    and the phrase the chain resolves."""

    token: Token
    holder: Token  # who holds the view: the antecedent of a relative pronoun, else the token itself
    source: Range
    speaker: Range


def _verb_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """A cue verb and the complement its frame takes: "X said (that) ...", "X endorsed Y", "X urged Y
    to ...", "X called for Y"; its passive with no agent and raising verbs go to their own rules."""
    doc = text.doc
    frame = frame_of(cue_lemma(tok))
    if not frame.complement or _inside_a_phrase(tok):
        return None
    parts = _parts(sent, tok, frame)
    if frame.raising and not parts.passive:
        return _raising(doc, tok, parts.subject, parts.ccomps, parts.xcomps)
    if parts.passive and _agent(tok) is None:
        return _passive(doc, sent, tok, parts.subject, parts.ccomps, parts.xcomps)
    who = _speaker(text, sent, tok, frame, parts)
    if who is None:
        return None
    holder = who.holder
    animate = (
        _can_hold_view(holder)
        or (holder.lower_ == "it" and frame.clause)  # "it declined, citing"
        or (who.token.lower_ in ("who", "whom") and tok.dep_ == "relcl")  # "idealists who wanted ..."
        # A common noun that is the cue's own subject: "first ladies have focused on", "the troops cheered".
        or (holder.pos_ == "NOUN" and holder.dep_ == "nsubj" and holder.head == tok)
    )
    # The product reports statements only from subjects known to speak; the weaker signs above serve the
    # attribution corpora's reading of views and intentions.
    speaks = _can_hold_view(holder, strict=True) or (holder.lower_ == "it" and frame.clause)
    documentary = _head_lemma(holder) in DOCUMENT_SOURCES or _head_lemma(holder) in DOCUMENT_NOUNS
    use = _Use(parts.subject, parts.ccomps, parts.xcomps, documentary)
    if frame.everyday and EVERYDAY[frame.everyday](tok, use):
        return None
    said = _what_is_said(text, sent, tok, frame, parts, who, animate=animate, speaks=speaks)
    if said is None:
        return None
    content, exclude, statement, cue_end = said
    if (tok.dep_ == "acl" and parts.subject is None) or (
        tok.dep_ == "xcomp" and any(c.lower_ == "to" for c in tok.children)
    ):
        # "a report claiming ...", "declined to say whether ...": a report is described, not made.
        statement = False
    content += [(r.i, r.i + 1) for r in parts.relative]
    exclude |= _framing_according(doc, sent)
    exclude |= _which_stances_within(doc, content)
    particle = next((c for c in tok.children if c.dep_ == "prt" and c.i == cue_end), None)
    if particle is not None:
        cue_end = particle.i + 1
    cue = (_cue_start(doc, tok), _cue_end(doc, tok, cue_end))
    pieces = _pieces(doc, content, exclude=exclude | set(range(*cue)) | set(range(*who.source)))
    if not pieces:
        return None
    return _Found(cue, who.source, pieces, "verb", tok.i, who.speaker, statement)


def _inside_a_phrase(tok: Token) -> bool:
    """A cue word used as a modifier or a noun's argument ("a planned visit", "the said report") is no
    cue; a gerund object ("began criticizing") still is."""
    return tok.dep_ in ("amod", "compound", "nmod", "npadvmod", "nsubj", "nsubjpass", "pobj") or (
        tok.dep_ == "dobj" and tok.tag_ != "VBG"
    )


def _parts(sent: SpacySpan, tok: Token, frame: CueFrame) -> _Parts:
    children = list(tok.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # "..., which the unnamed source said plans to ...": the relative pronoun belongs to the content.
    # Of two subjects the parser gave one verb ("The Latest: Trump urges ..."), the nearer is the verb's.
    plain = sorted((c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS), key=lambda c: abs(tok.i - c.i))
    subject = plain[0] if plain else (subjects[0] if subjects else None)
    relative = [c for c in subjects if c is not subject]
    verbless = _verbless_subject(sent, tok) if subject is None else None
    if verbless is not None:
        subject = verbless
    # "Asked whether ..., 75 percent said yes": a bare participle is a passive with no agent.
    participle = tok.tag_ == "VBN" and subject is None and tok.dep_ in ("advcl", "acl", "ROOT")
    passive = participle or any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in children)
    ccomps = [c for c in children if c.dep_ == "ccomp" and _which_comma(c) is None]
    if not ccomps and frame.clause:
        # "tweeted in the early hours that X was ...": a that-clause the parser hung on as an adverbial.
        # "asked the students if they were ...": a question the parser hung on as an adverbial.
        opener = ("that", "if", "whether") if frame.question else ("that",)
        ccomps = [c for c in children if c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ in opener]
    xcomps = [c for c in children if c.dep_ in ("xcomp", "acomp", "oprd")]
    return _Parts(subject, relative, verbless, passive, ccomps, xcomps)


def _speaker(text: _Text, sent: SpacySpan, tok: Token, frame: CueFrame, parts: _Parts) -> _Speaker | None:
    """Who speaks through a cue verb: the agent of its passive, its subject, the object of an inverted
    cue ("..., reports a Der Spiegel report"), a name after a quotation, or a subject it shares.
    ``parts.ccomps`` loses the clauses that turn out to be a misparsed description of the speaker."""
    doc = text.doc
    named: int | None = None
    described: Range | None = None
    subject, ccomps = parts.subject, parts.ccomps
    if parts.passive:
        source_tok = _agent(tok)
    elif subject is not None:
        source_tok = subject
    elif ccomps and ccomps[0].i < tok.i:
        # Inverted: "China is preparing ..., reports a Der Spiegel report": the object is the source.
        source_tok = next((c for c in tok.children if c.dep_ in ("dobj", "attr") and c.i > tok.i), None)
        if source_tok is None and (misread := _misread_source(tok, ccomps)) is not None:
            source_tok, parts.ccomps, described = misread
    elif (named := _named_after_quotation(doc, sent, tok)) is not None:
        source_tok = _subject_before(doc, sent, tok, after_quotation=True) or _shared_subject(tok)
    else:
        source_tok = _shared_subject(tok) or _subject_before(doc, sent, tok)
    if source_tok is None:
        return None
    if source_tok.lower_ in ("it", "there", "this") and not frame.clause:
        return None
    if source_tok.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
        if source_tok.lower_ in ("which", "that") and not (
            (_can_hold_view(tok.head) and frame.statement)
            or (source_tok.lower_ == "which" and tok.head.ent_type_ in ("ORG", "NORP", "GPE"))
        ):
            return None  # "a group that supports ...": a description more often than an attribution
        antecedent = tok.head
        if antecedent.ent_type_ in ("DATE", "TIME"):
            # "met with Russians in June 2016 who said ...": the parser hangs the clause on the date.
            found = _speaker_before(doc, sent, antecedent.left_edge.i)
            if found is None:
                return None
            antecedent = found
        speaker = _source_range(antecedent)
        holder = antecedent
    else:
        speaker = _source_range(source_tok)
        holder = source_tok
    source = _after_dateline(doc, _source_span(text, source_tok, tok), tok)
    if source[0] > source_tok.i and source[0] < source[1]:
        # The parser took the dateline for the subject ("WASHINGTON — Representative Ann Vale, ...,
        # denied"): the speaker is the phrase after the dash.
        source_tok = holder = doc[source[0] : source[1]].root
        speaker = _source_range(source_tok)
    if named is not None and named <= source_tok.i < tok.i:
        source = _trim(doc, named, tok.i)  # the whole name, however the parser split it
    elif parts.verbless is not None:
        source = speaker = _trim(doc, sent.start, tok.i)  # everything before the cue
    elif described is not None:
        source = described  # the speaker's whole description, however the parser read it
    return _Speaker(source_tok, holder, source, speaker)


def _speaker_before(doc: Doc, sent: SpacySpan, end: int) -> Token | None:
    """The nearest noun before ``end`` in the sentence, dates and times skipped, if it can speak."""
    for i in range(end - 1, sent.start - 1, -1):
        t = doc[i]
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME"):
            return t if _can_hold_view(t) else None
    return None


def _what_is_said(
    text: _Text,
    sent: SpacySpan,
    tok: Token,
    frame: CueFrame,
    parts: _Parts,
    who: _Speaker,
    *,
    animate: bool,
    speaks: bool,
) -> tuple[list[Range], set[int], bool, int] | None:
    """The content of a cue verb, the tokens to leave out of it, whether it is a statement, and where
    the cue ends: the clause a verb of saying governs, else the complement of its frame, else what a
    parenthetical cue frames or the quotation after or before it."""
    doc = text.doc
    subject, ccomps = parts.subject, parts.ccomps
    documentary = _head_lemma(who.holder) in DOCUMENT_SOURCES or _head_lemma(who.holder) in DOCUMENT_NOUNS
    says = frame.clause
    content: list[Range] = []
    exclude: set[int] = set()
    statement = frame.statement
    cue_end = tok.i + 1
    complement_used = False
    if ccomps and says and who.token.lower_ not in ("there", "this", "that", "which"):
        content = [_subtree_range(c) for c in ccomps]
        for c in ccomps:
            exclude |= _coordinated_cues(c)
    else:
        complement = _complement(doc, tok, frame, parts.xcomps) if animate or documentary else []
        if complement and not frame.speech:
            content = (
                complement  # "points to X", "cited a memo", "urged X to ...": the object, not a quotation
            )
        elif says and _parenthetical(doc, tok, subject):
            content = _head_clause(doc, tok)
        elif says and (after := _said_after(text, sent, tok)) is not None:
            content = [after]
        elif says and (before := _quoted_before(text, tok, who.source[0])) is not None:
            content = [before]
        else:
            content = complement
        complement_used = content is complement and bool(complement)
        if content is complement and complement:
            negated = any(
                c.dep_ == "neg" for c in tok.children
            )  # "has not condemned the invasion": no report
            statement = frame.denial or (frame.object_said and not negated)
            if tok.dep_ == "relcl" and complement[0][1] <= tok.i:
                statement = False  # "the only regret he acknowledged": a view of a thing, not a claim
            preps = frame.content_preps
            if (
                preps
                and tok.i + 1 < len(doc)
                and doc[tok.i + 1].lower_ in preps
                and doc[tok.i + 1].dep_ in ("prep", "prt", "mark")
            ):
                cue_end = tok.i + 2
    if not content and frame.speech and subject is not None and animate:
        content = _clause_around(doc, sent, tok)
        statement = (statement or bool(content)) and speaks
    if not content and parts.passive and subject is not None:
        content = [_subtree_range(subject)]  # "The meeting was first reported by Politico."
        statement = False
    if not content and (clause := _which_clause(doc, tok)):
        content, statement = clause, speaks  # "The US accused China of ..., which Beijing denied."
    if not content:
        return None
    if complement_used and not (speaks or documentary):
        statement = False
    return content, exclude, statement, cue_end


@dataclass(frozen=True, slots=True)
class _Use:
    """What the parse gives a cue verb, as the guards of an everyday sense read it."""

    subject: Token | None
    ccomps: list[Token]
    xcomps: list[Token]
    documentary: bool  # its subject is a document ("the poll found")


def _put_at(tok: Token, use: _Use) -> bool:
    """ "put his life at risk", not "put the figure at $45m" or "as X put it"."""
    return not use.ccomps and not _parenthetical(tok.doc, tok, use.subject) and not _puts_a_figure(tok)


def _hear_that(tok: Token, use: _Use) -> bool:
    """ "heard the crowd chant", not "heard that ..."."""
    return not any(m.lower_ == "that" for c in use.ccomps for m in c.children if m.dep_ == "mark")


def _find_that(tok: Token, use: _Use) -> bool:
    """ "found ways to", "found itself at the center of", not "found that ...", "found him guilty" or a
    poll's finding."""
    return not use.ccomps and not use.documentary and not any(x.dep_ == "oprd" for x in use.xcomps)


def _aim_at(tok: Token, use: _Use) -> bool:
    """ "pointed a gun at them", "fired 11 shots at the suspect": with an object of its own, "at" names a
    target, not what is said; "fired back at critics" and "pointed at the report" still report."""
    return any(c.dep_ == "dobj" for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ == "at" for c in tok.children
    )


# The guards named in the cue-frame table's last column: true when the cue word is used in its everyday
# sense, which reports nothing.
EVERYDAY: dict[str, Callable[[Token, _Use], bool]] = {
    "put-at": _put_at,
    "hear-that": _hear_that,
    "find-that": _find_that,
    "aim-at": _aim_at,
}


def _verbless_subject(sent: SpacySpan, tok: Token) -> Token | None:
    """The subject of a finite cue the parser hung on a noun, leaving its sentence without a verb:
    "One of the doctors who sent the letter called Oz a quack" (root "One", "called" a participle of
    "letter"), "Roy Cooper (D), the governor's opponent, called Friday for ..." (root "Cooper")."""
    root = sent.root
    if tok.dep_ != "acl" or tok.tag_ not in ("VBD", "VBN") or root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if tok.head.i == root.i or root.i >= tok.i or root.left_edge.i != sent.start:
        return None  # "A new group called Fair Ferries.": a name given to the root itself
    if any(t.pos_ == "AUX" for t in sent):
        return None
    if any(c.dep_ in ("auxpass", "agent") for c in tok.children):
        return None
    return root


_CUE_FRAME = frozenset("nsubj nsubjpass aux auxpass neg advmod npadvmod".split())


def _which_comma(tok: Token) -> int | None:
    """Where ", which Beijing denied" starts when ``tok`` is such a stance on the clause before it."""
    frame = frame_of(cue_lemma(tok))  # a stance on a whole clause: its "which" is the clause
    if tok.dep_ not in ("relcl", "ccomp", "conj", "advcl") or not (frame.denial or frame.confirmation):
        return None  # (the parser sometimes hangs the relative clause on the verb as a complement)
    which = next((c for c in tok.children if c.lower_ == "which" and c.i < tok.i), None)
    doc = tok.doc
    if which is None or which.i <= tok.sent.start or doc[which.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in tok.children):
        return None
    return which.i - 1


def _which_clause(doc: Doc, tok: Token) -> list[Range]:
    """What ", which Beijing denied" denies: the clause before the comma, and when that clause reports
    someone ("The US accused China of planning ..."), what they said rather than that they said it."""
    comma = _which_comma(tok)
    if comma is None:
        return []
    sent = tok.sent
    skip: set[int] = set()
    root = sent.root
    if frame_of(cue_lemma(root)).denial or any(c.dep_ == "neg" for c in root.children):
        return []  # "China denied that it ..., which Washington disputed": not a denial of "it ..."
    if root.i < comma and _is_cue_word(root):
        skip.add(root.i)
        for c in root.children:
            if c.i < root.i and c.dep_ in _CUE_FRAME:
                skip.update(range(c.left_edge.i, c.right_edge.i + 1))
    return list(_pieces(doc, [(sent.start, comma)], exclude=skip))


def _which_stances_within(doc: Doc, ranges: Iterable[Range]) -> set[int]:
    """The ", which Beijing denied" inside a content: another source's stance, not part of what is said."""
    out: set[int] = set()
    for start, end in ranges:
        for t in doc[start:end]:
            comma = _which_comma(t)
            if comma is not None:
                out.update(range(comma, t.right_edge.i + 1))
    return out


def _puts_a_figure(tok: Token) -> bool:
    """ "Forbes put his net worth at $45 billion": "put ... at" with an amount is an estimate."""
    places = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"]
    return any(t.like_num or t.text in AMOUNT_SIGNS for c in places for t in c.subtree)


def _misread_source(tok: Token, ccomps: list[Token]) -> tuple[Token, list[Token], Range] | None:
    """The speaker of a cue the parser left without a subject because it read a word of the speaker's
    description as a verb: '"...," said David Brock, a confidant who heads Correct the Record' ("Correct"
    a verb with "Brock" its subject), "Jeffrey Salkin, a rabbi helping ..., said he ..." ("rabbi" a verb).
    Returns the speaker, the clauses that are really what was said, and the whole description."""
    for clause in ccomps:
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
            continue
        if clause.i > tok.i and subject.left_edge.i == tok.i + 1:
            said = [c for c in ccomps if c.i < tok.i]
            return subject, said, _trim(tok.doc, tok.i + 1, tok.sent.end)  # '"...," said NAME ...'
        if (
            clause.i < tok.i
            and not any(c.dep_ in ("aux", "auxpass", "mark", "neg") for c in clause.children)
            and subject.i < clause.i
            and tok.doc[subject.i + 1].text == ","
            and not any(t.is_quote for t in tok.doc[tok.sent.start : tok.i])
            and subject.left_edge.i == tok.sent.start
            and tok.doc[tok.i - 1].text == ","
        ):
            said = [c for c in ccomps if c.i > tok.i]
            return subject, said, _trim(tok.doc, tok.sent.start, tok.i)  # "NAME, a rabbi ..., said ..."
    # '"... our military," Flynn, a top surrogate, said': the name hung on the quotation's last noun.
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == ",":
        mark = next((i for i in range(tok.i - 2, tok.sent.start, -1) if doc[i].is_quote), None)
        if mark is not None and doc[mark - 1].is_punct and mark + 1 < tok.i - 1:
            words = doc[mark + 1 : tok.i - 1]
            heads = [t for t in words if not (mark < t.head.i < tok.i - 1)]
            if (
                len(heads) == 1
                and heads[0].pos_ in ("PROPN", "NOUN")
                and not any(t.pos_ in ("VERB", "AUX") for t in words)
            ):
                return heads[0], [c for c in ccomps if c.i < tok.i], _trim(doc, mark + 1, tok.i - 1)
    return None


def _complement(doc: Doc, tok: Token, frame: CueFrame, xcomps: list[Token]) -> list[Range]:
    """The content of a verb of intention, evaluation or request: its infinitive, object or
    prepositional object."""
    children = list(tok.children)
    # "which he describes as his home", "whom she called a liar": the relative pronoun is the object.
    naming = tok.dep_ == "relcl" and any(
        c.i > tok.i and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"))
        for c in children
    )
    objects = [
        c
        for c in children
        if c.dep_ in ("dobj", "dative") and (c.i > tok.i or (naming and c.lower_ in ("which", "whom")))
    ]
    answer = next(
        (
            c
            for c in children
            if c.i > tok.i
            and c.lower_ in ("so", "yes", "no", "otherwise")
            and c.dep_ in ("advmod", "intj", "dobj")
        ),
        None,
    )
    if answer is not None and frame.clause:
        return [(answer.i, answer.i + 1)]  # "half said so", "the candidate said no"
    if frame.infinitive:
        infinitives = [x for x in xcomps if x.dep_ == "xcomp" and x.i > tok.i]
        if infinitives:
            ranges = [_subtree_range(x) for x in infinitives]
            if objects and not frame.addressee:  # "urged X to ...", but "told X to ..."
                ranges = [_subtree_range(o) for o in objects] + ranges
            return ranges
    for child in children:
        if child.dep_ == "prep" and child.lower_ in frame.content_preps and child.i > tok.i:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs and objects and objects[0].i < child.i:
                return [(objects[0].left_edge.i, child.right_edge.i + 1)]  # "accused China of supplying ..."
            if objs:
                return [(objs[0].left_edge.i, child.right_edge.i + 1)]
        if child.dep_ == "advcl" and child.i > tok.i:
            # "called for the United States to step up ...": the parser makes "for" a clause marker.
            mark = next(
                (c for c in child.children if c.dep_ == "mark" and c.lower_ in frame.content_preps), None
            )
            if mark is not None and mark.i == tok.i + 1:
                return [(mark.i + 1, child.right_edge.i + 1)]
    if frame.object and not objects and not frame.no_question:
        # "wouldn't discuss whether ...", "highlighted how ...": a question clause in the object's place.
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is not None and any(
            t.lower_ in ("whether", "how", "what", "why", "if") for t in clause.subtree
        ):
            return [_subtree_range(clause)]
    if (
        tok.dep_ == "relcl"
        and not objects
        and (frame.object or frame.clause)
        and not frame.no_antecedent  # "the crowd he saw", "the bill they pushed"
        and not frame.object_said  # "the book she wrote": a thing made, not a view held
        and not any(c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") for c in children)
        and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in children)
        and not any(c.lower_ == "which" for c in children)  # ", which Beijing denied": the whole clause
        and tok.head.i < tok.i
    ):
        return [(tok.head.left_edge.i, tok.head.i + 1)]  # "the only regret he acknowledged": the antecedent
    if frame.addressee and len(objects) == 2:
        return [_subtree_range(objects[-1])]  # "asked the admiral that question": not the one asked
    if frame.object and objects and not (frame.addressee or frame.object_addressee):
        ranges = [_subtree_range(o) for o in objects]
        for child in children:
            if child.i > tok.i and (
                child.dep_ in ("oprd", "ccomp", "xcomp")
                or (child.dep_ == "prep" and child.lower_ in ("as", "for", "of", "over", "on"))
            ):
                ranges.append(_subtree_range(child))
        return ranges
    if frame.object and xcomps and (frame.naming or any(x.tag_ == "VBG" and x.i > tok.i for x in xcomps)):
        return [_subtree_range(x) for x in xcomps if x.i > tok.i]  # "proposed barring ..."
    return []


def _clause_around(doc: Doc, sent: SpacySpan, tok: Token) -> list[Range]:
    """What a verb of saying frames when the parser hung it elsewhere: the rest of the sentence ("said on
    Friday during a conference that ...")."""
    rest = _trim(doc, tok.i + 1, sent.end)
    if tok.dep_ in ("ROOT", "conj") and sum(t.is_alpha for t in doc[rest[0] : rest[1]]) >= 3:
        return [rest]
    return []


def _coordinated_cues(clause: Token) -> set[int]:
    """ "He said A and said B": the second cue, parsed inside A, is his too and not part of A."""
    out: set[int] = set()
    for conj in clause.children:
        if conj.dep_ != "conj" or not _second_cue(conj, clause.head):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue
        out.update(range(*_subtree_range(conj)))
        out.update(c.i for c in clause.children if c.dep_ in ("cc", "punct") and clause.i < c.i < conj.i)
    return out


def _cue_end(doc: Doc, tok: Token, end: int) -> int:
    """ "said in a statement", "said in an interview": where it was said is part of the cue; so is the
    "it" of "as X put it"."""
    if tok.lemma_.lower() == "put" and end < len(doc) and doc[end].lower_ == "it" and doc[end].head == tok:
        end += 1
    if end < len(doc) and doc[end].lower_ == "in" and doc[end].head == tok:
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in CUE_SETTINGS and pobj.i <= end + 3:
            return pobj.i + 1
    return end


def _is_cue_word(tok: Token) -> bool:
    lemma = cue_lemma(tok)
    frame = frame_of(lemma)
    return frame.clause or frame.object or frame.infinitive or bool(frame.preps) or lemma in LIGHT_FRAMES


def _raising(
    doc: Doc, tok: Token, subject: Token | None, ccomps: list[Token], xcomps: list[Token]
) -> _Found | None:
    """ "Trump seemed unfazed", "the plan appears to work", "it seems that ...": no source is named."""
    likes = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("like", "as")]
    comps = ccomps or xcomps or likes
    if not comps or (frame_of(tok.lemma_.lower()).only_like and not likes and not ccomps):
        return None
    if any(x.dep_ == "xcomp" and _is_cue_word(x) for x in xcomps):
        return None  # "he appeared to make a joke about ...": the joke is his, cued by "make"
    content = [_subtree_range(c) for c in comps]
    if subject is not None and subject.lower_ not in ("it", "there", "this", "that") and not ccomps:
        content.insert(0, _subtree_range(subject))
    pieces = _pieces(doc, content, exclude={tok.i})
    if not pieces:
        return None
    return _Found((tok.i, tok.i + 1), None, pieces, "raising", tok.i, statement=False)


def _passive(
    doc: Doc, sent: SpacySpan, tok: Token, subject: Token | None, ccomps: list[Token], xcomps: list[Token]
) -> _Found | None:
    """A passive cue with no agent: "X is expected to win", "it is claimed that ...", "she was asked if"."""
    frame = frame_of(tok.lemma_.lower())
    if not frame.passive and (not frame.object or frame.no_passive):
        return None  # "X was booed", "Y was lambasted as ...": a view of X whose holder is not named
    naming = [x for x in xcomps if x.dep_ == "oprd"] if frame.naming else []
    comps = (
        ccomps
        or [x for x in xcomps if x.dep_ == "xcomp"]
        or naming
        or [
            c
            for c in tok.children
            if (
                c.dep_ == "advcl"
                and any(m.lower_ in ("if", "whether") for m in c.children if m.dep_ == "mark")
            )
            or (c.dep_ == "prep" and c.lower_ == "about" and frame.passive and frame.question)
        ]
    )
    content = [_subtree_range(c) for c in comps]
    if subject is not None and subject.lower_ not in ("it", "there") and (not frame.addressee or not comps):
        content.insert(0, _subtree_range(subject))  # "X is expected to ...", "the question was asked"
    elif subject is None and tok.dep_ == "acl" and comps:
        return None  # "a group called the Y Foundation", "a bill known as ...": a name, not a view
    if not content:
        return None
    start = tok.i
    while (
        start - 1 >= sent.start
        and doc[start - 1].dep_ in ("auxpass", "aux", "neg")
        and doc[start - 1].head == tok
    ):
        start -= 1
    if subject is not None and subject.lower_ == "it" and subject.i == start - 1:
        start -= 1  # "It is claimed that": the whole phrase is the cue
    cue = (start, tok.i + 1)
    pieces = _pieces(doc, content, exclude=set(range(*cue)))
    if not pieces:
        return None
    # "When asked about the report, ...": a question put to someone is not a claim.
    return _Found(cue, None, pieces, "passive", tok.i, statement=frame.passive and not frame.question)


def _parenthetical(doc: Doc, tok: Token, subject: Token | None) -> bool:
    """ "..., the magazine said", "X, he said, is ...", "As Trump noted, ...": the cue frames its
    head clause."""
    if tok.head.i == tok.i:
        return False
    if tok.dep_ == "parataxis":
        return True
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return True
    if (
        tok.dep_ in ("advcl", "conj")
        and frame_of(cue_lemma(tok)).speech
        and tok.head.i < tok.i
        and subject is not None
        and subject.i < tok.i
        and _comma_before(doc, tok, subject)
        and not any(c.i > tok.i and c.dep_ in ("ccomp", "dobj", "dative", "xcomp") for c in tok.children)
    ):
        # "X agreed to ship 100 engines, the Northgate Review reported on Thursday.": the parser hung the
        # trailing cue under the clause it frames.
        return True
    if (
        tok.dep_ in ("ccomp", "conj")
        and tok.head.i < tok.i
        and _comma_before(doc, tok, subject)
        and not any(c.dep_ == "ccomp" for c in tok.children)
    ):
        return tok.dep_ == "ccomp"
    return False


def _head_clause(doc: Doc, tok: Token) -> list[Range]:
    """The clause a parenthetical cue hangs from, minus the cue's own phrase."""
    left, right = _subtree_range(tok.head)
    own = _subtree_range(tok)
    return [(left, own[0]), (own[1], right)]


def _comma_before(doc: Doc, tok: Token, subject: Token | None) -> bool:
    first = subject.left_edge.i if subject is not None and subject.i < tok.i else tok.i
    return first > 0 and doc[first - 1].text in (",", "”", '"', "—")
