"""The proposition view of a report: predicate, arguments, polarity, modality.

A ``Report`` already carries what a proposition needs (its predicate lemma, subject, object, entities,
quantities and dates); this module reads them into one record, resolves light verbs ("agreed to
supply", "accused China of planning to send" -> the supplying, the sending) and maps predicates onto
event classes, so that "sell", "ship" and "deliver" name one kind of event. The tables are data: a
row is a class of predicates a thesaurus would group, never a phrase of one article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Quantity, Report

Polarity = Literal["positive", "negative"]
Modality = Literal["actual", "possible", "intended", "conditional"]

# Event classes: predicates (nouns too) that report one kind of event. The first word names the class.
EVENT_CLASSES: tuple[str, ...] = (
    "talk negotiate negotiation talks discuss discussion underway",
    "produce production build make manufacture develop assemble",
    "test trial",
    "deliver delivery send ship shipment supply provide export transfer sell sale smuggle",
    "buy purchase acquire order import",
    "meet meeting visit summit",
    "deny denial reject dismiss refute",
    "accuse accusation allege allegation blame",
    "kill killing shoot shooting shot fire die dead death slay murder",
    "injure injury wound hurt",
    "arrest detain detention charge indict",
    "pay paid payment salary fee earn wage",
    "hire appoint recruit",
    "quit resign leave exit withdraw depart",
    "resemble similar like",
    "warn warning threaten threat",
    "release publish leak disclose reveal",
    "approve vote pass adopt back endorse",
    "carry payload warhead",
    "cost worth value price",
    "protest riot demonstrate demonstration rally unrest",
    "falsify forge fake",
    "criticize criticise condemn",
    "agree deal contract sign",
)
# Verbs that carry another verb's meaning: "plans to build" is about building, "accused X of
# shelling" about the shelling (a paraphrase of "X shelled").
LIGHT_PREDICATES: frozenset[str] = frozenset(
    "be have get make do go come take give set seem appear become remain keep "
    "plan agree intend prepare expect seek want try continue begin start consider aim hope decide offer "
    "propose ready study examine weigh look mull explore think believe accuse allege claim say report "
    "tell add note confirm show suggest indicate reveal mean allow enable help lead".split()
)
_IRREGULAR: Mapping[str, str] = {
    "sold": "sell", "sent": "send", "paid": "pay", "built": "build", "made": "make", "met": "meet",
    "left": "leave", "bought": "buy", "shot": "shoot", "died": "die", "gave": "give", "took": "take",
    "held": "hold", "told": "tell", "said": "say", "thought": "think", "brought": "bring",
    "signed": "sign", "fought": "fight", "lost": "lose", "won": "win", "fled": "flee", "hit": "hit",
}  # fmt: skip
_MODAL_POSSIBLE = frozenset("could might may would likely possibly perhaps probably reportedly".split())
_MODAL_INTENDED = frozenset("will plan plans planning intend intends intended ready going aim seek".split())
_CONDITIONAL = frozenset("if unless whether".split())
_NEGATION = frozenset("not no never none nobody nothing n't without neither nor".split())
_STOP = frozenset(
    "the a an of to in on for and or but with by as at from that this these those is are was were be been "
    "being has have had it its their his her they he she which who whom whose would could should will may "
    "might can also said says say told according reportedly allegedly such than into about over after before "
    "there here not no any some more most other".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _build_classes() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in EVENT_CLASSES:
        words = row.split()
        for word in words:
            table.setdefault(word, words[0])
    return table


_CLASS_OF = _build_classes()


def lemma(word: str) -> str:
    """A cheap lemma for matching predicates against the tables: irregular forms, then suffixes."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _CLASS_OF or word in LIGHT_PREDICATES:
        return word
    candidates: list[str] = []
    for suffix, replacements in (
        ("ies", ("y",)), ("ied", ("y",)), ("ying", ("y", "ie")), ("ing", ("", "e")), ("ed", ("", "e")),
        ("es", ("", "e")), ("s", ("",)),
    ):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            candidates += [stem + r for r in replacements]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # shipped -> ship
    for candidate in candidates:
        if candidate in _CLASS_OF or candidate in LIGHT_PREDICATES:
            return candidate
    return candidates[0] if candidates else word


def named_by(event: str | None, other: Proposition) -> bool:
    """Whether a proposition whose main event was only resolved names ``event`` somewhere."""
    return event is not None and other.resolved and event in other.events


def event_class(word: str | None) -> str | None:
    if word is None:
        return None
    return _CLASS_OF.get(lemma(word))


@dataclass(frozen=True)
class Proposition:
    """One report read as a proposition. ``event`` is the class of its main predicate after light verbs
    are resolved; ``events`` every event class its content names (for paraphrases that move the event
    into a noun: "talks about production"), used when ``resolved`` says the main event is uncertain."""

    report: Report
    predicate: str | None
    event: str | None
    events: frozenset[str]
    resolved: bool  # the event was read through a light verb (or without a predicate): less certain
    agent: str | None
    patient: str | None
    entities: frozenset[str]
    persons: frozenset[str]
    places: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: frozenset[str]
    polarity: Polarity
    modality: Modality
    terms: frozenset[str]
    text: str


def content_text(report: Report) -> str:
    text = re.sub(r"[“”\"]", "", report.content.text)
    return re.sub(r"\s+", " ", text).strip()


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(report: Report) -> set[str]:
    words = _WORD.findall(content_text(report).lower())
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def proposition(
    report: Report, persons: frozenset[str] = frozenset(), places: Mapping[str, str] | None = None
) -> Proposition:
    text = content_text(report)
    words = _WORD.findall(text.lower())
    predicate = lemma(report.predicate) if report.predicate else None
    classes = [c for c in (event_class(w) for w in words) if c is not None]
    # A predicate that is no light verb is its own event, classed or not ("abstained from the vote"
    # is no vote); a light verb (or none) gives way to the event its content carries.
    event = (event_class(predicate) or predicate) if predicate else None
    if event is None or predicate in LIGHT_PREDICATES:
        # The event the light verb carries: the first classed word after the predicate that is no light
        # verb itself ("accused X of planning to supply" -> supply), else the first classed word.
        lemmas = [lemma(w) for w in words]
        start = lemmas.index(predicate) + 1 if predicate in lemmas else 0
        carried = (
            _CLASS_OF[m] for m in lemmas[start:] if m in _CLASS_OF and m not in LIGHT_PREDICATES
        )
        event = next(carried, None) or (classes[0] if classes else None)
    lowered = set(words)
    modality: Modality = "actual"
    if lowered & _CONDITIONAL:
        modality = "conditional"
    elif lowered & _MODAL_INTENDED:
        modality = "intended"
    elif lowered & _MODAL_POSSIBLE or report.stance == "hedges":
        modality = "possible"
    negative = report.stance == "denies" or bool(lowered & _NEGATION) or "n't" in text
    entities = frozenset(report.entities)
    return Proposition(
        report=report,
        predicate=predicate,
        event=event,
        events=frozenset(classes) | ({event} if event else set()),
        resolved=predicate is None or predicate in LIGHT_PREDICATES,
        agent=report.subject,
        patient=report.obj,
        entities=entities,
        persons=entities & persons,
        places=entities & frozenset(places or {}),
        quantities=report.quantities,
        dates=frozenset(d.resolved for d in report.dates if d.resolved),
        polarity="negative" if negative else "positive",
        modality=modality,
        terms=frozenset(content_terms(report)),
        text=text,
    )


def propositions(
    reports: Sequence[Report], persons: frozenset[str] = frozenset(), places: Mapping[str, str] | None = None
) -> list[Proposition]:
    return [proposition(r, persons, places) for r in reports]


def idf(sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each item over one story's propositions."""
    n = len(sets)
    counts: Counter[str] = Counter()
    for s in sets:
        counts.update(s)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in counts.items()}
