"""The features of a (claim, article body) pair that the stance classifier reads.

Requires the parse of each text (sentences, named entities, attributions through
``pipeline.attributions_of``) and MiniLM sentence vectors; adds nothing to the dossier.

    text  --parse, attribution, cues--> TextAnalysis (once per text, cacheable)
    claim + body  --relevance of every body sentence--> the related sentences (top 3)
    --> features (similarity, lexical and name overlap, refutation / hedge / support cues, negation,
        attribution of the related sentences): one row of ``FEATURE_NAMES``

The relevance of a body sentence is its embedding cosine with the claim plus half the IDF-weighted
share of the claim's words it contains. The classifier that reads the rows is in ``classifier.py``;
docs/stance.md has the numbers and the known limits.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Article, ChainLink, Sentence, Stance

if TYPE_CHECKING:
    from ..nlp import Models
    from ..sentences import Parsed

IDF_BUCKETS = 1 << 16
TOP_SENTENCES = 3

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NUMBER = re.compile(r"^\d[\d,.]*$")
# Function words: never evidence of relatedness on their own.
VOCABULARY_FILE = "stance_vocabulary.json"


def _vocabulary() -> dict[str, Any]:
    # The cue lists are the classifier's own, not lexicon.py's: the shipped weights were fitted on exactly
    # these, so they ship beside the weights and must not drift when the attribution stage tunes its lexicon.
    text = resources.files("sourcetrace").joinpath("data", VOCABULARY_FILE).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


_VOCABULARY = _vocabulary()
# Function words: never evidence of relatedness on their own.
_STOP = frozenset(_VOCABULARY["stop"])
_NEGATIONS = frozenset(_VOCABULARY["negations"])
# Words that call a report false; stems are matched, so inflections count too.
_REFUTE_WORDS: tuple[str, ...] = tuple(_VOCABULARY["refute_words"])
# Phrases are counted as substrings; one listed twice counts twice, as it did when the weights were fitted.
_REFUTE_PHRASES: tuple[str, ...] = tuple(_VOCABULARY["refute_phrases"])
_HEDGE_WORDS: tuple[str, ...] = tuple(_VOCABULARY["hedge_words"])
_HEDGE_PHRASES: tuple[str, ...] = tuple(_VOCABULARY["hedge_phrases"])
_SUPPORT_WORDS: tuple[str, ...] = tuple(_VOCABULARY["support_words"])
# Words that say outright that a story is false; fewer and surer than the refutation cues above.
_DEBUNK = re.compile(_VOCABULARY["debunk_pattern"])
# Strength of an attribution's stance, to pick one for a sentence two attributions cover.
_STANCE_ORDER: dict[Stance, int] = {"asserts": 0, "hedges": 1, "questions": 2, "denies": 3}


def stem(word: str) -> str:
    """A light suffix stripper (plural, past, gerund, adverb), the same for claims and bodies.

    Headlines are often in title case, which spoils the parser's lemmas; this does not depend on case.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    stripped = False
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""),
                         ("ly", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: len(w) - len(suffix)] + repl
            stripped = suffix in ("ing", "ed", "edly")
            break
    # Undo the doubled consonant of "stopped", "running": stopp -> stop.
    if stripped and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w.rstrip("e") if len(w) > 4 else w


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


_REFUTE_STEMS = _stems(_REFUTE_WORDS)
_HEDGE_STEMS = _stems(_HEDGE_WORDS)
_SUPPORT_STEMS = _stems(_SUPPORT_WORDS)


@dataclass(frozen=True, eq=False)
class TextAnalysis:
    """What the stance features need from one text, per sentence; computed once per text.

    A claim is one unit (``sentences`` holds one sentence covering it all). ``attribution`` holds, per
    sentence, the strongest stance of an attribution whose content covers it (None: the text's own
    voice) and ``chains`` the source chain of that attribution.
    """

    text: str
    sentences: tuple[Sentence, ...]
    vectors: np.ndarray
    words: tuple[tuple[str, ...], ...]  # content stems, in order
    numbers: tuple[frozenset[str], ...]
    names: frozenset[str]  # stems of words inside named entities
    refute: tuple[int, ...]
    debunk: tuple[int, ...]
    hedge: tuple[int, ...]
    support: tuple[int, ...]
    negation: tuple[int, ...]
    question: tuple[bool, ...]
    attribution: tuple[Stance | None, ...]
    chains: tuple[tuple[ChainLink, ...], ...]
    bow: dict[int, int]  # word counts of the whole text, by hashed bucket


def bag_of_words(text: str) -> dict[int, int]:
    """Counts of the lower-cased words of ``text`` by hashed bucket (the same hash as the IDF table)."""
    counts: dict[int, int] = {}
    for word in _WORD.findall(text.lower().replace("’", "'")):
        bucket = _bucket(word)
        counts[bucket] = counts.get(bucket, 0) + 1
    return counts


def _number(text: str) -> str | None:
    t = text.lower().replace(",", "")
    if _NUMBER.match(t):
        try:
            return f"{float(t.rstrip('.')):g}"
        except ValueError:
            return None
    return None


def _cue_counts(low: str, tokens: Sequence[str]) -> tuple[int, int, int, int]:
    """(refutation, hedge, support, negation) cue counts of one lower-cased sentence."""
    stems = [stem(t) for t in tokens]
    refute = sum(s in _REFUTE_STEMS for s in stems) + sum(low.count(p) for p in _REFUTE_PHRASES)
    hedge = sum(s in _HEDGE_STEMS for s in stems) + sum(low.count(p) for p in _HEDGE_PHRASES)
    support = sum(s in _SUPPORT_STEMS for s in stems)
    negation = sum(t in _NEGATIONS or t.endswith("n't") for t in tokens)
    return refute, hedge, support, negation


def analyse_parsed(parsed: Parsed, vectors: np.ndarray, *, attributions: bool = True) -> TextAnalysis:
    """Per-sentence analysis of one parsed text; ``vectors`` holds one unit vector per sentence."""
    from ..pipeline import attributions_of

    doc = parsed.doc
    text = parsed.article.text
    sentences = parsed.sentences
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"):
            names.update(stem(t) for t in _WORD.findall(ent.text.lower()) if t not in _STOP)
    sentence_stance: list[Stance | None] = [None] * len(sentences)
    sentence_chain: list[tuple[ChainLink, ...]] = [()] * len(sentences)
    if attributions and sentences:
        for a in attributions_of(parsed):
            for i, s in enumerate(sentences):
                if s.start >= a.content.end:
                    break
                if s.end <= a.content.start:
                    continue
                current = sentence_stance[i]
                stronger = current is None or _STANCE_ORDER[a.stance] > _STANCE_ORDER[current]
                longer = current == a.stance and len(a.chain) > len(sentence_chain[i])
                if stronger or longer:
                    sentence_stance[i] = a.stance
                    sentence_chain[i] = a.chain
    words: list[tuple[str, ...]] = []
    numbers: list[frozenset[str]] = []
    cues: list[tuple[int, int, int, int]] = []
    question: list[bool] = []
    for s in sentences:
        low = s.text.lower()
        tokens = _WORD.findall(low)
        words.append(tuple(stem(t) for t in tokens if t not in _STOP and not t.endswith("n't")))
        numbers.append(frozenset(n for n in (_number(t) for t in re.findall(r"\d[\d,.]*", low)) if n))
        cues.append(_cue_counts(" " + low + " ", tokens))
        question.append("?" in s.text)
    return TextAnalysis(
        text=text,
        sentences=tuple(sentences),
        vectors=np.asarray(vectors, dtype=np.float32).reshape(len(sentences), -1),
        words=tuple(words),
        numbers=tuple(numbers),
        names=frozenset(names),
        refute=tuple(c[0] for c in cues),
        debunk=tuple(len(_DEBUNK.findall(s.text.lower())) for s in sentences),
        hedge=tuple(c[1] for c in cues),
        support=tuple(c[2] for c in cues),
        negation=tuple(c[3] for c in cues),
        question=tuple(question),
        attribution=tuple(sentence_stance),
        chains=tuple(sentence_chain),
        bow=bag_of_words(text),
    )


def analyse_articles(
    articles: Sequence[Article], *, models: Models, batch_size: int = 16
) -> list[TextAnalysis]:
    """Analyse article bodies: one parse each, one embedding call for all their sentences."""
    from ..sentences import parse_articles

    parsed = list(parse_articles(articles, nlp=models.nlp, batch_size=batch_size))
    vectors = models.embed([s.text for p in parsed for s in p.sentences])
    out: list[TextAnalysis] = []
    row = 0
    for p in parsed:
        n = len(p.sentences)
        out.append(analyse_parsed(p, vectors[row : row + n]))
        row += n
    return out


def analyse_claims(claims: Sequence[str], *, models: Models) -> list[TextAnalysis]:
    """Analyse claims: each one unit, embedded whole; no attribution (a headline has no sources)."""
    from ..sentences import Parsed

    texts = [" ".join(c.split()) for c in claims]
    docs = models.nlp.pipe(texts, batch_size=64)
    vectors = models.embed(texts)
    out = []
    for i, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        article = Article(id=f"claim{i}", source="claim", text=text)
        whole = (Sentence(article.id, 0, 0, len(text), text),) if text else ()
        parsed = Parsed(article=article, doc=doc, sentences=whole)
        out.append(analyse_parsed(parsed, vectors[i : i + 1] if text else vectors[:0], attributions=False))
    return out


# ---------------------------------------------------------------------------------------------------
# Features of a (claim, body) pair


class IdfTable:
    """Document frequencies of word stems, hashed into buckets: a small numeric table, no vocabulary."""

    def __init__(self, documents: int, frequencies: dict[int, int]) -> None:
        self.documents = documents
        self.frequencies = frequencies

    @classmethod
    def fit(cls, texts: Iterable[TextAnalysis]) -> IdfTable:
        frequencies: dict[int, int] = {}
        n = 0
        for t in texts:
            n += 1
            for bucket in {_bucket(w) for ws in t.words for w in ws}:
                frequencies[bucket] = frequencies.get(bucket, 0) + 1
        return cls(n, frequencies)

    def idf(self, word: str) -> float:
        df = self.frequencies.get(_bucket(word), 0)
        return math.log(1.0 + (self.documents - df + 0.5) / (df + 0.5))

    def to_json(self) -> dict[str, Any]:
        # Words seen in a single document carry no more than unseen ones: leave them out.
        kept = {str(k): v for k, v in sorted(self.frequencies.items()) if v > 1}
        return {"documents": self.documents, "buckets": IDF_BUCKETS, "frequencies": kept}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IdfTable:
        if data.get("buckets") != IDF_BUCKETS:
            raise ValueError("IDF table was built with a different number of buckets")
        return cls(int(data["documents"]), {int(k): int(v) for k, v in data["frequencies"].items()})


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) & (IDF_BUCKETS - 1)


FEATURE_NAMES: tuple[str, ...] = (
    # similarity
    "cos_max", "cos_top3", "cos_lead", "cos_body", "cos_second", "best_position", "share_cos_50",
    "share_cos_35",
    # lexical overlap
    "cover_body", "cover_best", "cover_top3", "tfidf_cos", "bigram_hits", "missing_idf", "claim_idf",
    "claim_words", "name_cover", "claim_names_missing", "number_claim", "number_cover",
    # the claim's own cues
    "claim_refute", "claim_hedge", "claim_negation", "claim_question", "claim_support",
    # cues in the related sentences and in the body
    "top_refute", "top_hedge", "top_support", "top_negation", "top_question",
    "body_refute", "body_hedge", "body_support", "body_negation", "body_question",
    "lead_refute", "lead_hedge",
    "best_refute", "best_hedge", "best_negation", "negation_mismatch",
    "claim_debunk", "top_debunk", "body_debunk", "lead_debunk", "debunk_mismatch", "claim_debunk_body_silent",
    "own_debunk_plain_claim", "own_debunk_debunk_claim",
    # attribution of the related sentences and of the body
    "top_own_voice", "top_asserts", "top_hedges", "top_denies", "top_questions",
    "body_attributed", "body_denies", "body_hedges",
    # size
    "body_sentences",
)


@dataclass(frozen=True)
class PairEvidence:
    """The related sentences of a pair, best first, with their relevance."""

    indices: tuple[int, ...]
    relevance: tuple[float, ...]


def _cover(claim: Sequence[str], sentence: set[str], weights: dict[str, float], total: float) -> float:
    if total <= 0:
        return 0.0
    return sum(weights[w] for w in set(claim) if w in sentence) / total


def relevance(claim: TextAnalysis, body: TextAnalysis, idf: IdfTable) -> tuple[np.ndarray, np.ndarray]:
    """(cosine, IDF-weighted claim coverage) of every body sentence."""
    n = len(body.sentences)
    if n == 0 or not claim.sentences:
        return np.zeros(0), np.zeros(0)
    cos = body.vectors @ claim.vectors[0]
    claim_words = claim.words[0]
    weights = {w: idf.idf(w) for w in set(claim_words)}
    total = sum(weights.values())
    cover = np.array([_cover(claim_words, set(ws), weights, total) for ws in body.words])
    return cos.astype(np.float64), cover


def related_sentences(
    claim: TextAnalysis, body: TextAnalysis, idf: IdfTable, k: int = TOP_SENTENCES
) -> PairEvidence:
    cos, cover = relevance(claim, body, idf)
    score = cos + 0.5 * cover
    order = np.argsort(-score, kind="stable")[:k]
    return PairEvidence(tuple(int(i) for i in order), tuple(float(score[i]) for i in order))


def pair_features(claim: TextAnalysis, body: TextAnalysis, idf: IdfTable) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` for a claim and an article body."""
    f: dict[str, float] = dict.fromkeys(FEATURE_NAMES, 0.0)
    n = len(body.sentences)
    f["body_sentences"] = math.log1p(n)
    claim_words = claim.words[0] if claim.sentences else ()
    f["claim_words"] = float(len(set(claim_words)))
    if claim.sentences:
        f["claim_refute"] = float(claim.refute[0])
        f["claim_hedge"] = float(claim.hedge[0])
        f["claim_negation"] = float(claim.negation[0])
        f["claim_question"] = float(claim.question[0])
        f["claim_support"] = float(claim.support[0])
        f["claim_debunk"] = float(claim.debunk[0] > 0)
    if n == 0 or not claim.sentences:
        return np.array([f[name] for name in FEATURE_NAMES], dtype=np.float64)
    cos, cover = relevance(claim, body, idf)
    ranked = np.sort(cos)[::-1]
    f["cos_max"] = float(ranked[0])
    f["cos_top3"] = float(ranked[:3].mean())
    f["cos_second"] = float(ranked[1]) if n > 1 else float(ranked[0])
    f["cos_lead"] = float(cos[:2].max())
    body_vector = body.vectors.mean(axis=0)
    norm = float(np.linalg.norm(body_vector))
    f["cos_body"] = float(body_vector @ claim.vectors[0] / norm) if norm > 0 else 0.0
    f["best_position"] = float(np.argmax(cos)) / max(n - 1, 1)
    f["share_cos_50"] = float((cos > 0.5).mean())
    f["share_cos_35"] = float((cos > 0.35).mean())
    # lexical overlap
    weights = {w: idf.idf(w) for w in set(claim_words)}
    total = sum(weights.values())
    body_words = {w for ws in body.words for w in ws}
    f["cover_body"] = _cover(claim_words, body_words, weights, total)
    f["cover_best"] = float(cover.max())
    f["cover_top3"] = float(np.sort(cover)[::-1][:3].mean())
    f["missing_idf"] = sum(v for w, v in weights.items() if w not in body_words)
    f["claim_idf"] = total / max(len(weights), 1)
    f["tfidf_cos"] = _tfidf_cosine(claim_words, [w for ws in body.words for w in ws], idf)
    claim_bigrams = set(pairwise(claim_words))
    body_bigrams = {b for ws in body.words for b in pairwise(ws)}
    f["bigram_hits"] = float(len(claim_bigrams & body_bigrams))
    claim_names = [w for w in set(claim_words) if w in body.names or w in claim.names]
    if claim_names:
        f["name_cover"] = sum(w in body_words for w in claim_names) / len(claim_names)
    f["claim_names_missing"] = float(sum(w not in body_words for w in claim.names))
    claim_numbers = claim.numbers[0]
    f["number_claim"] = float(len(claim_numbers))
    if claim_numbers:
        body_numbers = set().union(*body.numbers)
        f["number_cover"] = len(claim_numbers & body_numbers) / len(claim_numbers)
    # cues in the related sentences
    evidence = related_sentences(claim, body, idf)
    top = evidence.indices
    best = top[0]
    k = len(top)
    f["top_refute"] = sum(body.refute[i] for i in top) / k
    f["top_hedge"] = sum(body.hedge[i] for i in top) / k
    f["top_support"] = sum(body.support[i] for i in top) / k
    f["top_negation"] = sum(body.negation[i] for i in top) / k
    f["top_question"] = sum(body.question[i] for i in top) / k
    f["best_refute"] = float(body.refute[best])
    f["best_hedge"] = float(body.hedge[best])
    f["best_negation"] = float(body.negation[best])
    f["negation_mismatch"] = float((body.negation[best] > 0) != (claim.negation[0] > 0))
    f["body_refute"] = sum(body.refute) / n
    f["body_hedge"] = sum(body.hedge) / n
    f["body_support"] = sum(body.support) / n
    f["body_negation"] = sum(body.negation) / n
    f["body_question"] = sum(body.question) / n
    lead = range(min(n, 3))
    f["lead_refute"] = float(sum(body.refute[i] for i in lead))
    f["lead_hedge"] = float(sum(body.hedge[i] for i in lead))
    top_debunk = sum(body.debunk[i] for i in top)
    lead_debunk = sum(body.debunk[i] for i in range(min(n, 4)))
    f["top_debunk"] = float(top_debunk)
    f["body_debunk"] = sum(body.debunk) / n
    f["lead_debunk"] = float(lead_debunk)
    f["debunk_mismatch"] = float((claim.debunk[0] > 0) != (top_debunk + lead_debunk > 0))
    f["claim_debunk_body_silent"] = float(claim.debunk[0] > 0 and sum(body.debunk) == 0)
    # The article calling something false in its own voice, unhedged: against a plain claim that is a
    # disagreement, against a claim that itself says "hoax" an agreement. (A denial it only reports is
    # "discuss" by the FNC-1 convention.)
    own_debunk = sum(
        1 for i in range(n) if body.debunk[i] > 0 and body.hedge[i] == 0 and body.attribution[i] is None
    )
    own_debunk = min(own_debunk, 3)
    f["own_debunk_plain_claim"] = float(own_debunk if claim.debunk[0] == 0 else 0)
    f["own_debunk_debunk_claim"] = float(own_debunk if claim.debunk[0] > 0 else 0)
    # attribution
    stances = [body.attribution[i] for i in top]
    f["top_own_voice"] = sum(s is None for s in stances) / k
    f["top_asserts"] = sum(s == "asserts" for s in stances) / k
    f["top_hedges"] = sum(s == "hedges" for s in stances) / k
    f["top_denies"] = sum(s == "denies" for s in stances) / k
    f["top_questions"] = sum(s == "questions" for s in stances) / k
    f["body_attributed"] = sum(s is not None for s in body.attribution) / n
    f["body_denies"] = sum(s == "denies" for s in body.attribution) / n
    f["body_hedges"] = sum(s == "hedges" for s in body.attribution) / n
    return np.array([f[name] for name in FEATURE_NAMES], dtype=np.float64)


def _tfidf_cosine(a: Sequence[str], b: Sequence[str], idf: IdfTable) -> float:
    if not a or not b:
        return 0.0
    va: dict[str, float] = {}
    for w in a:
        va[w] = va.get(w, 0.0) + 1.0
    vb: dict[str, float] = {}
    for w in b:
        vb[w] = vb.get(w, 0.0) + 1.0
    weights = {w: idf.idf(w) for w in set(va) | set(vb)}
    dot = sum(
        (1 + math.log(c)) * weights[w] * (1 + math.log(vb[w])) * weights[w] for w, c in va.items() if w in vb
    )
    na = math.sqrt(sum(((1 + math.log(c)) * weights[w]) ** 2 for w, c in va.items()))
    nb = math.sqrt(sum(((1 + math.log(c)) * weights[w]) ** 2 for w, c in vb.items()))
    return dot / (na * nb) if na > 0 and nb > 0 else 0.0
