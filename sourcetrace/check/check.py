"""``check``: the stance of each article towards one claim, with the sentences that drove it.

Requires cleaned articles (or, in bulk, bare texts) and the models; adds nothing to a dossier. For
each article: ``agree``, ``disagree``, ``discuss`` (reports the claim without taking a side) or
``unrelated``, and the evidence: the article's sentences most related to the claim, each with its
attribution chain (outermost source first; an empty chain is the article's own voice). Method and
model: ``features.py`` and ``classifier.py`` beside this module.

    >>> from sourcetrace.check import check                                  # doctest: +SKIP
    >>> result = check("Bingo denies selling drones to Russia", articles, models=models)
    >>> [(r.source, r.stance) for r in result.results]
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from ..errors import UsageError
from ..model import Article, ChainLink, Span, Stance
from ..nlp import Models
from .classifier import LABELS, StanceLabel, StanceModel, decide, load_stance_model
from .features import TextAnalysis, analyse_articles, analyse_claims, pair_features, related_sentences

__all__ = ["ArticleStance", "CheckResult", "Evidence", "check", "check_pairs"]

T = TypeVar("T")

MAX_EVIDENCE = 3
# A sentence this far below the best one's relevance is evidence only when it carries the stance
# (relevance = cosine + 0.5 * the IDF-weighted share of the claim's words the sentence contains).
EVIDENCE_MARGIN = 0.5


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the article that bears on the claim, with who says it."""

    sentence: Span
    attribution: tuple[ChainLink, ...]  # outermost first; empty: the article's own voice
    stance: Stance | None  # how its source holds it, when it is attributed
    relevance: float

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "attribution": [link.source for link in self.attribution],
        }


@dataclass(frozen=True, slots=True)
class ArticleStance:
    article: str
    source: str
    stance: StanceLabel
    scores: tuple[tuple[StanceLabel, float], ...]  # probability of each label
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "stance": self.stance,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    claim: str
    results: tuple[ArticleStance, ...]

    def to_json(self) -> dict[str, Any]:
        """The shape ``sourcetrace check -o`` writes.

        ``{"claim", "results": [{"source", "stance", "evidence": [{"sentence", "attribution", ...}]}]}``
        """
        return {"claim": self.claim, "results": [r.to_json() for r in self.results]}


def check(
    claim: str, articles: Sequence[Article], *, models: Models, model: StanceModel | None = None
) -> CheckResult:
    """The stance of every article towards ``claim``, in the order given."""
    if not claim.strip():
        raise UsageError('the claim to check is empty; pass it as text: sourcetrace check "X did Y" PATH...')
    model = model or load_stance_model()
    claim_analysis = analyse_claims([claim], models=models)[0]
    bodies = analyse_articles(articles, models=models)
    stances = _judge(claim_analysis, bodies, model)
    results = tuple(
        ArticleStance(article.id, article.source, label, scores, evidence)
        for article, (label, scores, evidence) in zip(articles, stances, strict=True)
    )
    return CheckResult(claim=claim, results=results)


def check_pairs(
    lines: Iterable[dict[str, Any]],
    *,
    models: Models,
    model: StanceModel | None = None,
    batch_size: int = 64,
    cache_size: int = 2048,
) -> Iterator[dict[str, Any]]:
    """Bulk stance: ``{"id", "claim", "text"}`` in, ``{"id", "stance", "evidence"}`` out, in input order.

    The models are loaded once; texts and claims met again (a desk checking many claims against the
    same articles) are analysed once, within the last ``cache_size`` of each. A line that cannot be
    judged comes out as ``{"id", "error"}`` with the reason, and the rest go on.
    """
    model = model or load_stance_model()
    cache_size = max(cache_size, 2 * batch_size)  # a batch's own texts must stay until it is judged
    bodies: _Lru[TextAnalysis] = _Lru(cache_size)
    claims: _Lru[TextAnalysis] = _Lru(cache_size)
    batch: list[dict[str, Any]] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= batch_size:
            yield from _pairs_batch(batch, models, model, bodies, claims)
            batch = []
    if batch:
        yield from _pairs_batch(batch, models, model, bodies, claims)


def _pairs_batch(
    batch: list[dict[str, Any]],
    models: Models,
    model: StanceModel,
    bodies: _Lru[TextAnalysis],
    claims: _Lru[TextAnalysis],
) -> Iterator[dict[str, Any]]:
    problems: dict[int, str] = {}
    for i, line in enumerate(batch):
        reason = _pair_problem(line)
        if reason:
            problems[i] = reason
    good = [i for i in range(len(batch)) if i not in problems]
    new_texts = list(dict.fromkeys(batch[i]["text"] for i in good if batch[i]["text"] not in bodies))
    new_claims = list(dict.fromkeys(batch[i]["claim"] for i in good if batch[i]["claim"] not in claims))
    if new_texts:
        articles = [Article(id=f"text{n}", source="text", text=t) for n, t in enumerate(new_texts)]
        for text, analysis in zip(new_texts, analyse_articles(articles, models=models), strict=True):
            bodies.put(text, analysis)
    for text, analysis in zip(new_claims, analyse_claims(new_claims, models=models), strict=True):
        claims.put(text, analysis)
    judged: dict[int, tuple[StanceLabel, tuple[tuple[StanceLabel, float], ...], tuple[Evidence, ...]]] = {}
    if good:
        pairs = [(claims.get(batch[i]["claim"]), bodies.get(batch[i]["text"])) for i in good]
        x = np.stack([pair_features(c, b, model.idf) for c, b in pairs])
        proba = model.proba(x, [b for _, b in pairs])
        for i, (c, b), row, label in zip(good, pairs, proba, decide(proba), strict=True):
            judged[i] = (label, _scores(row), _evidence(c, b, label, model))
    for i, line in enumerate(batch):
        ident = line.get("id") if isinstance(line, dict) else None
        if i in problems:
            yield {"id": ident, "error": problems[i]}
        else:
            label, _, evidence = judged[i]
            yield {"id": ident, "stance": label, "evidence": [e.to_json() for e in evidence]}


def _pair_problem(line: Any) -> str | None:
    if not isinstance(line, dict):
        return "not a JSON object; expected {\"id\": ..., \"claim\": ..., \"text\": ...}"
    for key in ("id", "claim", "text"):
        if key not in line:
            return f"missing {key!r}; expected {{\"id\": ..., \"claim\": ..., \"text\": ...}}"
    for key in ("claim", "text"):
        if not isinstance(line[key], str) or not line[key].strip():
            return f"{key!r} must be a non-empty string"
    return None


def _judge(
    claim: TextAnalysis, bodies: Sequence[TextAnalysis], model: StanceModel
) -> list[tuple[StanceLabel, tuple[tuple[StanceLabel, float], ...], tuple[Evidence, ...]]]:
    if not bodies:
        return []
    x = np.stack([pair_features(claim, b, model.idf) for b in bodies])
    proba = model.proba(x, bodies)
    return [
        (label, _scores(row), _evidence(claim, body, label, model))
        for body, row, label in zip(bodies, proba, decide(proba), strict=True)
    ]


def _scores(row: np.ndarray) -> tuple[tuple[StanceLabel, float], ...]:
    return tuple((label, round(float(p), 4)) for label, p in zip(LABELS, row, strict=True))


def _evidence(
    claim: TextAnalysis, body: TextAnalysis, label: StanceLabel, model: StanceModel
) -> tuple[Evidence, ...]:
    """The sentences that bear on the decision, at most ``MAX_EVIDENCE``: the one most related to the
    claim; then those that carry the stance (for a disagreement, sentences that refute or deny; for a
    discussion, those that relay, hedge or question; for an agreement, plain statements), most related
    first; then other closely related sentences."""
    if label == "unrelated" or not body.sentences:
        return ()
    ranked = related_sentences(claim, body, model.idf, k=len(body.sentences))
    relevance = dict(zip(ranked.indices, ranked.relevance, strict=True))
    best = ranked.indices[0]
    floor = relevance[best] - EVIDENCE_MARGIN

    def bears(i: int) -> bool:
        if label == "disagree":
            return body.refute[i] > 0 or body.debunk[i] > 0 or body.attribution[i] == "denies"
        if label == "discuss":
            return body.hedge[i] > 0 or body.attribution[i] in ("hedges", "questions") or body.question[i]
        return body.refute[i] == 0 and body.hedge[i] == 0 and relevance[i] >= floor

    chosen = [best]
    chosen += [i for i in ranked.indices if i != best and bears(i)][: MAX_EVIDENCE - 1]
    chosen += [i for i in ranked.indices if i not in chosen and relevance[i] >= floor]
    out = []
    for i in chosen[:MAX_EVIDENCE]:
        s = body.sentences[i]
        sentence = Span(s.start, s.end, s.text)
        out.append(Evidence(sentence, body.chains[i], body.attribution[i], round(relevance[i], 4)))
    return tuple(out)


class _Lru(Generic[T]):
    """A small least-recently-used map from text to its analysis."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, T] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def get(self, key: str) -> T:
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: str, value: T) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)
