"""Alignment: the same proposition across articles becomes one claim.

Requires the reports of one story; adds ``Claim`` records (reports grouped, statement chosen; no
verdict yet).

1. Reports that are no claims (requests, teasers, questions to the reader) are left out
   (``checkworthy``).
2. Each report is read as a proposition: event class of its predicate with light verbs resolved,
   agent, patient, people, places, quantities, dates, polarity, modality (``propositions``).
3. A pluggable pair scorer gives the probability that two propositions are one claim; cannot-links
   keep incompatible events apart whatever the score (``score``).
4. Constrained clustering: groups whose every pair matches, never chains (``cluster``).
5. Denials join the claim they deny, contrasting accounts the account they contrast (``denials``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Claim, Report
from ..nlp import Models
from .checkworthy import not_a_claim
from .cluster import constrained_clusters
from .denials import (
    _CONTRAST,
    CONTRAST_THRESHOLD,
    SAME_ARTICLE_PENALTY,
    _demonyms,
    _denied_claim,
    _root,
    topic_similarity,
)
from .propositions import Proposition, content_terms, content_text, propositions
from .score import LearnedPairScore, PairScorer, cannot_link, default_model

__all__ = [
    "_CONTRAST",
    "AlignedClaim",
    "PairScorer",
    "Proposition",
    "_demonyms",
    "_denied_claim",
    "align_reports",
    "content_text",
    "same_claim_scores",
    "statement_for",
    "to_claims",
]

# Builds the scorer for one story's propositions (the default needs the story's word rarities).
ScorerFactory = Callable[[Sequence[Proposition]], PairScorer]


@dataclass(frozen=True)
class AlignedClaim:
    reports: tuple[Report, ...]
    contrast: tuple[tuple[int, int], ...] = ()  # pairs of report indexes joined as contrasting accounts


def same_claim_scores(
    props: Sequence[Proposition], vectors: np.ndarray, scorer: PairScorer
) -> tuple[np.ndarray, np.ndarray]:
    """The pair score matrix and the cannot-link matrix of one story's propositions."""
    n = len(props)
    score = np.zeros((n, n))
    cannot = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if cannot_link(props[i], props[j]):
                cannot[i, j] = cannot[j, i] = True
                continue
            score[i, j] = score[j, i] = scorer(props[i], props[j], vectors[i], vectors[j])
    return score, cannot


def align_reports(
    reports: Sequence[Report],
    models: Models,
    threshold: float | None = None,
    persons: frozenset[str] = frozenset(),
    places: dict[str, str] | None = None,
    scorer: ScorerFactory | None = None,
) -> list[AlignedClaim]:
    """Group reports of one story into claims.

    ``persons``: entity ids of people; ``places``: entity id -> name of countries and places, so that
    a denial about "the Sarvanian government" is known to concern Sarvania. ``scorer`` builds the pair
    scorer for the story (default: the learned logistic score).
    """
    reports = [r for r in reports if not_a_claim(r) is None]
    if not reports:
        return []
    model = default_model()
    threshold = model.threshold if threshold is None else threshold
    vectors = models.embed([content_text(r) for r in reports])
    sim = topic_similarity(reports, vectors, persons)
    # Denials are placed in a second pass, so that they join a claim instead of pulling two together.
    denials = [i for i, r in enumerate(reports) if r.stance == "denies"]
    others = [i for i in range(len(reports)) if reports[i].stance != "denies"]
    props = propositions([reports[i] for i in others], persons, places)
    pair_scorer = (scorer or LearnedPairScore)(props)
    score, cannot = same_claim_scores(props, vectors[others], pair_scorer)
    clusters = [{others[i] for i in c} for c in constrained_clusters(score, cannot, threshold, model.floor)]
    for d in denials:
        target = _denied_claim(d, reports, clusters, sim, places)
        if target is None:
            clusters.append({d})
        else:
            clusters[target].add(d)
            clusters[target].add(d)
    contrast_pairs: list[tuple[int, int]] = []
    for i, r in enumerate(reports):
        if not _CONTRAST.match(r.sentence.text) or i == 0:
            continue
        prev = i - 1
        p = reports[prev]
        if p.article != r.article or not p.chain or not r.chain or _root(p) == _root(r):
            continue
        # Two accounts of one thing in adjacent sentences: judged without the same-article penalty, and
        # they must share a content word ("artillery").
        if sim[i, prev] + SAME_ARTICLE_PENALTY >= CONTRAST_THRESHOLD and content_terms(p) & content_terms(r):
            contrast_pairs.append((prev, i))
            ka = next(k for k, c in enumerate(clusters) if prev in c)
            kb = next(k for k, c in enumerate(clusters) if i in c)
            if ka != kb:
                clusters[ka] |= clusters[kb]
                del clusters[kb]
    out: list[AlignedClaim] = []
    for cluster in sorted(clusters, key=lambda c: min(c)):
        order = sorted(cluster)
        position = {idx: n for n, idx in enumerate(order)}
        pairs = tuple((position[a], position[b]) for a, b in contrast_pairs if a in cluster and b in cluster)
        out.append(AlignedClaim(tuple(reports[i] for i in order), pairs))
    return out



def statement_for(claim: AlignedClaim, models: Models) -> str:
    """One sentence for the proposition: the report closest to all the others, preferring assertions
    that stand on their own (not conditional, not in the first person, not opening with a pronoun)."""
    candidates = [r for r in claim.reports if r.stance in ("asserts", "hedges")] or list(claim.reports)
    if len(candidates) == 1:
        best = candidates[0]
    else:
        vectors = models.embed([content_text(r) for r in candidates])
        centrality = (vectors @ vectors.T).mean(axis=1)
        quality = np.array([_standalone_penalty(r) for r in candidates])
        best = candidates[int(np.argmax(centrality - quality))]
    text = content_text(best)
    text = re.sub(r"^(that|whether)\s+", "", text, flags=re.I)
    text = text[:1].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


_CONDITIONAL = re.compile(r"^\W*(if|unless|when|whether)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|[Ww]e|[Mm]y|[Oo]ur|[Uu]s|[Yy]ou|[Yy]our)\b")  # not "US"
_PRONOUN_OPENER = re.compile(r"^\W*(it|this|that|these|those|he|she|they|such)\b", re.I)


def _standalone_penalty(report: Report) -> float:
    """How badly a report's content reads as a statement of the claim on its own."""
    text = content_text(report)
    words = len(text.split())
    penalty = 0.0
    penalty += 0.3 * bool(_CONDITIONAL.match(text)) + 0.2 * bool(_FIRST_PERSON.search(text))
    penalty += 0.15 * bool(_PRONOUN_OPENER.match(text)) + 0.3 * text.rstrip().endswith("?")
    penalty += 0.2 * (report.predicate is None) + 0.2 * (words < 6) + 0.1 * (words > 40)
    return penalty


def to_claims(story_id: str, aligned: Sequence[AlignedClaim], models: Models, start: int = 1) -> list[Claim]:
    claims: list[Claim] = []
    for n, a in enumerate(aligned, start=start):
        claims.append(
            Claim(id=f"c{n}", story=story_id, statement=statement_for(a, models), reports=a.reports)
        )
    return claims
