"""Denials and contrasting accounts: how they join the claim they answer.

A denial joins the claim it denies when it shares that claim's actors (the maker's "no commercial
contact with Russia" joins "Russia negotiates with Bingo"); a contrasting account right after another
("However, WSJ sources say ...") joins it, so that the verdict stage can show the two versions as a
content conflict. Both use a topic similarity (embedding cosine plus overlaps): a denial shares a topic
with what it denies, not a proposition ("no commercial contact" is not "negotiating").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..model import Report
from .propositions import content_terms

DENIAL_LINK_THRESHOLD = 0.45
DENIAL_ECHO_WEIGHT = 0.1
DENIAL_TOP = 2  # a denial answers the versions of a claim closest to it, not their average
CONTRAST_THRESHOLD = 0.20
SAME_ARTICLE_PENALTY = 0.15
_ANAPHORIC = re.compile(
    r"\b(these|those|the|this|such|that)\s+(claims?|statements?|reports?|allegations?|accusations?)\b"
    r"|^\s*(it|this|that)\b",
    re.I,
)
_CONTRAST = re.compile(r"^\s*(however|but|in contrast|by contrast|on the other hand)\b", re.I)
# Kinds of predicate for the topic similarity (kept as the denial rule was tuned with them).
_GROUPS = [
    {"negotiate", "talk", "discuss", "negotiation", "involve", "underway"},
    {"produce", "build", "make", "manufacture", "test", "agree", "ready", "plan"},
    {"deliver", "send", "ship", "supply", "provide", "export", "transfer", "sell"},
    {"meet", "meeting", "visit"},
    {"deny", "reject", "dismiss"},
]


def _group(lemma: str | None) -> int | None:
    if lemma is None:
        return None
    return next((n for n, g in enumerate(_GROUPS) if lemma in g), None)


def topic_similarity(reports: Sequence[Report], vectors: np.ndarray, persons: frozenset[str]) -> np.ndarray:
    """Pairwise topic similarity: cosine, shared words and entities (weighted by rarity), the same kind
    of predicate, and penalties for different people, a rate against a total, one article."""
    n = len(reports)
    if n == 0:
        return np.zeros((0, 0))
    sim = 0.6 * (vectors @ vectors.T)
    terms = [content_terms(r) for r in reports]
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t)
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    edf: Counter[str] = Counter()
    for r in reports:
        edf.update(set(r.entities))
    eidf = {e: math.log((n + 1) / (c + 0.5)) for e, c in edf.items()}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = reports[i], reports[j]
            score = 0.0
            union = terms[i] | terms[j]
            if union:
                score += 0.4 * sum(idf[w] for w in terms[i] & terms[j]) / sum(idf[w] for w in union)
            shared, eunion = set(a.entities) & set(b.entities), set(a.entities) | set(b.entities)
            if eunion:
                score += 0.15 * sum(eidf[e] for e in shared) / max(1e-9, sum(eidf[e] for e in eunion))
            ga, gb = _group(a.predicate), _group(b.predicate)
            if ga is not None and gb is not None:
                score += 0.08 if ga == gb else -0.08
            pa, pb = set(a.entities) & persons, set(b.entities) & persons
            if pa and pb and not pa & pb:
                score -= 0.25  # different people
            elif pa - pb and pb - pa:
                score -= 0.25  # Wang Yi meeting Lavrov is not Wang Yi meeting Putin
            rate_a = any(q.per for q in a.quantities)
            rate_b = any(q.per for q in b.quantities)
            if rate_a != rate_b and (rate_a or rate_b):
                score -= 0.2
            if a.article == b.article:
                score -= SAME_ARTICLE_PENALTY
            sim[i, j] += score
            sim[j, i] += score
    return sim  # type: ignore[no-any-return]


def _demonyms(report: Report, places: dict[str, str]) -> set[str]:
    """Places a report names by their adjective ("the Sarvanian government" -> Sarvania).

    A demonym is the place's name without its final vowels (or "y") followed by an adjective suffix:
    Russia -> Russian, China -> Chinese, Germany -> German, Iran -> Iranian; Australia is not Austrian.
    """
    found: set[str] = set()
    words = set(re.findall(r"[A-Z][a-z]+", report.content.text))
    for entity_id, name in places.items():
        stem = re.sub(r"[aeiouy]+$", "", name)
        if len(stem) < 3:
            continue
        for word in words:
            rest = word[len(stem):] if word.startswith(stem) else None
            if rest is None or word == name:
                continue
            if rest.lower() in _DEMONYM_SUFFIXES or (not rest and stem != name):  # Germany -> German
                found.add(entity_id)
    return found


_DEMONYM_SUFFIXES = frozenset({"an", "ian", "ean", "ese", "i", "ish", "n", "ic"})


def _denied_claim(
    d: int,
    reports: Sequence[Report],
    clusters: list[set[int]],
    sim: np.ndarray,
    places: dict[str, str] | None = None,
) -> int | None:
    """Which claim a denial denies.

    "China said these claims have no factual basis" denies what the article reported just before;
    "dismissed the report" denies the outlet's report the article relayed last.
    Otherwise: the claim most like the denial, counting how many of the denial's actors (the denier
    included: a company denying a deal is one of its parties) the claim names, and how widely the claim
    is echoed (a denial answers the allegation, not a detail of it).
    """
    denial = reports[d]
    places = places or {}
    anaphor = _ANAPHORIC.search(denial.content.text)
    if anaphor and d > 0 and reports[d - 1].article == denial.article:
        before = d - 1
        if (anaphor.group(2) or "").lower().startswith("report"):
            # "dismissed the report as groundless": the outlet's report the article relayed before, by
            # its main allegation (the most echoed of its claims), not whatever sentence came just before.
            relayed = [
                i
                for i in range(d)
                if reports[i].article == denial.article
                and reports[i].stance != "denies"
                and any(link.kind == "outlet" for link in reports[i].chain)
            ]
            echoes = {k: len({reports[i].article for i in c}) for k, c in enumerate(clusters)}
            holder = {i: k for k, c in enumerate(clusters) for i in c}
            if relayed:
                before = max(relayed, key=lambda i: (echoes.get(holder.get(i, -1), 0), i))
        target = next((k for k, c in enumerate(clusters) if before in c), None)
        if target is not None and reports[before].stance != "denies":
            return target
    actors = (
        set(denial.entities)
        | {link.entity for link in denial.chain[-1:] if link.entity}
        | _demonyms(denial, places)
    )
    # A denial answers a claim: it joins another denial only when no claim it could answer is found.
    for denials_only in (False, True):
        best, target = DENIAL_LINK_THRESHOLD, None
        for k, cluster in enumerate(clusters):
            if len({reports[i].article for i in cluster} - {denial.article}) == 0 and len(cluster) < 2:
                continue
            if all(reports[i].stance == "denies" for i in cluster) != denials_only:
                continue
            named = set().union(*(set(reports[i].entities) for i in cluster))
            coverage = len(actors & named) / len(actors) if actors else 0.0
            n_echoes = len({reports[i].article for i in cluster})
            similarity = float(np.mean(sorted((sim[d, i] for i in cluster), reverse=True)[:DENIAL_TOP]))
            score = similarity + 0.3 * coverage + DENIAL_ECHO_WEIGHT * math.log1p(n_echoes)
            if score > best:
                best, target = score, k
        if target is not None:
            return target
    return None


def _root(report: Report) -> str:
    """Whose account a report gives: its first named source."""
    for link in report.chain:
        if link.named:
            return link.entity or link.source
    return report.chain[0].source if report.chain else ""

