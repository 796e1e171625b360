"""Alignment: the same proposition across articles becomes one claim.

Requires the reports of one story; adds ``Claim`` records (reports grouped, statement chosen; no
verdict yet).

For every pair of reports, a logistic model (``claim_pair_model.json``, fitted on our labelled corpora
by ``eval/train_claim_pairs.py``) gives the probability that the two state one claim, from the
``FEATURE_NAMES`` of the pair: cosines of the contents' and of the sentences' embeddings, shared words
and entities weighted by their rarity in the story, the same predicate, object or subject, counts and
dates that agree or conflict, one a denial or a rate and the other not, clauses, topics, one article,
one source, both in the lead. Reports are clustered by average linkage over these probabilities under
the model's threshold. Two extra links, judged on the hand-set ``resemblance`` (the first feature):
- a denial joins the claim it denies when it shares that claim's actors (the maker's "no commercial
  contact with Russia" joins "Russia negotiates with Bingo");
- a contrasting account right after another ("However, WSJ sources say ...") joins it, so that the
  verdict stage can show the two versions as a content conflict.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations, product

import numpy as np
from scipy import sparse

from .checkworthy import not_a_claim
from .model import Claim, Report
from .nlp import Models
from .stories import average_linkage

# The clustering's merge threshold is the one fitted with the same-claim model (claim_pair_model.json);
# no pair is kept apart by a floor of its own (LINK_FLOOR 0 on probabilities).
LINK_FLOOR = 0.0
DENIAL_LINK_THRESHOLD = 0.45
DENIAL_ECHO_WEIGHT = 0.1
DENIAL_TOP = 2  # a denial answers the versions of a claim closest to it, not their average
CONTRAST_THRESHOLD = 0.20
SAME_ARTICLE_PENALTY = 0.25
# Average linkage at the merge threshold gathers the versions of a claim, some of them only through the
# others; two origins corroborate it only when one report of each matches the other directly, at
# MATCH_THRESHOLD. 0.38 (the aligner's old merge threshold) let topic neighbours corroborate each other;
# 0.5 is the middle of the range (0.45-0.55) that was no worse anywhere (docs/verdicts.md).
MATCH_THRESHOLD = 0.5
_ANAPHORIC = re.compile(
    r"\b(these|those|the|this|such|that)\s+(claims?|statements?|reports?|allegations?|accusations?)\b"
    r"|^\s*(it|this|that)\b",
    re.I,
)
_CONTRAST = re.compile(r"^\s*(however|but|in contrast|by contrast|on the other hand)\b", re.I)


@dataclass(frozen=True)
class AlignedClaim:
    reports: tuple[Report, ...]
    contrast: tuple[tuple[int, int], ...] = ()  # pairs of report indexes joined as contrasting accounts
    # Pairs of reports of different articles that state the claim alike on their own, not only through
    # the rest of the claim (pair score >= MATCH_THRESHOLD): what two origins need to corroborate it.
    matched: tuple[tuple[int, int], ...] | None = None


def content_text(report: Report) -> str:
    text = re.sub(r"[“”\"]", "", report.content.text)
    return re.sub(r"\s+", " ", text).strip()


_STOP = frozenset(
    "the a an of to in on for and or but with by as at from that this these those is are was were be been "
    "being has have had it its their his her they he she which who whom whose would could should will may "
    "might can also said says say told according reportedly allegedly such than into about over after before "
    "there here not no any some more most other".split()
)
_GROUPS = [
    {"negotiate", "talk", "discuss", "negotiation", "involve", "underway"},
    {"produce", "build", "make", "manufacture", "test", "agree", "ready", "plan"},
    {"deliver", "send", "ship", "supply", "provide", "export", "transfer", "sell"},
    {"meet", "meeting", "visit"},
    {"deny", "reject", "dismiss"},
]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(report: Report) -> set[str]:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", content_text(report).lower())
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def _group(lemma: str | None) -> int | None:
    if lemma is None:
        return None
    return next((n for n, g in enumerate(_GROUPS) if lemma in g), None)


def _weighted_overlap(sets: Sequence[set[str]], weight: dict[str, float]) -> np.ndarray:
    """For every pair i != j: the weight of sets[i] & sets[j] over the weight of their union (0 when
    the union is empty); the diagonal is 0."""
    n = len(sets)
    vocabulary = {w: k for k, w in enumerate(sorted(set().union(*sets)))} if sets else {}
    if not vocabulary:
        return np.zeros((n, n))
    rows = [i for i, items in enumerate(sets) for _ in items]
    cols = [vocabulary[w] for items in sets for w in items]
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocabulary)))
    w = np.array([weight[t] for t in sorted(vocabulary, key=vocabulary.__getitem__)])
    inter = (incidence.multiply(w) @ incidence.T).toarray()
    total = np.asarray(incidence @ w).ravel()
    union = total[:, None] + total[None, :] - inter
    out = np.divide(inter, union, out=np.zeros_like(inter), where=union > 1e-12)
    np.fill_diagonal(out, 0.0)
    return out


# The features of a pair of reports the same-claim model reads, in the order of its weights
# (sourcetrace/data/claim_pair_model.json, fitted by eval/train_claim_pairs.py; docs/claims.md).
FEATURE_NAMES = (
    "resemblance", "content_cosine", "sentence_cosine", "shared_terms", "shared_entities",
    "predicate_group", "different_people", "rate_mismatch", "same_article", "same_predicate",
    "same_object", "same_subject", "different_subject", "same_quantity", "conflicting_quantity",
    "same_date", "different_date", "denial_mismatch", "kind_mismatch", "clause", "topic",
    "same_source", "both_early", "length_ratio",
)  # fmt: skip
_FEATURE_INDEX = {name: k for k, name in enumerate(FEATURE_NAMES)}
EARLY = 400  # a sentence that starts within the first 400 characters of its article (the lead)
MODEL_FILE = "claim_pair_model.json"


@dataclass(frozen=True)
class PairModel:
    """Logistic regression over ``FEATURE_NAMES``, standardised; ``threshold`` is the merge threshold
    of the average-linkage clustering over its probabilities."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    @property
    def weights(self) -> np.ndarray:
        """The weights of the raw (unstandardised) features."""
        return self.coef / self.scale  # type: ignore[no-any-return]

    @property
    def bias(self) -> float:
        """The intercept on the raw features."""
        return self.intercept - float(self.weights @ self.mean)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logit = np.tensordot(self.weights, features, axes=1) + self.bias
        return 1.0 / (1.0 + np.exp(-logit))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    data = json.loads(resources.files("sourcetrace").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES:
        raise ValueError(f"{MODEL_FILE} was fitted on other features; run eval/train_claim_pairs.py")
    return PairModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


def _equal(values: Sequence[object]) -> np.ndarray:
    """For every pair: both values known (not None or "") and equal."""
    codes: dict[object, int] = {}
    ids = np.array([-1 if v in (None, "") else codes.setdefault(v, len(codes)) for v in values])
    known = ids >= 0
    return (ids[:, None] == ids[None, :]) & known[:, None] & known[None, :]  # type: ignore[no-any-return]


def _both_known(values: Sequence[object]) -> np.ndarray:
    known = np.array([v not in (None, "") for v in values])
    return known[:, None] & known[None, :]  # type: ignore[no-any-return]


def _flag(values: Sequence[bool]) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def pair_features(
    reports: Sequence[Report], models: Models, persons: frozenset[str] = frozenset()
) -> np.ndarray:
    """The ``FEATURE_NAMES`` of every pair of reports: an array (features, n, n), symmetric in the pair,
    0 on the diagonal (``_pair_matrices``). What the model is fitted on; the aligner scores the same
    matrices one at a time (``pair_scores``)."""
    n = len(reports)
    out = np.zeros((len(FEATURE_NAMES), n, n), dtype=np.float32)
    for name, matrix in _pair_matrices(reports, models, persons):
        out[_FEATURE_INDEX[name]] = matrix
    return out


def pair_scores(
    reports: Sequence[Report], models: Models, persons: frozenset[str] = frozenset()
) -> tuple[np.ndarray, np.ndarray]:
    """For every pair of reports: the probability that the two state one claim (``load_pair_model``)
    and the hand-set ``resemblance``, both 0 on the diagonal. The model's sum is taken one feature
    at a time, so that a story of thousands of reports holds a few n x n matrices, not 24."""
    model = load_pair_model()
    weights = model.weights
    n = len(reports)
    logit = np.full((n, n), model.bias, dtype=np.float32)
    resemblance = np.zeros((n, n), dtype=np.float32)
    for name, matrix in _pair_matrices(reports, models, persons):
        logit += np.float32(weights[_FEATURE_INDEX[name]]) * matrix
        if name == "resemblance":
            resemblance = matrix
    probability = 1.0 / (1.0 + np.exp(-logit))
    np.fill_diagonal(probability, 0.0)
    return probability, resemblance


def _pair_matrices(
    reports: Sequence[Report], models: Models, persons: frozenset[str] = frozenset()
) -> Iterator[tuple[str, np.ndarray]]:
    """Each of the ``FEATURE_NAMES`` as an n x n matrix (float32, symmetric, 0 on the diagonal).

    The first, ``resemblance``, is the hand-set score the aligner used before the model: 0.6 x the
    cosine of the contents' embeddings + 0.4 x their shared words + 0.15 x their shared entities (each
    weighted by how rare it is in the story), +-0.08 for the same or another kind of predicate, -0.25
    for naming different people, -0.2 when one quantity is a rate and the other's not, and
    -``SAME_ARTICLE_PENALTY`` for two sentences of one article. Denials, contrasting accounts and
    corroborating matches are still judged on it (``align_reports``).
    ``persons`` are the entity ids of people.
    """
    n = len(reports)
    if n == 0:
        return

    def done(matrix: np.ndarray) -> np.ndarray:
        out = np.asarray(matrix, dtype=np.float32)
        np.fill_diagonal(out, 0.0)
        return out

    content = models.embed([content_text(r) for r in reports])
    sentence = models.embed([re.sub(r"\s+", " ", r.sentence.text).strip() for r in reports])
    content_cosine = np.asarray(content @ content.T, dtype=np.float32)
    sentence_cosine = np.asarray(sentence @ sentence.T, dtype=np.float32)
    # Two reports of one sentence (a clause and its whole sentence, two sources in one sentence): the
    # sentence's cosine with itself says nothing about them, their contents' does.
    one_sentence = _equal([(r.article, r.sentence.start) for r in reports])
    sentence_cosine[one_sentence] = content_cosine[one_sentence]
    terms = [content_terms(r) for r in reports]
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t)
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    edf: Counter[str] = Counter()
    for r in reports:
        edf.update(set(r.entities))
    eidf = {e: math.log((n + 1) / (c + 0.5)) for e, c in edf.items()}
    entity_sets = [set(r.entities) for r in reports]
    # Weighted overlap of two sets = weight of the intersection / weight of the union, for all pairs at
    # once: intersection = X W X^T over the incidence matrix X, union = total_i + total_j - intersection.
    shared_terms = done(_weighted_overlap(terms, idf))
    shared_entities = done(_weighted_overlap(entity_sets, eidf))
    groups = [_group(r.predicate) for r in reports]
    predicate_group = done(np.where(_equal(groups), 1.0, np.where(_both_known(groups), -1.0, 0.0)))
    rates = _flag([any(q.per for q in r.quantities) for r in reports])
    rate_mismatch = done(rates[:, None] != rates[None, :])
    same_article = done(_equal([r.article for r in reports]))
    # The features of sets: only reports that have some are compared.
    person_sets = [s & persons for s in entity_sets]
    different_people = np.zeros((n, n), dtype=np.float32)
    for i, j in combinations([i for i in range(n) if person_sets[i]], 2):
        pa, pb = person_sets[i], person_sets[j]
        # Different people; or Wang Yi meeting Lavrov is not Wang Yi meeting Putin.
        if not pa & pb or (pa - pb and pb - pa):
            different_people[i, j] = different_people[j, i] = 1.0
    yield "resemblance", done(
        0.6 * content_cosine
        + 0.4 * shared_terms
        + 0.15 * shared_entities
        + 0.08 * predicate_group
        - 0.25 * different_people
        - 0.2 * rate_mismatch
        - SAME_ARTICLE_PENALTY * same_article
    )
    yield "shared_entities", shared_entities
    yield "predicate_group", predicate_group
    yield "rate_mismatch", rate_mismatch
    yield "same_article", same_article
    yield "different_people", different_people
    del shared_entities, predicate_group, rate_mismatch, same_article, different_people
    # Against the story's mean pair: in a small story about one event every pair is alike, and a cosine
    # of 0.5 that stands out among 300 reports is ordinary among 13 (the resemblance stays absolute).
    relative = {
        "content_cosine": content_cosine, "sentence_cosine": sentence_cosine, "shared_terms": shared_terms
    }  # fmt: skip
    del content_cosine, sentence_cosine, shared_terms
    for name in list(relative):
        matrix = done(relative.pop(name))
        if n > 1:
            matrix -= np.float32(matrix.sum() / (n * (n - 1)))
        yield name, done(matrix)
    yield "same_predicate", done(_equal([r.predicate for r in reports]))
    yield "same_object", done(_equal([r.obj for r in reports]))
    subjects = [r.subject for r in reports]
    yield "same_subject", done(_equal(subjects))
    yield "different_subject", done(_both_known(subjects) & ~_equal(subjects))
    denies = _flag([r.stance == "denies" for r in reports])
    yield "denial_mismatch", done(denies[:, None] != denies[None, :])
    yield "kind_mismatch", done(~_equal([r.kind for r in reports]))
    clause, topic = _flag([r.clause for r in reports]), _flag([r.topic for r in reports])
    yield "clause", done(clause[:, None] | clause[None, :])
    yield "topic", done(topic[:, None] | topic[None, :])
    yield "same_source", done(_equal([_root(r) for r in reports]))
    early = _flag([r.sentence.start < EARLY for r in reports])
    yield "both_early", done(early[:, None] & early[None, :])
    words = np.array([max(len(content_text(r).split()), 1) for r in reports], dtype=np.float32)
    yield "length_ratio", done(np.minimum.outer(words, words) / np.maximum.outer(words, words))
    same_quantity = np.zeros((n, n), dtype=np.float32)
    conflicting_quantity = np.zeros((n, n), dtype=np.float32)
    for i, j in combinations([i for i in range(n) if reports[i].quantities], 2):
        for qa, qb in product(reports[i].quantities, reports[j].quantities):
            if qa.unit == qb.unit and qa.per == qb.per:
                agree = qa.low <= qb.high and qb.low <= qa.high
                target = same_quantity if agree else conflicting_quantity
                target[i, j] = target[j, i] = 1.0
    yield "same_quantity", same_quantity
    yield "conflicting_quantity", conflicting_quantity
    del same_quantity, conflicting_quantity
    same_date = np.zeros((n, n), dtype=np.float32)
    different_date = np.zeros((n, n), dtype=np.float32)
    dates = [{d.resolved for d in r.dates if d.resolved} for r in reports]
    for i, j in combinations([i for i in range(n) if dates[i]], 2):
        target = same_date if dates[i] & dates[j] else different_date
        target[i, j] = target[j, i] = 1.0
    yield "same_date", same_date
    yield "different_date", different_date


def claim_indexes(reports: Sequence[Report]) -> list[int]:
    """The positions of the reports the aligner groups: those that are claims (``not_a_claim``); the
    rest stay in the article view."""
    return [i for i, r in enumerate(reports) if not_a_claim(r) is None]


def align_reports(
    reports: Sequence[Report],
    models: Models,
    threshold: float | None = None,
    persons: frozenset[str] = frozenset(),
    places: dict[str, str] | None = None,
    *,
    floor: float = LINK_FLOOR,
    scores: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[AlignedClaim]:
    """Group reports of one story into claims.

    ``threshold``: the merge threshold (default: the model's); ``persons``: entity ids of people;
    ``places``: entity id -> name of countries and places, so that a denial about "the Sarvanian
    government" is known to concern Sarvania. ``scores``: ``pair_scores`` of ``reports``, when the caller
    has them already (an evaluation re-clustering one story at several thresholds). The pairs are scored
    among all the story's reports, so that the story's mean pair, which the features are taken against,
    does not move with which sentences are no claims.
    """
    kept = claim_indexes(reports)
    if not kept:
        return []
    threshold = load_pair_model().threshold if threshold is None else threshold
    # Denials, contrasting accounts and corroborating matches are judged on the hand-set resemblance.
    probability, sim = scores if scores is not None else pair_scores(reports, models, persons)
    probability, sim = probability[np.ix_(kept, kept)], sim[np.ix_(kept, kept)]
    reports = [reports[i] for i in kept]
    # Denials and contrasting accounts are clustered in a second pass, so that they join a claim
    # instead of pulling two claims together.
    denials = [i for i, r in enumerate(reports) if r.stance == "denies"]
    others = [i for i in range(len(reports)) if reports[i].stance != "denies"]
    sub = probability[np.ix_(others, others)]
    clusters = [{others[i] for i in c} for c in average_linkage(sub, threshold, floor)] if others else []
    for d in denials:
        target = _denied_claim(d, reports, clusters, sim, places)
        if target is None:
            clusters.append({d})
        else:
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
    whole = {(r.article, r.sentence.start) for r in reports if not r.clause}
    for cluster in sorted(clusters, key=lambda c: min(c)):
        if len({reports[i].article for i in cluster}) == 1:
            place = {i: (reports[i].article, reports[i].sentence.start) for i in cluster}
            if all(reports[i].clause and place[i] in whole for i in cluster):
                continue  # clauses that match nothing in another article: their sentences carry them
            # A clause beside its own sentence's report says nothing the sentence does not (across
            # articles the clause stays, as the words that state the claim).
            sentences = {place[i] for i in cluster if not reports[i].clause}
            cluster = {i for i in cluster if not (reports[i].clause and place[i] in sentences)}
        order = sorted(cluster)
        position = {idx: n for n, idx in enumerate(order)}
        pairs = tuple((position[a], position[b]) for a, b in contrast_pairs if a in cluster and b in cluster)
        matched = tuple(
            (position[a], position[b])
            for n, a in enumerate(order)
            for b in order[n + 1 :]
            if reports[a].article != reports[b].article and sim[a, b] >= MATCH_THRESHOLD
        )
        out.append(AlignedClaim(tuple(reports[i] for i in order), pairs, matched))
    return out


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
            rest = word[len(stem) :] if word.startswith(stem) else None
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


def statement_for(claim: AlignedClaim, models: Models) -> str:
    """One sentence for the proposition: the report closest to all the others, preferring assertions
    that stand on their own (not conditional, not in the first person, not opening with a pronoun)."""
    candidates = [r for r in claim.reports if r.stance in ("asserts", "hedges")] or list(claim.reports)
    # A statement's content reads as the proposition; a view's or an intention's ("to supply 120
    # engines") needs its holder, so statements are preferred where the claim has one.
    candidates = [r for r in candidates if r.kind == "statement"] or candidates
    if len(candidates) == 1:
        best = candidates[0]
    else:
        vectors = models.embed([content_text(r) for r in candidates])
        centrality = (vectors @ vectors.T).mean(axis=1)
        quality = np.array([_standalone_penalty(r) for r in candidates])
        best = candidates[int(np.argmax(centrality - quality))]
    text = content_text(best)
    if best.clause and _CLAUSE_OPENER.match(text):
        # A clause of a longer sentence ("who fired 11 shots", "are already flying", "the biggest
        # investment this city has made") does not read as a statement on its own: its sentence does.
        text = re.sub(r"[“”\"]", "", best.sentence.text).strip()
    elif best.kind != "statement" and best.chain:
        holder = best.chain[-1]  # "D'Arcy Aeromotive agreed to supply ...", not "To supply ..."
        text = f"{holder.source} {holder.cue} {text}" if holder.cue else f"{holder.source}: {text}"
    text = re.sub(r"^(that|whether)\s+", "", text, flags=re.I)
    text = text[:1].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


# How a clause with no subject of its own begins: a relative or subordinating word, or a verb.
_CLAUSE_OPENER = re.compile(
    r"^\W*(who|whom|whose|which|that|where|when|after|before|because|while|since|despite|following|"
    r"upon|although|though|and|but|or|so|nor|yet|is|are|was|were|has|have|had|will|would|did|does|do|to)\b",
    re.I,
)
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
    penalty += 0.2 * report.clause
    return penalty


def to_claims(story_id: str, aligned: Sequence[AlignedClaim], models: Models, start: int = 1) -> list[Claim]:
    claims: list[Claim] = []
    for n, a in enumerate(aligned, start=start):
        claims.append(
            Claim(id=f"c{n}", story=story_id, statement=statement_for(a, models), reports=a.reports)
        )
    return claims
