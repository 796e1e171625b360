"""The whole article: cues sentence by sentence, quotations, one reading or the other, chains carried
over from enclosing attributions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import (
    FIRST_SECOND_PERSON,
    NOUN_CUES,
    RELATIVE_PRONOUNS,
)
from ..model import ChainLink, Entity, Mention
from .chain import SplitAttribution, _chain_for, _dedupe, _to_attribution
from .light import _document_cue, _light_verb_cue, _quoting_verb
from .nouns import _according, _copula_cue, _frame, _headline_colon, _headline_verb, _noun_cue
from .quotes import _signed_quotations, _Text, _with_quotations
from .source import MentionIndex, _Discourse
from .speakers import spoken
from .tree import _Found, _pieces, _subtree_range
from .verbs import _trailing_cue_as_noun, _verb_cue

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..sentences import Parsed


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
    discourse = _Discourse(text=text)
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
        if src in FIRST_SECOND_PERSON and (
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
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for c in cue.children):
        return False
    return cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].text == ","


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
    # Only someone, or a document, can be a source: "the shooting shows", "backed by 48 votes" are not.
    return [said for f in found if (said := spoken(doc, f)) is not None]
