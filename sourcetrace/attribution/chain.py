"""Chains and records: the chain of one attribution, its stance, and the ``Attribution`` it becomes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import (
    DENIAL_PHRASES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_PHRASES,
    NON_COMMITTAL_PHRASES,
)
from ..model import Attribution, ChainLink, Span, Stance
from .frames import frame_of
from .source import _UNNAMED_LINK, MentionIndex, _Discourse, _resolve_source
from .tree import Range, _Found, _source_range

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..sentences import Parsed


@dataclass(frozen=True, slots=True)
class SplitAttribution(Attribution):
    """An attribution whose content may come in pieces ("“A,” she said, “B.”"): ``content`` is the stretch
    that holds them all, ``content_spans`` the pieces themselves, in text order."""

    content_spans: tuple[Span, ...] = ()


def _dedupe(chain: list[ChainLink]) -> list[ChainLink]:
    out: list[ChainLink] = []
    for link in chain:
        key = link.entity or link.source.lower()
        if out and (out[-1].entity or out[-1].source.lower()) == key:
            continue
        out.append(link)
    return out


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
    if frame_of(cue_tok.lemma_).told:
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


def stance_of(text: str, cue_lemma: str | None, cue_text: str | None = None) -> Stance:
    """Stance of a statement: denies, questions (incl. non-committal answers), hedges or asserts."""
    low = " " + text.lower() + " "
    cue_low = (cue_text or "").lower()
    context = cue_low + " " + low
    if any(p in context for p in NON_COMMITTAL_PHRASES) or re.search(r"\bneither\b.*\bnor\b.*\bden", context):
        return "questions"
    negated_cue = bool(re.search(r"\b(not|never|n't)\b", cue_low))
    frame = frame_of(cue_lemma or "")
    if frame.denial and not negated_cue:
        return "denies"
    if any(p in low for p in DENIAL_PHRASES):
        return "denies"
    if text.rstrip(" ”\"'").endswith("?"):
        return "questions"
    words = set(re.findall(r"[a-z']+", low))
    if words & HEDGE_ADVERBS or words & HEDGE_MODALS or any(p in low for p in HEDGE_PHRASES):
        return "hedges"
    if frame.hedges:
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
