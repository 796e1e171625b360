"""Attribution: who says what, citing whom, in one article.

Requires the parse and the article's resolved mentions; adds ``Attribution`` records (``SplitAttribution``,
whose content may come in pieces), each with its cue, source span, content, full source chain (outermost
first) and stance.

Method, over the dependency parse, with hand-written rules and word lists (``lexicon``):
- cues: verbs by lemma, when they govern the complement their kind of cue takes: a clause, a quotation
  or a colon for verbs of saying and thinking ("X said (that) ...", "“...,” X added", "X wrote: ..."),
  an object, an infinitive or a prepositional object for verbs of intention and evaluation ("X wants
  to ...", "X endorsed Y", "X called for Y"); light verbs ("made the case that", "took a swipe at");
  "according to X"; passives with no agent ("X is expected to", "it is claimed that"); raising verbs
  ("X seemed unfazed"); "be" with an attitude ("voters are worried that", "X is a critic of Y", "her
  answer was that"); nouns of statement ("Trump's claim that ..."); headlines ("Kerry: ...",
  "Senator Praises Plan"); "In a CNN poll, ...";
- source: the cue's subject, shared along "..., saying", "declined to comment and said", "by saying";
  the agent of a passive; the object of "according to"; for the chain, descriptions ("the magazine",
  "the company"), pronouns and definite roles ("the official") are resolved against what the article
  named before, and unnamed sources stay labels;
- content: the complement above, or the clause a parenthetical cue hangs from ("..., the magazine said",
  "As X noted, ..."); a quotation belongs whole to the cue that frames it, also when it runs over
  several sentences, is split by the cue ("“A,” she said, “B.”") or goes on right after it;
- chain: recipients ("told CNN"), document owners ("information obtained by Der Spiegel"), "citing
  ...", "without naming its sources" and enclosing attributions add links.

Two readings. ``find_attributions`` (the pipeline's) reports statements only, nested ones included, each
with the outer sources in its chain: "The official said ..., according to the WSJ" gives the official's
report with the chain [WSJ, the official]. Attribution corpora such as PolNeAR also annotate what people
want, plan, support or criticise and what seems so, and give each word to at most one attribution, the
outermost; ``attribute_text`` returns that reading by default, and it is what eval/attribution.py
measures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .lexicon import (
    ATTITUDE_ADJECTIVES,
    ATTITUDE_VERBS,
    CLAUSE_CUES,
    COMPANY_NOUNS,
    DENIAL_PHRASES,
    DENIAL_VERBS,
    DOCUMENT_NOUNS,
    DOCUMENT_SOURCES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_PHRASES,
    HUMAN_NOUNS,
    LIGHT_VERBS,
    NON_COMMITTAL_PHRASES,
    NOUN_CUES,
    OBJECT_CUES,
    OUTLET_NOUNS,
    PASSIVE_CUES,
    PERSON_ROLE_NOUNS,
    PREDICATE_NOUNS,
    PREP_CUES,
    RAISING_CUES,
    REPORTING_VERBS,
    ROLE_NOUNS,
    UNNAMED_HEADS,
    XCOMP_CUES,
)
from .model import Attribution, ChainLink, Entity, Mention, SourceKind, Span, Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .nlp import Models
    from .sentences import Parsed

Range = tuple[int, int]  # token offsets, end exclusive

_QUOTE_OPEN = frozenset(("“", '"', "‘", "«", "„", "''", "``"))
_QUOTE_CLOSE = frozenset(("”", '"', "’", "»", "“", "''"))
# Double quotation marks; "''" is how some newspapers' archives write both marks.
_DOUBLE_MARKS = frozenset(("“", "”", '"', "''", "``", "«", "»", "„"))
_PUNCT = frozenset([*",.;:—–-“”\"‘’'()[]…", "''", "``"])
_PRONOUNS_PERSON = frozenset("he she him her".split())
# Subjects that can hold a view without being names: personal, relative and indefinite pronouns.
_ANIMATE_PRONOUNS = frozenset(
    "i we you he she they me us him her them who whom whoever those everyone everybody someone somebody "
    "anyone anybody nobody others many most some few all both several each one".split()
)
_RELATIVE = frozenset("who whom which that whose".split())
_FIRST_SECOND = frozenset("i we you me us".split())
_UNNAMED_LINK = "unnamed sources"


@dataclass(frozen=True, slots=True)
class SplitAttribution(Attribution):
    """An attribution whose content may come in pieces ("“A,” she said, “B.”"): ``content`` is the stretch
    that holds them all, ``content_spans`` the pieces themselves, in text order."""

    content_spans: tuple[Span, ...] = ()


class MentionIndex:
    """Mentions of one article by offset, with their entities' types."""

    def __init__(self, mentions: Sequence[Mention], entities: dict[str, Entity] | None = None) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.entities = entities or {}

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def before(self, offset: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, offset)
        return self.mentions[:i]

    def type_of(self, mention: Mention) -> str:
        if mention.entity and mention.entity in self.entities:
            return self.entities[mention.entity].type
        return mention.type

    def name_of(self, mention: Mention) -> str:
        if mention.entity and mention.entity in self.entities:
            return self.entities[mention.entity].name
        return mention.text


@dataclass
class _Discourse:
    """What the article has named so far, to resolve "the magazine", "he", "the official"."""

    links: list[ChainLink] = field(default_factory=list)  # sources in order of appearance
    chains: list[list[ChainLink]] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    cue: Range
    source: Range | None  # the words written as the source
    content: tuple[Range, ...]  # one or more pieces, in text order
    cue_kind: str  # verb according passive raising copula noun colon transcript headline frame signed
    cue_token: int
    speaker: Range | None = None  # what the source stands for, when it is a relative pronoun
    statement: bool = True  # reports what the source says or holds, not what it wants, does or seems

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    def contains(self, token: int) -> bool:
        return any(a <= token < b for a, b in self.content)


# --- the whole article ----------------------------------------------------------------------------


def attribute_text(
    text: str, models: Models, *, nested: bool = False, attitudes: bool = True
) -> list[SplitAttribution]:
    """Attributions of a bare text (no cross-article entities); used by the PolNeAR evaluation.

    The defaults give the reading of attribution corpora: every attributed statement, belief, intention
    or evaluation, and only the outermost where they nest, so that each word belongs to at most one.
    """
    from .entities import extract_mentions, resolve_entities
    from .model import Article
    from .sentences import parse_articles

    article = Article(id="text", source="text", text=text)
    parsed = next(parse_articles([article], nlp=models.nlp))
    entities, mentions = resolve_entities(extract_mentions(parsed))
    return find_attributions(
        parsed, mentions, {e.id: e for e in entities}, nested=nested, attitudes=attitudes
    )


def find_attributions(
    parsed: Parsed,
    mentions: Sequence[Mention],
    entities: dict[str, Entity],
    *,
    nested: bool = True,
    attitudes: bool = False,
) -> list[SplitAttribution]:
    """Every cue-bearing attribution of one article, in text order, with resolved chains.

    By default only statements are attributed (what a source says, reports, believes or denies); with
    ``attitudes=True`` also what someone wants, plans, supports or criticises and what seems so
    ("China is preparing to ...", "X endorsed Y", "Trump appeared unfazed"), as attribution corpora
    annotate them. An attitude is not a source of a claim, so the pipeline leaves them out.

    With ``nested=False`` only the outermost attributions are kept, so that each word belongs to at most
    one of them ("..., which the FBI said was careless" stays part of the outer content); a participle
    after a comma ("..., saying ...") is cut out of the outer content instead.
    """
    doc = parsed.doc
    text = _Text(doc)
    index = MentionIndex(mentions, entities)
    discourse = _Discourse()
    candidates: list[_Found] = []
    for sentence in parsed.sentences:
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is not None:
            candidates.extend(f for f in _find_in_sentence(text, sent) if attitudes or f.statement)
    candidates.extend(_signed_quotations(text))
    candidates = _settle(text, _with_quotations(text, candidates))
    if not nested:
        # Words inside a quotation are the quoted speaker's, whoever they in turn cite.
        # A transcript quoted whole ("\"WALLACE: ...") still has its speakers.
        candidates = _flatten(
            text, [f for f in candidates if not text.quoted(f.cue_token) or f.cue_kind == "transcript"]
        )
    found_all: list[tuple[_Found, list[ChainLink]]] = []
    for f in candidates:
        chain = _chain_for(doc, f, index, discourse)
        found_all.append((f, chain))
        if f.cue_kind in ("passive", "raising"):
            continue  # no source is named: nothing for "the source" or "he" to refer back to
        discourse.links.extend(link for link in chain if link.kind != "document")
        discourse.chains.append(chain)
    # Nesting: an attribution inside another's content inherits the outer chain.
    results: list[SplitAttribution] = []
    for f, chain in found_all:
        outer: list[ChainLink] = []
        for g, g_chain in found_all:
            if g is not f and _encloses(g, f):
                outer = g_chain + outer
        full = _dedupe(outer + chain)
        results.append(_to_attribution(parsed, doc, f, tuple(full)))
    results.sort(key=lambda a: (a.cue.start, a.content.start))
    return results


class _Text:
    """The parse of one article with its quotations and paragraphs, as token offsets."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.quotations = _quotations(doc)
        self._quote_of: dict[int, Range] = {}
        for q in self.quotations:
            for i in range(*q):
                self._quote_of[i] = q

    def quoted(self, token: int) -> Range | None:
        """The quotation a token is inside, if any."""
        return self._quote_of.get(token)

    def quotation_starting(self, token: int) -> Range | None:
        q = self._quote_of.get(token)
        return q if q is not None and q[0] == token else None

    def quotation_ending(self, token: int) -> Range | None:
        q = self._quote_of.get(token)
        return q if q is not None and q[1] == token + 1 else None

    def paragraph_end(self, token: int) -> int:
        doc = self.doc
        i = token
        while i < len(doc) and not _is_break(doc[i]):
            i += 1
        return i

    def paragraph_start(self, token: int) -> int:
        doc = self.doc
        i = token
        while i > 0 and not _is_break(doc[i - 1]):
            i -= 1
        return i


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _quotations(doc: Doc) -> list[Range]:
    """Token ranges inside double quotation marks, never across a paragraph.

    Whether a mark opens or closes is read from the spacing around it as much as from its shape: news
    text mixes curly and straight marks and sometimes types one for the other (“... here,“ said X).
    A quotation still open at the end of its paragraph ends there: news leaves the closing mark off a
    quotation that goes on in the next paragraph.
    """
    regions: list[Range] = []
    opened: int | None = None
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if opened is not None and tok.i > opened + 1:
                regions.append((opened + 1, tok.i))
            opened = None
            continue
        if tok.text not in _DOUBLE_MARKS:
            continue
        role = _mark_role(doc, tok, opened is not None)
        if role == "open":
            opened = tok.i  # a second opening mark: the first was never closed
        elif opened is not None:
            if tok.i > opened + 1:
                regions.append((opened + 1, tok.i))
            opened = None
    if opened is not None and len(doc) > opened + 1:
        regions.append((opened + 1, len(doc)))
    return [_trim(doc, a, b) for a, b in regions if _trim(doc, a, b)[0] < _trim(doc, a, b)[1]]


def _mark_role(doc: Doc, tok: Token, inside: bool) -> str:
    """ "open" or "close" for a double quotation mark."""
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    glued_left = (
        before is not None
        and not before.whitespace_
        and not before.is_space
        and before.text not in _DOUBLE_MARKS
        and before.text not in "([{—–-"
    )
    glued_right = (
        after is not None and not tok.whitespace_ and not after.is_space and after.text not in ",.;:!?)]}"
    )
    if glued_left and not glued_right:
        return "close"
    if glued_right and not glued_left:
        return "open"
    if tok.text in ("“", "``", "«", "„"):
        return "open"
    if tok.text in ("”", "»"):
        return "close"
    return "close" if inside else "open"


def _with_quotations(text: _Text, found: list[_Found]) -> list[_Found]:
    """A quotation belongs whole to the cue that frames it: "“A. B,” she said" -> A. B; "“A,” she said, “B”";
    and so does the quotation that follows at once: "“A,” she said. “B.”" -> A | B."""
    doc, regions = text.doc, text.quotations
    if not regions:
        return found
    cues = sorted(f.cue_token for f in found)
    starting = {q0: (q0, q1) for q0, q1 in regions}
    out: list[_Found] = []
    for f in found:
        content = list(f.content)
        quoted = False
        for q0, q1 in regions:
            if q0 <= f.cue_token < q1:
                continue
            overlaps = any(a < q1 and q0 < b for a, b in f.content)
            if overlaps:
                quoted = True
                if not any(a <= q0 and q1 <= b for a, b in f.content):
                    content.append((q0, q1))
            elif (
                f.cue_kind == "verb"
                and q0 > f.cue[1]
                and _only_commas(doc, f.cue[1], q0 - 1)
                and any(b <= f.cue[0] and _overlaps_any((a, b), regions) for a, b in f.content)
            ):
                content.append((q0, q1))  # the quotation resumes after the cue
        if quoted and f.cue_kind in ("verb", "colon"):
            content += _continued_quotations(doc, starting, cues, f, max(b for _, b in content))
        if content != list(f.content):
            exclude = set(range(*f.cue)) | (set(range(*f.source)) if f.source is not None else set())
            pieces = _pieces(doc, content, exclude)
            if pieces:
                f = replace(f, content=pieces)
        out.append(f)
    return out


def _continued_quotations(
    doc: Doc, starting: dict[int, Range], cues: list[int], f: _Found, after: int
) -> list[Range]:
    """Quotations that follow a quoted attribution straight away in its paragraph, with no cue of their own;
    the end of the cue's sentence ("he said Tuesday.") may come between."""
    out: list[Range] = []
    position = max(after, f.cue[1], f.source[1] if f.source is not None else 0)
    while True:
        i = position
        while (
            i < len(doc)
            and i - position < 8
            and doc[i].text not in _QUOTE_OPEN
            and (
                doc[i].is_space
                or doc[i].text in _PUNCT
                or (doc[i].dep_ in ("advmod", "npadvmod", "prep", "pobj") and not doc[i].is_sent_start)
            )
        ):
            i += 1
        if i >= len(doc) or doc[i].text not in _QUOTE_OPEN or (i + 1) not in starting:
            return out
        if "\n" in doc[position:i].text:
            return out  # a new paragraph may be anyone's
        region = starting[i + 1]
        if any(position <= c < region[1] + 6 for c in cues if c != f.cue_token):
            return out  # the quotation has its own cue: "“B,” he added."
        out.append(region)
        position = region[1]


def _settle(text: _Text, found: list[_Found]) -> list[_Found]:
    """One attribution per cue word; first-person attitudes inside someone's words are theirs."""
    doc = text.doc
    by_cue: dict[int, _Found] = {}
    for f in found:
        by_cue.setdefault(f.cue_token, f)
    out = sorted(by_cue.values(), key=lambda f: (f.cue[0], f.start))
    kept: list[_Found] = []
    for f in out:
        src = doc[f.source[0]].lower_ if f.source is not None and f.source[1] - f.source[0] == 1 else ""
        if src in _FIRST_SECOND and (
            text.quoted(f.cue_token) or any(g is not f and g.contains(f.cue_token) for g in out)
        ):
            continue  # "I think" inside a quotation is part of the quotation
        kept.append(f)
    return kept


def _flatten(text: _Text, found: list[_Found]) -> list[_Found]:
    """The outermost attributions; a participle with a cue of its own (", saying ...") is cut out of the
    outer one."""
    doc = text.doc
    split_off: dict[int, set[int]] = {}
    kept_inner: set[int] = set()
    for i, f in enumerate(found):
        if f.source is None or text.quoted(f.cue_token) or not _separate_clause(doc[f.cue_token]):
            continue
        cue = doc[f.cue_token]
        outers = [j for j, g in enumerate(found) if j != i and _encloses(g, f)]
        if outers:
            kept_inner.add(i)
            region = set(range(*_subtree_range(cue)))
            for j in outers:
                split_off.setdefault(j, set()).update(region)
    out: list[_Found] = []
    for i, f in enumerate(found):
        if i in split_off:
            exclude = split_off[i] | set(range(*f.cue)) | (set(range(*f.source)) if f.source else set())
            pieces = _pieces(doc, f.content, exclude)
            if not pieces:
                continue
            f = replace(f, content=pieces)
            found[i] = f
    for i, f in enumerate(found):
        if i in kept_inner or not any(j != i and _encloses(g, f) for j, g in enumerate(found)):
            out.append(f)
    return out


def _encloses(outer: _Found, inner: _Found) -> bool:
    """Whether ``inner`` is said inside ``outer``'s content (of two mutual readings, the wider is outer)."""
    if not outer.contains(inner.cue_token):
        return False
    return not (inner.contains(outer.cue_token) and (inner.end - inner.start) >= (outer.end - outer.start))


def _separate_clause(cue: Token) -> bool:
    """A cue in a clause of its own inside another content: "..., saying ..." (the parser hangs the participle
    on the nearest verb). Relative, adverbial and coordinated clauses with a cue of their own ("..., which
    the FBI said was careless", "he said A, but that he would not B") stay inside the outer content: the
    attribution corpora give each word to the outermost attribution, and cutting them out lost more
    attributions on PolNeAR train than it found."""
    doc = cue.doc
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE for c in cue.children):
        return False
    return cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].text == ","


def _dedupe(chain: list[ChainLink]) -> list[ChainLink]:
    out: list[ChainLink] = []
    for link in chain:
        key = link.entity or link.source.lower()
        if out and (out[-1].entity or out[-1].source.lower()) == key:
            continue
        out.append(link)
    return out


# --- cues in one sentence -------------------------------------------------------------------------


def _find_in_sentence(text: _Text, sent: SpacySpan) -> list[_Found]:
    doc = text.doc
    found: list[_Found] = []
    for tok in sent:
        f: _Found | None = None
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            f = _according(doc, sent, tok)
        elif tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
            f = _copula_cue(text, sent, tok)
        elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            f = (
                _verb_cue(text, sent, tok)
                or _light_verb_cue(text, sent, tok)
                or _document_cue(text, tok)
                or _quoting_verb(text, sent, tok)
            )
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES:
            f = _noun_cue(text, sent, tok)
        if f is not None:
            found.append(f)
    heads = {doc[f.cue_token].i for f in found}
    for f in (
        _headline_colon(text, sent),
        _frame(text, sent, heads),
        _headline_verb(text, sent, heads),
        _trailing_cue_as_noun(text, sent, heads),
    ):
        if f is not None:
            found.append(f)
    return found


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
    lemma = next((c for c in (cue.lower_[:-1], cue.lower_[:-2]) if c in CLAUSE_CUES), None)
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
    return _Found((cue.i, cue.i + 1), source, (content,), "verb", cue.i, statement=lemma in REPORTING_VERBS)


def _verb_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    doc = text.doc
    lemma = _lemma(tok)
    preps = PREP_CUES.get(lemma, frozenset())
    if lemma in CLAUSE_CUES and lemma not in ("read", "hear"):
        preps = preps | _TOPIC_PREPS  # "grumbled about X", "testified against X"; not "read about X"
    if not (
        lemma in CLAUSE_CUES or lemma in OBJECT_CUES or lemma in XCOMP_CUES or preps or lemma in RAISING_CUES
    ):
        return None
    if tok.dep_ in ("amod", "compound", "nmod", "npadvmod", "nsubj", "nsubjpass", "pobj") or (
        tok.dep_ == "dobj" and tok.tag_ != "VBG"
    ):
        return None
    children = list(tok.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # "..., which the unnamed source said plans to ...": the relative pronoun belongs to the content.
    # Of two subjects the parser gave one verb ("The Latest: Trump urges ..."), the nearer is the verb's.
    plain = sorted((c for c in subjects if c.lower_ not in _RELATIVE), key=lambda c: abs(tok.i - c.i))
    subject = plain[0] if plain else (subjects[0] if subjects else None)
    relative = [c for c in subjects if c is not subject]
    verbless = _verbless_subject(sent, tok) if subject is None else None
    if verbless is not None:
        subject = verbless
    # "Asked whether ..., 75 percent said yes": a bare participle is a passive with no agent.
    participle = tok.tag_ == "VBN" and subject is None and tok.dep_ in ("advcl", "acl", "ROOT")
    passive = participle or any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in children)
    ccomps = [c for c in children if c.dep_ == "ccomp" and _which_comma(c) is None]
    if not ccomps and lemma in CLAUSE_CUES:
        # "tweeted in the early hours that X was ...": a that-clause the parser hung on as an adverbial.
        # "asked the students if they were ...": a question the parser hung on as an adverbial.
        opener = ("that", "if", "whether") if lemma in ("ask", "wonder", "question") else ("that",)
        ccomps = [c for c in children if c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ in opener]
    xcomps = [c for c in children if c.dep_ in ("xcomp", "acomp", "oprd")]
    cue: Range = (tok.i, tok.i + 1)
    named: int | None = None
    described: Range | None = None

    if lemma in RAISING_CUES and not passive:
        return _raising(doc, tok, subject, ccomps, xcomps)
    if passive:
        agent = _agent(tok)
        if agent is None:
            return _passive(doc, sent, tok, subject, ccomps, xcomps)
        source_tok: Token | None = agent
    elif subject is not None:
        source_tok = subject
    elif ccomps and ccomps[0].i < tok.i:
        # Inverted: "China is preparing ..., reports a Der Spiegel report": the object is the source.
        source_tok = next((c for c in children if c.dep_ in ("dobj", "attr") and c.i > tok.i), None)
        if source_tok is None and (misread := _misread_source(tok, ccomps)) is not None:
            source_tok, ccomps, described = misread
    elif (named := _named_after_quotation(doc, sent, tok)) is not None:
        source_tok = _subject_before(doc, sent, tok, after_quotation=True) or _shared_subject(tok)
    else:
        source_tok = _shared_subject(tok) or _subject_before(doc, sent, tok)
    if source_tok is None:
        return None
    if source_tok.lower_ in ("it", "there", "this") and lemma not in CLAUSE_CUES:
        return None
    if source_tok.lower_ in _RELATIVE and tok.dep_ == "relcl":
        if source_tok.lower_ in ("which", "that") and not (
            (_can_hold_view(tok.head) and lemma in REPORTING_VERBS)
            or (source_tok.lower_ == "which" and tok.head.ent_type_ in ("ORG", "NORP", "GPE"))
        ):
            return None  # "a group that supports ...": a description more often than an attribution
        speaker = _source_range(tok.head)
        holder = tok.head
    else:
        speaker = _source_range(source_tok)
        holder = source_tok
    source = _after_dateline(doc, _source_span(text, source_tok, tok), tok)
    if named is not None and named <= source_tok.i < tok.i:
        source = _trim(doc, named, tok.i)  # the whole name, however the parser split it
    elif verbless is not None:
        source = speaker = _trim(doc, sent.start, tok.i)  # everything before the cue
    elif described is not None:
        source = described  # the speaker's whole description, however the parser read it
    animate = (
        _can_hold_view(holder)
        or (holder.lower_ == "it" and lemma in CLAUSE_CUES)  # "it declined, citing"
        or (source_tok.lower_ in ("who", "whom") and tok.dep_ == "relcl")  # "idealists who wanted ..."
        # A common noun that is the cue's own subject: "first ladies have focused on", "the troops cheered".
        or (holder.pos_ == "NOUN" and holder.dep_ == "nsubj" and holder.head == tok)
    )
    # The product reports statements only from subjects known to speak; the weaker signs above serve the
    # attribution corpora's reading of views and intentions.
    speaks = _can_hold_view(holder, strict=True) or (holder.lower_ == "it" and lemma in CLAUSE_CUES)
    documentary = _head_lemma(holder) in DOCUMENT_SOURCES or _head_lemma(holder) in DOCUMENT_NOUNS
    if _plain_use(tok, lemma, subject, ccomps, xcomps, documentary):
        return None
    says = lemma in CLAUSE_CUES

    content: list[Range] = []
    exclude: set[int] = set()
    statement = lemma in REPORTING_VERBS
    complement_used = False
    if ccomps and says and source_tok.lower_ not in ("there", "this", "that", "which"):
        content = [_subtree_range(c) for c in ccomps]
        for c in ccomps:
            exclude |= _coordinated_cues(c)
    else:
        complement = _complement(doc, tok, lemma, preps, xcomps) if animate or documentary else []
        if complement and lemma not in _SPEECH:
            content = (
                complement  # "points to X", "cited a memo", "urged X to ...": the object, not a quotation
            )
        elif says and _parenthetical(doc, tok, subject):
            content = _head_clause(doc, tok)
        elif says and (after := _said_after(text, sent, tok)) is not None:
            content = [after]
        elif says and (before := _quoted_before(text, tok, source[0])) is not None:
            content = [before]
        else:
            content = complement
        complement_used = content is complement and bool(complement)
        if content is complement and complement:
            negated = any(c.dep_ == "neg" for c in children)  # "has not condemned the invasion": no report
            statement = lemma in DENIAL_VERBS or (lemma in _OBJECT_STATEMENTS and not negated)
            if tok.dep_ == "relcl" and complement[0][1] <= tok.i:
                statement = False  # "the only regret he acknowledged": a view of a thing, not a claim
            if (
                preps
                and tok.i + 1 < len(doc)
                and doc[tok.i + 1].lower_ in preps
                and doc[tok.i + 1].dep_ in ("prep", "prt", "mark")
            ):
                cue = (tok.i, tok.i + 2)
    if not content and lemma in _SPEECH and subject is not None and animate:
        content = _clause_around(doc, sent, tok)
        statement = (statement or bool(content)) and speaks
    if not content and passive and subject is not None:
        content = [_subtree_range(subject)]  # "The meeting was first reported by Politico."
        statement = False
    if not content and (clause := _which_clause(doc, tok)):
        content, statement = clause, speaks  # "The US accused China of ..., which Beijing denied."
    if not content:
        return None
    if (tok.dep_ == "acl" and subject is None) or (
        tok.dep_ == "xcomp" and any(c.lower_ == "to" for c in tok.children)
    ):
        # "a report claiming ...", "declined to say whether ...": a report is described, not made.
        statement = False
    if complement_used and not (speaks or documentary):
        statement = False
    content += [(r.i, r.i + 1) for r in relative]
    exclude |= _framing_according(doc, sent)
    exclude |= _which_stances_within(doc, content)
    particle = next((c for c in children if c.dep_ == "prt" and c.i == cue[1]), None)
    if particle is not None:
        cue = (cue[0], particle.i + 1)
    cue = (_cue_start(doc, tok), _cue_end(doc, tok, cue[1]))
    pieces = _pieces(doc, content, exclude=exclude | set(range(*cue)) | set(range(*source)))
    if not pieces:
        return None
    return _Found(cue, source, pieces, "verb", tok.i, speaker, statement)


def _plain_use(
    tok: Token, lemma: str, subject: Token | None, ccomps: list[Token], xcomps: list[Token], documentary: bool
) -> bool:
    """A cue word in its everyday sense, which reports nothing: "put his life at risk" (not "put the
    figure at $45m" or "as X put it"), "heard the crowd chant" (not "heard that ..."), "found ways to",
    "found itself at the center of" (not "found that ..." or a poll's finding)."""
    if lemma == "put":
        return not ccomps and not _parenthetical(tok.doc, tok, subject) and not _puts_a_figure(tok)
    if lemma == "hear":
        return not any(m.lower_ == "that" for c in ccomps for m in c.children if m.dep_ == "mark")
    if lemma == "find":
        return not ccomps and not documentary and not any(x.dep_ == "oprd" for x in xcomps)
    return False


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


# Stances someone takes on a whole clause with ", which X denied": its "which" is the clause.
_WHICH_STANCES = DENIAL_VERBS | frozenset("confirm acknowledge admit".split())
_CUE_FRAME = frozenset("nsubj nsubjpass aux auxpass neg advmod npadvmod".split())


def _which_comma(tok: Token) -> int | None:
    """Where ", which Beijing denied" starts when ``tok`` is such a stance on the clause before it."""
    if tok.dep_ not in ("relcl", "ccomp", "conj", "advcl") or _lemma(tok) not in _WHICH_STANCES:
        return None  # (the parser sometimes hangs the relative clause on the verb as a complement)
    which = next((c for c in tok.children if c.lower_ == "which" and c.i < tok.i), None)
    doc = tok.doc
    if which is None or which.i <= tok.sent.start or doc[which.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE for c in tok.children):
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
    if _lemma(root) in DENIAL_VERBS or any(c.dep_ == "neg" for c in root.children):
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


_AMOUNT_SIGNS = frozenset("$ € £ %".split())


def _puts_a_figure(tok: Token) -> bool:
    """"Forbes put his net worth at $45 billion": "put ... at" with an amount is an estimate."""
    places = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"]
    return any(t.like_num or t.text in _AMOUNT_SIGNS for c in places for t in c.subtree)


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


# Prepositions that name what a statement or thought is about or against ("grumbled about X").
_TOPIC_PREPS = frozenset({"about", "against"})


# Verbs whose object is what was said: "denied any plans", "confirmed the talks", "accused X of Y".
_OBJECT_STATEMENTS = frozenset(
    "accuse confirm reveal announce disclose report slam blast criticize criticise condemn say write "
    "claim allege predict declare state".split()
)


# Verbs of saying proper: a clause after them is what was said even when the parser hangs it elsewhere.
_SPEECH = frozenset(
    "say tell add write report state declare announce explain claim insist argue note warn".split()
)


_CUE_SETTINGS = frozenset(
    "statement interview email letter post tweet speech op-ed editorial memo video".split()
)


def _complement(doc: Doc, tok: Token, lemma: str, preps: frozenset[str], xcomps: list[Token]) -> list[Range]:
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
    if answer is not None and lemma in CLAUSE_CUES:
        return [(answer.i, answer.i + 1)]  # "half said so", "the candidate said no"
    if lemma in XCOMP_CUES:
        infinitives = [x for x in xcomps if x.dep_ == "xcomp" and x.i > tok.i]
        if infinitives:
            ranges = [_subtree_range(x) for x in infinitives]
            if objects and lemma not in ("tell", "ask"):
                ranges = [_subtree_range(o) for o in objects] + ranges
            return ranges
    for child in children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > tok.i:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs and objects and objects[0].i < child.i:
                return [(objects[0].left_edge.i, child.right_edge.i + 1)]  # "accused China of supplying ..."
            if objs:
                return [(objs[0].left_edge.i, child.right_edge.i + 1)]
        if child.dep_ == "advcl" and child.i > tok.i:
            # "called for the United States to step up ...": the parser makes "for" a clause marker.
            mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ in preps), None)
            if mark is not None and mark.i == tok.i + 1:
                return [(mark.i + 1, child.right_edge.i + 1)]
    if lemma in OBJECT_CUES and not objects and lemma != "see":
        # "wouldn't discuss whether ...", "highlighted how ...": a question clause in the object's place.
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is not None and any(
            t.lower_ in ("whether", "how", "what", "why", "if") for t in clause.subtree
        ):
            return [_subtree_range(clause)]
    if (
        tok.dep_ == "relcl"
        and not objects
        and (lemma in OBJECT_CUES or lemma in CLAUSE_CUES)
        and lemma not in ("see", "hear", "like", "push")  # "the crowd he saw", "the bill they pushed"
        and lemma not in _OBJECT_STATEMENTS  # "the book she wrote": a thing made, not a view held
        and not any(c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") for c in children)
        and any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE for c in children)
        and not any(c.lower_ == "which" for c in children)  # ", which Beijing denied": the whole clause
        and tok.head.i < tok.i
    ):
        return [(tok.head.left_edge.i, tok.head.i + 1)]  # "the only regret he acknowledged": the antecedent
    if lemma in ("ask", "tell") and len(objects) == 2:
        return [_subtree_range(objects[-1])]  # "asked the admiral that question": not the one asked
    if lemma in OBJECT_CUES and objects and lemma not in ("tell", "ask", "remind", "warn", "thank"):
        ranges = [_subtree_range(o) for o in objects]
        for child in children:
            if child.i > tok.i and (
                child.dep_ in ("oprd", "ccomp", "xcomp")
                or (child.dep_ == "prep" and child.lower_ in ("as", "for", "of", "over", "on"))
            ):
                ranges.append(_subtree_range(child))
        return ranges
    if (
        lemma in OBJECT_CUES
        and xcomps
        and (
            lemma in ("call", "describe", "label", "dub", "brand")
            or any(x.tag_ == "VBG" and x.i > tok.i for x in xcomps)
        )
    ):
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


def _second_cue(conj: Token, first: Token) -> bool:
    """Whether a verb the parser coordinated inside ``first``'s content is a second cue of the same
    speaker: "He said A and said B", "she said that A and suggested that B" (same tense, no subject)."""
    lemma = conj.lemma_.lower()
    if lemma == first.lemma_.lower():
        return True
    # Another cue verb only with a clause of its own: "and suggested that B" is hers, "and admitted the
    # error" is still what she said ("She said the minister resigned and admitted the error").
    return (
        lemma in CLAUSE_CUES
        and conj.tag_ == first.tag_
        and conj.tag_ in ("VBD", "VBZ")
        and any(c.dep_ == "ccomp" for c in conj.children)
    )


def _cue_start(doc: Doc, tok: Token) -> int:
    """Auxiliaries, negation and adverbs right before a cue verb belong to it: "has also repeatedly said"."""
    start = tok.i
    while start - 1 >= 0:
        prev = doc[start - 1]
        if prev.head != tok or not (
            prev.dep_ in ("aux", "auxpass", "neg")
            or (prev.dep_ == "advmod" and prev.tag_ == "RB" and prev.is_lower and not list(prev.children))
        ):
            break
        start -= 1
    return start


def _cue_end(doc: Doc, tok: Token, end: int) -> int:
    """ "said in a statement", "said in an interview": where it was said is part of the cue; so is the
    "it" of "as X put it"."""
    if tok.lemma_.lower() == "put" and end < len(doc) and doc[end].lower_ == "it" and doc[end].head == tok:
        end += 1
    if end < len(doc) and doc[end].lower_ == "in" and doc[end].head == tok:
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in _CUE_SETTINGS and pobj.i <= end + 3:
            return pobj.i + 1
    return end


def _lemma(tok: Token) -> str:
    """The lemma, with the small model's known slips mended ("hoped" -> "hop")."""
    lemma = tok.lemma_.lower()
    if (
        lemma == "hop"
        and tok.lower_.startswith("hop")
        and tok.lower_ not in ("hop", "hops", "hopped", "hopping")
    ):
        return "hope"
    if lemma in _PHRASAL_VERBS:
        for child in tok.children:
            if child.dep_ == "prt" and (lemma, child.lower_) in _PHRASAL_CUES:
                return _PHRASAL_CUES[(lemma, child.lower_)]
    return lemma


# Phrasal verbs that report or evaluate, read as the single verb they mean: "laid out her plan" is
# "outlined her plan", "played down the risk" is "downplayed" it.
_PHRASAL_CUES: dict[tuple[str, str], str] = {
    ("lay", "out"): "outline",
    ("set", "out"): "outline",
    ("spell", "out"): "explain",
    ("play", "down"): "downplay",
    ("play", "up"): "highlight",
    ("call", "out"): "criticize",
    ("single", "out"): "criticize",
    ("rule", "out"): "reject",
    ("fire", "back"): "retort",
    ("hit", "back"): "retort",
    ("push", "back"): "counter",
    ("back", "up"): "support",
    ("brush", "off"): "dismiss",
    ("shoot", "down"): "reject",
    ("write", "off"): "dismiss",
}
_PHRASAL_VERBS = frozenset(verb for verb, _ in _PHRASAL_CUES)


def _is_cue_word(tok: Token) -> bool:
    lemma = _lemma(tok)
    return (
        lemma in CLAUSE_CUES
        or lemma in OBJECT_CUES
        or lemma in XCOMP_CUES
        or lemma in PREP_CUES
        or lemma in LIGHT_VERBS
    )


def _raising(
    doc: Doc, tok: Token, subject: Token | None, ccomps: list[Token], xcomps: list[Token]
) -> _Found | None:
    """ "Trump seemed unfazed", "the plan appears to work", "it seems that ...": no source is named."""
    likes = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("like", "as")]
    comps = ccomps or xcomps or likes
    if not comps or (tok.lemma_.lower() in ("look", "sound") and not likes and not ccomps):
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
    lemma = tok.lemma_.lower()
    if lemma not in PASSIVE_CUES and (lemma not in OBJECT_CUES or lemma in _NOT_PASSIVE_CUES):
        return None  # "X was booed", "Y was lambasted as ...": a view of X whose holder is not named
    naming = (
        [x for x in xcomps if x.dep_ == "oprd"]
        if lemma in ("call", "name", "dub", "label", "describe")
        else []
    )
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
            or (c.dep_ == "prep" and c.lower_ == "about" and lemma == "ask")
        ]
    )
    content = [_subtree_range(c) for c in comps]
    if (
        subject is not None
        and subject.lower_ not in ("it", "there")
        and (lemma not in ("ask", "tell") or not comps)
    ):
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
    return _Found(cue, None, pieces, "passive", tok.i, statement=lemma in PASSIVE_CUES and lemma != "ask")


# Verbs whose passive is mostly not a view: "can be found", "were offered a choice", "was honored".
_NOT_PASSIVE_CUES = frozenset("find offer honor honour seek issue release share show".split())


def _light_verb_cue(text: _Text, sent: SpacySpan, tok: Token) -> _Found | None:
    """ "made the case that ...", "took a swipe at X", "raised concerns about X", "has no idea who ..."."""
    doc = text.doc
    nouns = LIGHT_VERBS.get(tok.lemma_.lower())
    if nouns is None:
        return None
    children = list(tok.children)
    if tok.lemma_.lower() in _RECEIVING and (
        tok.lemma_.lower() != "draw"
        or any(c.dep_ == "dobj" and c.lemma_.lower() in _DRAWN for c in children)
    ):
        return _received(text, tok, nouns)  # "drew criticism from X", not "drew a contrast with X"
    subject = next((c for c in children if c.dep_ in ("nsubj",)), None) or _shared_subject(tok)
    if (
        subject is None
        or not _can_hold_view(subject)
        or (text.quoted(tok.i) and subject.lower_ in _FIRST_SECOND)
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
                (
                    c
                    for c in host.children
                    if c.dep_ == "prep"
                    and c.i > obj.i
                    and c.lower_
                    in (
                        "of",
                        "for",
                        "as",
                        "at",
                        "against",
                        "on",
                        "about",
                        "to",
                        "toward",
                        "towards",
                        "over",
                        "with",
                        "in",
                    )
                ),
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
    if subject is None or not _can_hold_view(subject) or subject.lower_ in _RELATIVE:
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


# Light verbs whose subject is what the view is about and whose "from" names who holds it.
_RECEIVING = frozenset("receive win earn draw garner".split())
_DRAWN = frozenset("criticism praise fire condemnation rebuke rebukes".split())


def _received(text: _Text, tok: Token, nouns: frozenset[str]) -> _Found | None:
    """ "The plan drew criticism from X", "Y won the support of X": X holds the view, about the subject."""
    doc = text.doc
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obj is None or subject is None or subject.lower_ in _RELATIVE:
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


# What a law, rule, report or agreement says by its terms: "the rules require delegates to ...".
_DOCUMENT_VERBS = frozenset("require allow include provide mandate ban permit prohibit forbid".split())


def _document_cue(text: _Text, tok: Token) -> _Found | None:
    """ "The law requires that ...", "the rules require delegates to ...", "the deal includes a pledge"."""
    doc = text.doc
    if _lemma(tok) not in _DOCUMENT_VERBS:
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
        elif tok.lemma_.lower() in _OWNERLESS_NOUNS and (about := _topic_after(tok)) is not None:
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
        if child.dep_ == "prep" and child.lower_ in (
            "of",
            "on",
            "about",
            "for",
            "against",
            "to",
            "with",
            "that",
        ):
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


# Nouns that name a view even when nobody is said to hold it, followed by what it is about.
_OWNERLESS_NOUNS = frozenset("criticism concern".split())


def _topic_after(noun: Token) -> tuple[Range, int] | None:
    """What a view noun is about, from the preposition right after it, and where the cue ends."""
    prep = next(
        (
            c
            for c in noun.children
            if c.dep_ == "prep" and c.i == noun.i + 1 and c.lower_ in ("about", "of", "over", "for")
        ),
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


def _framing_according(doc: Doc, sent: SpacySpan) -> set[int]:
    """An "according to X" that opens or closes a sentence frames all of it, cues included."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        end = doc[tok.i + 1].right_edge.i + 1
        if _only_punct(doc, sent.start, tok.i) or _only_punct(doc, end, sent.end):
            out.update(range(tok.i, end))
    return out


_NOT_SOURCES = frozenset(
    "note update updates photo video watch editor correction clarification read listen related "
    "exclusive breaking live warning disclosure source sources credit caption latest email name stat "
    "week day morning evening tonight today quote question answer q a byline contributing follow paid "
    "notice so".split()
)


def _headline_colon(text: _Text, sent: SpacySpan) -> _Found | None:
    """A headline or lead that names its speaker before a colon: "Kerry: We will ...", "Poll: Trump leads",
    "Lopez camp: ...", "Lopez to teachers: ..." (the speaker is who comes before "to", "on" or "at")."""
    doc = text.doc
    first = sent.start
    if first + 2 < sent.end and doc[first].lower_ in _NOT_SOURCES and doc[first + 1].text in _DASHES:
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
    if not words or len(words) > 10 or any(t.lower_ in _NOT_SOURCES for t in words):
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
    lower = [t for t in words if not _capitalised(t) and t.lower_ not in _HEADLINE_LINKS]
    # "Clinton camp:" may have a common noun after a name; a lowercase lead sentence is not a headline.
    if lower and (len(lower) > 1 or not named or len(words) > 4):
        return None
    if doc[first].lower_ in ("said", "says", "added", "adds", "wrote", "writes") and first + 1 < colon:
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


_NOT_SPEAKERS = frozenset("clarification full text transcript advertisement editors ap upi afp".split())
_SIGNATURE_DASHES = frozenset(("―", "—", "–", "--", "-"))
_SIGNATURE_SKIP = _QUOTE_CLOSE | {".", ",", "!", "?"}  # between a quotation and its signature


def _signed_quotations(text: _Text) -> list[_Found]:
    """A quotation signed after a dash at the end of its paragraph: "“We will win.” ― Jane Doe" or
    "“...” — @handle", as readers' comments and round-ups of reactions are printed. The quotations of
    the paragraph are the content, the dash is the cue and the name is the source."""
    doc = text.doc
    found: list[_Found] = []
    for _, q1 in text.quotations:
        i = q1
        while i < len(doc) and doc[i].text in _SIGNATURE_SKIP:
            i += 1
        while i < len(doc) and doc[i].is_space and not _is_break(doc[i]):
            i += 1
        if i >= len(doc) or doc[i].text not in _SIGNATURE_DASHES:
            continue
        dash = i
        end = text.paragraph_end(dash)
        name = _trim(doc, dash + 1, end)
        words = [t for t in doc[name[0] : name[1]] if not t.is_punct]
        if not words or len(words) > 8 or not (words[0].text[:1].isupper() or words[0].text.startswith("@")):
            continue
        if any(t.pos_ in ("VERB", "AUX") and not _capitalised(t) for t in words):
            continue  # "“...” — said nobody": a sentence, not a signature
        head = text.paragraph_start(dash)  # the paragraph's quotations before the dash
        pieces = [(a, b) for a, b in text.quotations if head <= a and b <= dash]
        if not pieces:
            continue
        found.append(_Found((dash, dash + 1), name, tuple(pieces), "signed", dash))
    return found


def _transcript_speaker(text: _Text, first: int, label: int, colon: int) -> bool:
    """ "WALLACE:", "MR. TRUMP:" at the start of a paragraph (``first``, maybe an opening quotation mark
    before the ``label``): a speaker label in a transcript."""
    words = [t for t in text.doc[label:colon] if t.is_alpha]
    return (
        0 < len(words) <= 3
        and all(t.is_upper and len(t) > 1 for t in words)
        and not any(
            t.lower_ in _NOT_SOURCES or t.lower_ in _NOT_SPEAKERS or t.ent_type_ == "GPE" for t in words
        )
        and text.paragraph_start(first) == first
    )


_HEADLINE_LINKS = frozenset("of the and for on to at in".split())


def _capitalised(tok: Token) -> bool:
    """Written with a capital, as headline words are ("McCain" too, which ``str.istitle`` refuses)."""
    return tok.text[:1].isupper()


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
        if not (stem in CLAUSE_CUES or stem in OBJECT_CUES or stem in XCOMP_CUES):
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


# --- where the source and the content are ---------------------------------------------------------


def _source_span(text: _Text, source: Token, cue: Token | None = None) -> Range:
    """The words of the source: its phrase, but never a quotation or clause the parser hung on it, nor
    the cue's own clause ("pastors supporting Mr. Cruz")."""
    doc = text.doc
    left, right = _subtree_range(source)
    for child in source.children:
        if child.dep_ in ("ccomp", "parataxis") or text.quoted(child.i) or (cue is not None and child == cue):
            if child.i < source.i:
                left = max(left, child.right_edge.i + 1)
            else:
                right = min(right, child.left_edge.i)
    if cue is not None:
        # Never across the cue: "A union ... endorsed X, another example of ..." hangs the apposition
        # after the cue on the subject.
        if source.i < cue.i:
            right = min(right, cue.i)
        elif source.i > cue.i:
            left = max(left, cue.i + 1)
    for i in range(source.i - 1, left - 1, -1):
        if text.quoted(i) or doc[i].text in _QUOTE_CLOSE:
            left = i + 1
            break
    for i in range(source.i + 1, right):
        if text.quoted(i) or doc[i].text in _QUOTE_OPEN:
            right = i
            break
    return _trim(doc, left, right)


_DASHES = frozenset(("—", "–", "--", "-"))


def _after_dateline(doc: Doc, source: Range, cue: Token) -> Range:
    """ "WASHINGTON (AP) — Trump and Ryan pledged ...": the parser may take the dateline for the subject;
    the source is who comes between the dash and the cue."""
    start, end = source
    if start >= end:
        return source
    k = end
    while k < cue.i and doc[k].text in (")", "("):
        k += 1
    if k >= cue.i or doc[k].text not in _DASHES:
        return source
    outside = [t for t in doc[start:end] if t.is_alpha]
    depth = 0
    for t in doc[start:end]:
        depth += t.text == "("
        depth -= t.text == ")"
        if t.is_alpha and depth == 0 and not t.is_upper:
            return source  # not a dateline: "Trump — who ..."
    if not outside:
        return source
    new = _trim(doc, k + 1, _cue_start(doc, cue))
    return new if new[0] < new[1] else source


def _subject_before(doc: Doc, sent: SpacySpan, tok: Token, *, after_quotation: bool = False) -> Token | None:
    """A subject the parser failed to attach: "About 4 in 10 say ...", "..., her adviser, J. Doe, said".
    ``after_quotation``: only a name stands between a closing quotation mark and the verb, so the verb
    may also hang as a conjunct ("“...,” Tulsa police Chief Jordan said", the name misread)."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    allowed = ("ROOT", "ccomp", "advcl") + (("conj", "dep", "parataxis") if after_quotation else ())
    if tok.dep_ not in allowed:
        return None
    k = tok.i - 1
    while k >= sent.start and (doc[k].text == "," or doc[k].pos_ == "ADV"):
        k -= 1
    if k < sent.start or doc[k].pos_ not in ("PROPN", "NOUN", "NUM", "PRON") or doc[k].text in _QUOTE_CLOSE:
        return None
    current = doc[k]
    while (
        current.dep_ in ("appos", "compound", "nummod", "quantmod", "flat")
        and current.head.i < tok.i
        and current.head.pos_ in ("NOUN", "PROPN", "NUM")
        and current.head.dep_ not in ("pobj", "dobj")
    ):
        current = current.head
    return current if _can_hold_view(current) else None


def _named_after_quotation(doc: Doc, sent: SpacySpan, tok: Token) -> int | None:
    """ "“...,” Police Chief Jane Doe said": where the name starts when only a name (capitalised words
    and nouns) stands between the closing mark and the verb, whatever the parser made of it."""
    k = tok.i - 1
    while k >= max(sent.start, tok.i - 8) and (doc[k].text[:1].isupper() or doc[k].pos_ in ("NOUN", "PROPN")):
        k -= 1
    name = k + 1
    while k >= sent.start and doc[k].text == ",":
        k -= 1
    return name if name < tok.i and k >= sent.start and doc[k].text in _QUOTE_CLOSE else None


def _shared_subject(tok: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from: "..., saying", "declined and said",
    "by saying"."""
    current = tok
    participle = tok.tag_ == "VBG" and tok.dep_ == "advcl"
    adjective = tok.head
    if tok.dep_ == "xcomp" and adjective.pos_ == "ADJ" and adjective.dep_ == "acomp":
        # "Voters were more likely to say ...", "she was eager to praise ...": the subject of "were".
        subject = next((c for c in adjective.head.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None and _can_hold_view(subject) else None
    for _ in range(5):
        if (
            current.dep_ not in ("advcl", "conj", "xcomp", "acl", "pcomp", "ccomp")
            or current.head.i == current.i
        ):
            return None
        if current.dep_ == "ccomp" and not participle:
            return None
        if current.dep_ == "xcomp":
            # "led her to declare ...", "urged him to say ...": the object of the verb above speaks.
            obj = next(
                (c for c in current.head.children if c.dep_ in ("dobj", "dative") and c.i < current.i), None
            )
            if obj is not None and _can_hold_view(obj):
                return obj
        if current.dep_ == "acl":
            # "a statement saying ...", "people familiar with the plan saying ...".
            head = current.head
            return head if head.pos_ in ("NOUN", "PROPN", "PRON") else None
        if (
            current.dep_ == "conj"
            and current.head.dep_ == "ccomp"
            and _second_cue(current, current.head.head)
        ):
            current = current.head  # "He said A and said B": B shares the speaker of the first "said"
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head  # "by saying", "after saying"
        current = current.head
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                agent = _agent(current)
                subject = agent if agent is not None else subject
            if (
                participle
                and current.dep_ == "ccomp"
                and (
                    not _can_hold_view(subject)
                    or (subject.pos_ == "PRON" and _lemma(current.head) in CLAUSE_CUES)
                )
            ):
                # "X argued that a database would ..., saying ...", "X said he ..., insisting": X says it.
                continue
            return subject
    return None


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _head_lemma(tok: Token) -> str:
    """The noun that a subject is about: "55 percent of voters" -> voter, "half" -> half."""
    if tok.lemma_.lower() in (
        "percent",
        "%",
        "majority",
        "minority",
        "plurality",
        "half",
        "third",
        "quarter",
        "number",
        "share",
        "most",
        "many",
        "some",
        "all",
        "none",
        "two",
        "three",
    ):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.lemma_.lower()
        return "people"
    return tok.lemma_.lower()


def _can_hold_view(tok: Token, *, strict: bool = False) -> bool:
    """Whether a subject can say, think or want something: a person, an organisation, a group. ``strict``
    leaves out the weaker signs ("those", nouns in -ist and -ian), for what counts as a statement."""
    low = tok.lower_
    if strict and low == "those":
        return False
    if low in _ANIMATE_PRONOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    if tok.like_num:
        return True  # "more than 4 in 10 said"
    lemma = _head_lemma(tok)
    if (
        lemma in HUMAN_NOUNS
        or lemma in UNNAMED_HEADS
        or lemma in PERSON_ROLE_NOUNS
        or lemma in OUTLET_NOUNS
        or lemma in COMPANY_NOUNS
    ):
        return True
    if lemma == "people" or lemma.rstrip("s") in HUMAN_NOUNS:
        return True
    if tok.pos_ == "NOUN" and _agentive(lemma) and not strict:
        return True  # "centrists", "politicians", "evangelicals": words for people by what they do
    # "Trump's campaign", "the Clinton camp": an owner that is a name.
    return any(
        c.dep_ in ("poss", "compound") and (c.ent_type_ in ("PERSON", "ORG", "NORP") or c.pos_ == "PROPN")
        for c in tok.children
    ) and lemma in ("camp", "team", "side", "spokesman", "allies", "office")


_NOT_AGENTS = frozenset(
    "list checklist playlist wishlist twist wrist fist mist exist gist median meridian".split()
)


def _agentive(lemma: str) -> bool:
    """Nouns for people by their trade or creed: -ist, -ian ("strategist", "centrist", "historian")."""
    return len(lemma) >= 6 and lemma.endswith(("ist", "ian")) and lemma not in _NOT_AGENTS


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
        and _lemma(tok) in _SPEECH
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


def _said_after(text: _Text, sent: SpacySpan, tok: Token) -> Range | None:
    """What follows the cue: "X said: ...", "X said, “...”", "He said:" and a quotation in the next
    paragraph."""
    doc = text.doc
    i = tok.i + 1
    colon = False
    # "told the crowd: ...", "said in a statement: ...": who was told and where come between.
    between = {
        k
        for c in tok.children
        if c.i > tok.i and c.dep_ in ("dobj", "dative", "prep", "npadvmod") and not text.quoted(c.i)
        for k in range(c.left_edge.i, c.right_edge.i + 1)
    }
    while i < len(doc) and (
        (doc[i].dep_ in ("advmod", "npadvmod", "prt") and doc[i].head == tok and i < sent.end)
        or (i in between and i < sent.end and doc[i].text not in _QUOTE_OPEN)
        or doc[i].text in (",", ":")
        or doc[i].is_space
    ):
        colon = colon or doc[i].text == ":"
        if doc[i].is_space and "\n" in doc[i].text and not colon:
            return None
        i += 1
    if i >= len(doc):
        return None
    quotation = text.quotation_starting(i + 1) if doc[i].text in _QUOTE_OPEN else text.quotation_starting(i)
    if quotation is not None and (colon or i < sent.end):
        return quotation
    if colon:
        end = text.paragraph_end(i)
        return (i, end) if end > i else None
    return None


def _quoted_before(text: _Text, tok: Token, source_start: int) -> Range | None:
    """A quotation that ends right before the source and cue: "“...,” Trump said." (also across a
    sentence)."""
    doc = text.doc
    k = min(tok.i, source_start) - 1
    while k >= 0 and (doc[k].text in (",", ".", "?", "!") or (doc[k].is_space and "\n" not in doc[k].text)):
        k -= 1
    if k < 0 or doc[k].text not in _QUOTE_CLOSE:
        return None
    j = k - 1
    while j >= 0 and doc[j].text in (",", ".", "?", "!", "…"):
        found = text.quotation_ending(j)
        if found is not None:
            return found
        j -= 1
    return text.quotation_ending(j) if j >= 0 else None


# --- token ranges ---------------------------------------------------------------------------------


def _subtree_range(tok: Token) -> Range:
    return tok.left_edge.i, tok.right_edge.i + 1


def _source_range(tok: Token) -> Range:
    """The subject's phrase, without relative clauses or trailing clauses after a comma."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i and not _acl_is_source(child):
            right = min(right, child.left_edge.i)
        if child.dep_ == "punct" and child.i > tok.i and child.text == ",":
            # "the Foreign Ministry, whose response ..." – stop at the comma unless an apposition follows.
            nxt = child.i + 1
            if nxt < len(tok.doc) and tok.doc[nxt].dep_ != "appos":
                right = min(right, child.i)
    return _trim(tok.doc, left, right)


def _acl_is_source(acl: Token) -> bool:
    """ "information obtained by Der Spiegel", "experts cited by Spiegel": the agent names the source."""
    return any(c.dep_ == "agent" for c in acl.children)


def _trim(doc: Doc, start: int, end: int, exclude: Iterable[int] = ()) -> Range:
    skip = set(exclude)
    while start < end and (doc[start].text in _PUNCT or doc[start].is_space or start in skip):
        start += 1
    while end > start and (doc[end - 1].text in _PUNCT or doc[end - 1].is_space or (end - 1) in skip):
        end -= 1
    return start, end


def _pieces(doc: Doc, ranges: Iterable[Range], exclude: set[int]) -> tuple[Range, ...]:
    """Token ranges minus the excluded tokens, trimmed, merged when only punctuation separates them."""
    tokens = sorted({i for a, b in ranges for i in range(max(a, 0), min(b, len(doc))) if i not in exclude})
    runs: list[Range] = []
    for i in tokens:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    trimmed = [r for r in (_trim(doc, a, b) for a, b in runs) if r[0] < r[1]]
    merged: list[Range] = []
    for a, b in trimmed:
        if (
            merged
            and all(doc[k].text in _PUNCT or doc[k].is_space for k in range(merged[-1][1], a))
            and not any(k in exclude for k in range(merged[-1][1], a))
        ):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return tuple(merged)


def _only_punct(doc: Doc, start: int, end: int) -> bool:
    return all(doc[k].text in _PUNCT or doc[k].is_space for k in range(start, end))


def _only_commas(doc: Doc, start: int, end: int) -> bool:
    return all(doc[k].text == "," or doc[k].is_space for k in range(start, end))


def _overlaps_any(rng: Range, regions: list[Range]) -> bool:
    return any(rng[0] < b and a < rng[1] for a, b in regions)


# --- sources and chains ---------------------------------------------------------------------------


def _chain_for(doc: Doc, f: _Found, index: MentionIndex, discourse: _Discourse) -> list[ChainLink]:
    cue_text = doc[f.cue[0] : f.cue[1]].text
    chain: list[ChainLink] = []
    speaker = f.speaker if f.speaker is not None else f.source
    if speaker is not None:
        chain = _resolve_source(doc, speaker, index, discourse, cue_text)
    elif f.cue_kind == "passive":
        chain = [ChainLink(_UNNAMED_LINK, "unnamed", None, cue_text)]
    cue_tok = doc[f.cue_token]
    # "X told CNN": the outlet that was told is the outer link.
    if cue_tok.lemma_ == "tell":
        for child in cue_tok.children:
            if child.dep_ in ("dobj", "dative"):
                recipient = _resolve_source(doc, _source_range(child), index, discourse, None)
                if recipient and recipient[0].kind == "outlet":
                    chain = recipient[:1] + chain
    # "..., citing people familiar with the plan" / "citing unnamed sources".
    for child in cue_tok.children:
        if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_ == "cite":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                chain += _resolve_source(doc, _source_range(obj), index, discourse, "citing")
    # "..., without naming its sources".
    tail = doc[f.cue[1] : min(len(doc), f.cue[1] + 8)].text.lower()
    if (
        "without naming" in tail
        or "without name-dropping" in doc[max(0, f.cue[0] - 12) : f.cue[0]].text.lower()
    ):
        chain.append(ChainLink(_UNNAMED_LINK, "unnamed", None, None))
    return chain


def _resolve_source(
    doc: Doc, rng: tuple[int, int], index: MentionIndex, discourse: _Discourse, cue: str | None
) -> list[ChainLink]:
    """Turn a source phrase into chain links, outermost first."""
    span = doc[rng[0] : rng[1]]
    if len(span) == 0:
        return []
    head = span.root
    text = span.text
    lemma = head.lemma_.lower()
    mentions = index.within(span.start_char, span.end_char)
    head_mention = next((m for m in mentions if m.start <= head.idx < m.end), None)
    links: list[ChainLink] = []

    # Owner of a document or of unnamed sources: "information obtained by Der Spiegel",
    # "A Thursday report by German newspaper Der Spiegel", "CNN sources", "the magazine's information".
    if head_mention is None and (
        lemma in DOCUMENT_NOUNS or lemma in UNNAMED_HEADS or lemma in PERSON_ROLE_NOUNS
    ):
        owner = _owner(doc, head, index, discourse, outlets_only=lemma in UNNAMED_HEADS)
        if owner is not None:
            links.append(owner)
            if lemma in UNNAMED_HEADS or (lemma in PERSON_ROLE_NOUNS and owner.kind != "person"):
                links.append(ChainLink(_clean_label(text), "unnamed", None, cue))
            elif lemma in DOCUMENT_NOUNS:
                links[-1] = ChainLink(owner.source, owner.kind, owner.entity, cue)
            return links
        if lemma in UNNAMED_HEADS:
            earlier = _definite_chain(lemma, head, discourse, cue)
            return earlier or [ChainLink(_clean_label(text), "unnamed", None, cue)]
    if head_mention is not None:
        return [_link_for_mention(head_mention, index, cue)]
    # Pronouns.
    if head.pos_ == "PRON":
        low = head.lower_
        if low in _PRONOUNS_PERSON:
            # The nearest person named in this or the previous sentence, else the last person quoted.
            person = _last_mention(index, span.start_char, {"PERSON"})
            sent_start = doc[head.sent.start].idx
            prev_start = doc[head.sent.start - 1].sent.start_char if head.sent.start > 0 else sent_start
            if person is not None and person.start >= prev_start:
                return [_link_for_mention(person, index, cue)]
        prior = _prior_link(discourse, person=low in _PRONOUNS_PERSON)
        if prior is not None:
            return [ChainLink(prior.source, prior.kind, prior.entity, cue)]
        return [ChainLink(text, "other", None, cue)]
    # Descriptions: "the magazine", "the same publication", "the German magazine", "the news outlet".
    if lemma in OUTLET_NOUNS or (lemma in DOCUMENT_NOUNS and head.i > 0 and doc[span.start].lower_ == "the"):
        outlet = _last_mention(index, span.start_char, {"OUTLET"})
        if outlet is not None:
            return [_link_for_mention(outlet, index, cue)]
        following = _next_mention(index, span.end_char, {"OUTLET"}, window=400)
        if following is not None:
            return [_link_for_mention(following, index, cue)]
        return [ChainLink(_clean_label(text), "document" if lemma in DOCUMENT_NOUNS else "outlet", None, cue)]
    if mentions:
        # "a contractor for Xi'an Bingo", "Foreign Ministry spokesperson ...": the organisation speaks.
        best = max(mentions, key=lambda m: m.end - m.start)
        link = _link_for_mention(best, index, cue)
        return [link]
    if lemma in COMPANY_NOUNS:
        org = _last_mention(index, span.start_char, {"ORG"})
        if org is not None:
            return [_link_for_mention(org, index, cue)]
    if lemma in PERSON_ROLE_NOUNS:
        role = _definite_role(text, lemma, head, discourse, cue)
        if role is not None:
            return [role]
    if lemma in DOCUMENT_NOUNS:
        outlet = _next_mention(index, span.end_char, {"OUTLET"}, window=400)
        if outlet is not None:
            return [_link_for_mention(outlet, index, cue)]
        return [ChainLink(_clean_label(text), "document", None, cue)]
    return [ChainLink(_clean_label(text), "unnamed" if lemma in UNNAMED_HEADS else "other", None, cue)]


def _owner(
    doc: Doc, head: Token, index: MentionIndex, discourse: _Discourse, *, outlets_only: bool = False
) -> ChainLink | None:
    """Who owns a document or a group of sources: possessor, compound, "by X", "X's"."""
    candidates: list[Token] = []
    for child in head.children:
        if child.dep_ in ("poss", "compound", "nmod"):
            candidates.append(child)
        if child.dep_ == "prep" and child.lower_ == "by":
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ in ("acl",):
            for agent in child.children:
                if agent.dep_ == "agent":
                    candidates.extend(c for c in agent.children if c.dep_ == "pobj")
    for cand in candidates:
        rng = _subtree_range(cand)
        span = doc[rng[0] : rng[1]]
        mentions = index.within(span.start_char, span.end_char)
        allowed = ("OUTLET",) if outlets_only else ("OUTLET", "ORG", "PERSON", "GPE")
        orgs = [m for m in mentions if index.type_of(m) in allowed]
        if orgs:
            best = max(orgs, key=lambda m: (index.type_of(m) == "OUTLET", m.end - m.start))
            return _link_for_mention(best, index, None)
        if cand.lemma_.lower() in OUTLET_NOUNS:
            outlet = _last_mention(index, span.start_char, {"OUTLET"})
            if outlet is not None:
                return _link_for_mention(outlet, index, None)
    return None


def _definite_chain(
    lemma: str, head: Token, discourse: _Discourse, cue: str | None
) -> list[ChainLink] | None:
    """ "The source added": the whole chain of the source described just before, relays included."""
    if not any(t.lower_ in ("the", "this", "that") for t in head.lefts):
        return None
    for chain in reversed(discourse.chains):
        for i in range(len(chain) - 1, -1, -1):
            if lemma.rstrip("s") in chain[i].source.lower():
                last = chain[i]
                return [*chain[:i], ChainLink(last.source, last.kind, last.entity, cue)]
    return None


def _definite_role(
    text: str, lemma: str, head: Token, discourse: _Discourse, cue: str | None
) -> ChainLink | None:
    """ "The official said": the official named or described just before."""
    if not any(t.lower_ in ("the", "this", "that") for t in head.lefts):
        return None
    for link in reversed(discourse.links):
        if lemma in link.source.lower() or (
            link.kind == "person" and lemma in PERSON_ROLE_NOUNS and lemma not in UNNAMED_HEADS
        ):
            return ChainLink(link.source, link.kind, link.entity, cue)
    return None


def _prior_link(discourse: _Discourse, *, person: bool) -> ChainLink | None:
    for link in reversed(discourse.links):
        if person and link.kind in ("person", "unnamed"):
            return link
        if not person and link.kind in ("organisation", "outlet"):
            return link
    return None


def _last_mention(index: MentionIndex, offset: int, types: set[str]) -> Mention | None:
    for m in reversed(index.before(offset)):
        if index.type_of(m) in types:
            return m
    return None


def _next_mention(index: MentionIndex, offset: int, types: set[str], window: int) -> Mention | None:
    for m in index.within(offset, offset + window):
        if index.type_of(m) in types:
            return m
    return None


def _link_for_mention(m: Mention, index: MentionIndex, cue: str | None) -> ChainLink:
    etype = index.type_of(m)
    kind: SourceKind = {"OUTLET": "outlet", "PERSON": "person"}.get(etype, "organisation")  # type: ignore[assignment]
    return ChainLink(index.name_of(m), kind, m.entity, cue)


def _clean_label(text: str) -> str:
    label = re.sub(r"\s+", " ", text).strip(" ,.;:“”\"'")
    return label[:1].lower() + label[1:] if label[:2] in ("A ", "An", "Th") and not label.isupper() else label


# --- stance and records ---------------------------------------------------------------------------


def stance_of(text: str, cue_lemma: str | None, cue_text: str | None = None) -> Stance:
    """Stance of a statement: denies, questions (incl. non-committal answers), hedges or asserts."""
    low = " " + text.lower() + " "
    cue_low = (cue_text or "").lower()
    context = cue_low + " " + low
    if any(p in context for p in NON_COMMITTAL_PHRASES) or re.search(r"\bneither\b.*\bnor\b.*\bden", context):
        return "questions"
    negated_cue = bool(re.search(r"\b(not|never|n't)\b", cue_low))
    if cue_lemma in DENIAL_VERBS and not negated_cue:
        return "denies"
    if any(p in low for p in DENIAL_PHRASES):
        return "denies"
    if text.rstrip(" ”\"'").endswith("?"):
        return "questions"
    words = set(re.findall(r"[a-z']+", low))
    if words & HEDGE_ADVERBS or words & HEDGE_MODALS or any(p in low for p in HEDGE_PHRASES):
        return "hedges"
    if cue_lemma in ATTITUDE_VERBS or cue_lemma in ("claim", "allege"):
        return "hedges"
    return "asserts"


def _main_stretch(doc: Doc, f: _Found) -> Range:
    """The stretch of content a report is about: the pieces that no cue or source comes between, the
    longest such run ("“A,” she said, “B and C.”" -> "B and C"); every piece is in ``content_spans``."""
    words = set(range(*f.cue)) | (set(range(*f.source)) if f.source is not None else set())
    runs: list[list[Range]] = []
    for piece in f.content:
        if runs and not any(runs[-1][-1][1] <= w < piece[0] for w in words):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    best = max(runs, key=lambda run: sum(b - a for a, b in run))
    start, end = best[0][0], best[-1][1]
    if f.source is None and f.cue_kind in ("passive", "raising") and len(f.content) > 1:
        # "the drones are expected to be delivered by April": the whole clause, hedge and all, since
        # no source's words come between its subject and the rest.
        start, end = f.content[0][0], f.content[-1][1]
    if end - start > 1 and doc[start].lower_ == "that" and doc[start].dep_ == "mark":
        start += 1  # the report is what follows "that"
    return start, end


def _to_attribution(parsed: Parsed, doc: Doc, f: _Found, chain: tuple[ChainLink, ...]) -> SplitAttribution:
    text = parsed.article.text

    def span(rng: tuple[int, int]) -> Span:
        start = doc[rng[0]].idx
        end = doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
        return Span(start, end, text[start:end])

    cue = span(f.cue)
    content = span(_main_stretch(doc, f))
    pieces = tuple(span(piece) for piece in f.content)
    said = " … ".join(piece.text for piece in pieces)
    source = span(f.source) if f.source is not None and f.source[0] < f.source[1] else None
    sentence = parsed.sentence_at(cue.start)
    context = sentence.text if sentence is not None else said
    outside = context
    for piece in pieces:
        outside = outside.replace(piece.text, " ")
    cue_lemma = doc[f.cue_token].lemma_.lower() if f.cue_kind in ("verb", "passive") else None
    stance = stance_of(said if f.cue_kind != "passive" else context, cue_lemma, cue.text)
    if (
        stance != "questions"
        and stance_of(outside, None) == "questions"
        and not context.rstrip(" ”\"'").endswith("?")
    ):
        stance = "questions"
    if f.cue_kind == "passive" and stance == "asserts":
        stance = "hedges"
    if stance == "asserts" and stance_of(outside, None) == "hedges":
        stance = (
            "hedges"  # a hedge outside the content ("X reportedly said", "is likely to") hedges the report
        )
    return SplitAttribution(parsed.article.id, cue, content, source, chain, stance, content_spans=pieces)
