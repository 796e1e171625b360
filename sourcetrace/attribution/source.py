"""Sources: who the subject of a cue is, the words written as the source, and their resolution
(pronouns, descriptions, definite roles, owners of documents) into chain links.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon import (
    ANIMATE_PRONOUNS,
    COMPANY_NOUNS,
    DOCUMENT_NOUNS,
    HONORIFIC_GENDER,
    HUMAN_NOUNS,
    NOT_AGENTIVE,
    OUTLET_NOUNS,
    OWNED_GROUPS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PLACE_ENTITY_TYPES,
    SHARE_HEADS,
    UNNAMED_HEADS,
)
from ..model import ChainLink, Entity, Mention, SourceKind
from .frames import cue_lemma, frame_of
from .quotes import _Text
from .tree import _DASHES, _QUOTE_CLOSE, _QUOTE_OPEN, Range, _agent, _cue_start, _subtree_range, _trim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


_UNNAMED_LINK = "unnamed sources"

# The gender a word tells of the person it names or stands for: honorifics before a name, pronouns.
_PRONOUN_WINDOW = 3  # sentences where "he" looks for whom it stands for, its own included
_PRONOUN_GENDER: dict[str, str] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


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
    text: _Text | None = None  # the article's quotations, as the attribution stage parsed them
    genders: dict[str, str] | None = None  # who is "he" or "she", worked out on the first pronoun


def _second_cue(conj: Token, first: Token) -> bool:
    """Whether a verb the parser coordinated inside ``first``'s content is a second cue of the same
    speaker: "He said A and said B", "she said that A and suggested that B" (same tense, no subject)."""
    lemma = conj.lemma_.lower()
    if lemma == first.lemma_.lower():
        return True
    # Another cue verb only with a clause of its own: "and suggested that B" is hers, "and admitted the
    # error" is still what she said ("She said the minister resigned and admitted the error").
    return (
        frame_of(lemma).clause
        and conj.tag_ == first.tag_
        and conj.tag_ in ("VBD", "VBZ")
        and any(c.dep_ == "ccomp" for c in conj.children)
    )


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
    while right > left + 1 and doc[right - 1].tag_ == "POS":
        right -= 1  # "the government's support for ...": the source is "the government"
    return _trim(doc, left, right)


def _after_dateline(doc: Doc, source: Range, cue: Token) -> Range:
    """ "WASHINGTON (AP) — Trump and Ryan pledged ...": the parser may take the dateline for the subject;
    the source is who comes between the dash and the cue."""
    start, end = source
    if start >= end:
        return source
    # "WASHINGTON — Representative Ann Vale, ..., denied": the dateline heads a span whose apposition is
    # the speaker; the source is what follows the dash.
    for d in range(start, end):
        t = doc[d]
        if t.text in _DASHES:
            if d > start and d + 1 < end:
                return _trim(doc, d + 1, end)
            break
        if not (t.is_upper or t.is_punct or t.text in ("(", ")")) or t.text in _QUOTE_OPEN:
            break
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
            current.dep_ not in ("advcl", "conj", "xcomp", "acl", "pcomp", "ccomp", "dep")
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
                    or (subject.pos_ == "PRON" and frame_of(cue_lemma(current.head)).clause)
                )
            ):
                # "X argued that a database would ..., saying ...", "X said he ..., insisting": X says it.
                continue
            return subject
    return None


def _head_lemma(tok: Token) -> str:
    """The noun that a subject is about: "55 percent of voters" -> voter, "half" -> half."""
    if tok.lemma_.lower() in SHARE_HEADS:
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
    if low in ANIMATE_PRONOUNS:
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
    return (
        any(
            c.dep_ in ("poss", "compound") and (c.ent_type_ in ("PERSON", "ORG", "NORP") or c.pos_ == "PROPN")
            for c in tok.children
        )
        and lemma in OWNED_GROUPS
    )


def _agentive(lemma: str) -> bool:
    """Nouns for people by their trade or creed: -ist, -ian ("strategist", "centrist", "historian")."""
    return len(lemma) >= 6 and lemma.endswith(("ist", "ian")) and lemma not in NOT_AGENTIVE


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
        if low in PERSON_PRONOUNS:
            person = _pronoun_antecedent(doc, head, index, discourse)
            if person is not None:
                return [_link_for_mention(person, index, cue)]
        prior = _prior_link(discourse, person=low in PERSON_PRONOUNS)
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
    # A place that only modifies the speaker's noun does not speak: "a Brooklyn woman", "a Moscow court".
    mentions = [m for m in mentions if index.type_of(m) not in PLACE_ENTITY_TYPES]
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


def _mention_span(doc: Doc, m: Mention) -> SpacySpan | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _person_key(m: Mention) -> str:
    return m.entity or m.text.casefold()


def _article_genders(doc: Doc, index: MentionIndex, text: _Text) -> dict[str, str]:
    """Who is "he" and who is "she", from the article alone: an honorific before a name ("Mr. Clarke",
    "Ms. Sherry") and the pronoun subject of what a named subject says ("Fowler said he ..."), by
    majority over the article. No list of first names: the article says it, or it stays unknown."""
    votes: dict[str, dict[str, int]] = {}
    for m in index.mentions:
        if index.type_of(m) != "PERSON":
            continue
        span = _mention_span(doc, m)
        if span is None:
            continue
        tally = votes.setdefault(_person_key(m), {"m": 0, "f": 0})
        for word in (doc[span.start - 1].lower_ if span.start > 0 else "", span[0].lower_):
            title = word.rstrip(".")
            if title in HONORIFIC_GENDER:
                tally[HONORIFIC_GENDER[title]] += 3  # a title is surer than a pronoun that may be another's
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass") or text.quoted(root.i):
            continue
        for t in doc[span.end : span.sent.end]:
            # "Fowler said he ...": the subject of what the person says is, most often, the person.
            # Any other pronoun in the sentence may stand for someone else ("Trump said she ...").
            if (
                t.lower_ in _PRONOUN_GENDER
                and t.dep_ in ("nsubj", "nsubjpass")
                and t.head.dep_ == "ccomp"
                and t.head.head == root.head
                and not text.quoted(t.i)
            ):
                tally[_PRONOUN_GENDER[t.lower_]] += 1
                break
    return {k: ("m" if v["m"] > v["f"] else "f") for k, v in votes.items() if v["m"] != v["f"]}


def _clause_role(tok: Token) -> int:
    """0: subject of the main clause, 1: subject of another clause, 2: other, 3: object of a preposition
    or possessor ("spoke to Mr. Gray's parents"), which pronouns that speak rarely take up."""
    current = tok
    while current.dep_ in ("compound", "flat", "appos") and current.head.i != current.i:
        current = current.head
    if current.dep_ in ("nsubj", "nsubjpass"):
        verb = current.head
        return 0 if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") else 1
    if current.dep_ in ("pobj", "poss"):
        return 3
    return 2


def _pronoun_antecedent(doc: Doc, head: Token, index: MentionIndex, discourse: _Discourse) -> Mention | None:
    """The person "he" or "she" stands for: a person named in this or the two sentences before, outside
    quotations, of the pronoun's gender where the article tells it; the latest subject first, then the
    latest other mention, objects of prepositions and possessors last."""
    if discourse.text is None:
        discourse.text = _Text(doc)
    text = discourse.text
    if discourse.genders is None:
        discourse.genders = _article_genders(doc, index, text)
    genders = discourse.genders
    want = _PRONOUN_GENDER.get(head.lower_)
    sent = head.sent
    window = sent.start
    for _ in range(_PRONOUN_WINDOW - 1):
        if window == 0:
            break
        window = doc[window - 1].sent.start
    speaker = _last_speaker(doc, head, text, discourse)
    best: tuple[int, Mention] | None = None
    for m in reversed(index.before(head.idx)):
        if m.start < doc[window].idx:
            break
        if index.type_of(m) != "PERSON":
            continue
        span = _mention_span(doc, m)
        if span is None or text.quoted(span.root.i):
            continue
        root = span.root
        gender = genders.get(_person_key(m))
        if want is not None and gender is not None and gender != want:
            continue
        rank = _clause_role(root)
        if speaker is not None and m.entity == speaker:
            return m
        if best is None or rank < best[0]:
            best = (rank, m)
    return best[1] if best is not None else None


def _last_speaker(doc: Doc, head: Token, text: _Text, discourse: _Discourse) -> str | None:
    """ "He said ..." opening a sentence, or "“...,” he said": the pronoun goes on with whoever spoke
    last (its entity), if that person is named nearby."""
    first = head.sent.start
    while first < head.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    after_quote = head.i > 0 and (text.quoted(head.i - 1) or doc[head.i - 1].text in _QUOTE_CLOSE)
    if not (first == head.i or after_quote) or not frame_of(cue_lemma(head.head)).clause:
        return None
    person = next((link for link in reversed(discourse.links) if link.kind == "person"), None)
    return person.entity if person is not None else None


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
