"""Stance of an article towards a claim: ``agree``, ``disagree``, ``discuss`` or ``unrelated``.

Requires the parse of each text (sentences, named entities, attributions from ``attribution``) and
MiniLM sentence vectors; adds nothing to the dossier. ``check`` is the stage that uses it.

Method, in the order it runs::

    text  --parse, attribution, cues--> TextAnalysis (once per text, cacheable)
    claim + body  --relevance of every body sentence--> the related sentences (top 3)
    --> features (similarity, lexical and name overlap, refutation / hedge / support cues, negation,
        attribution of the related sentences) --> a small classifier stored as JSON weights
    --> probabilities of the four stances --> the stance with the best expected FNC score

The relevance of a body sentence is its embedding cosine with the claim plus half the IDF-weighted
share of the claim's words it contains. The classifier has two stages: related or not (gradient-boosted
trees; separable mostly by similarity), then agree / disagree / discuss among related pairs (the mean of
trees over the features and logistic regressions over the body's words, its mean sentence vector and the
cue features). ``eval/train_stance.py`` fits them on the FNC-1 development share; they are evaluated
here by our own code, so that nothing but numbers ships (``sourcetrace/data/stance_model.json``).
See docs/stance.md for the numbers and the known limits.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .model import Article, ChainLink, Sentence, Stance

if TYPE_CHECKING:
    from .nlp import Models
    from .sentences import Parsed

StanceLabel = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss")
MODEL_FILE = "stance_model.json"
IDF_BUCKETS = 1 << 16
TOP_SENTENCES = 3

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NUMBER = re.compile(r"^\d[\d,.]*$")
# Function words: never evidence of relatedness on their own.
_STOP = frozenset(
    """
    a an the and or but if of to in on at by for with from as into onto about over under after before
    is are was were be been being am has have had having do does did doing will would shall should can
    could may might must this that these those it its it's he him his she her hers they them their we us
    our you your i me my mine who whom whose which what when where why how than then so such too very
    not no nor just also only even still yet more most less least some any all each every both either
    neither there here up down out off again further once s t don't doesn't didn't isn't aren't wasn't
    weren't won't can't couldn't wouldn't shouldn't says said say new one two via vs
    """.split()
)
_NEGATIONS = frozenset("not no never n't none nobody nothing neither nor without cannot".split())
# Words that call a report false; stems are matched, so inflections count too.
_REFUTE_WORDS = (
    "fake", "fraud", "hoax", "false", "falsely", "deny", "denial", "debunk", "bogus", "fabricate",
    "fabrication", "untrue", "satire", "satirical", "parody", "prank", "retract", "retraction",
    "misleading", "doctor", "photoshop", "myth", "lie", "nonsense", "baseless", "unfounded",
    "groundless", "refute", "reject", "dispute", "contradict", "incorrect", "inaccurate", "erroneous",
    "phony", "phoney", "scam", "spoof", "misinformation", "disinformation", "rumour-monger", "dismiss",
    "rebut", "disavow", "wrong", "mistaken", "nope",
)
# The cue lists are this module's own, not lexicon.py's: the shipped weights were fitted on exactly
# these, and must not drift when the attribution stage tunes its lexicon.
_DENIAL_PHRASES = (
    "no commercial contact", "no business relationship", "no commercial dealings", "no factual basis",
    "not true", "untrue", "groundless", "baseless", "unfounded", "misinformation", "disinformation",
    "false information", "fake news", "libel", "smear", "smearing", "fabricat", "no evidence", "nonsense",
    "hoax",
)
_HEDGE_ADVERBS = (
    "allegedly", "apparently", "likely", "ostensibly", "perhaps", "possibly", "potentially", "presumably",
    "probably", "purportedly", "reportedly", "seemingly", "supposedly",
)
_HEDGE_PHRASES_RELAY = (
    "it is claimed", "it was claimed", "it is alleged", "it was alleged", "it is reported", "it was reported",
    "is said to", "are said to", "was said to", "is believed to", "are believed to", "is understood to",
    "according to reports", "unconfirmed", "rumour", "rumor",
)
_NON_COMMITTAL_PHRASES = (
    "neither confirmed nor", "neither confirm nor", "declined to comment", "declined to confirm",
    "would not confirm", "did not confirm", "could not confirm", "could not be reached", "did not respond",
    "returned questions",
)
_REFUTE_PHRASES = (
    "not true", "no evidence", "no proof", "not real", "never happened", "did not happen",
    "didn't happen", "made up", "turned out to be", "no truth", "not the case", "no basis", "fact check",
    "fact-check", "there is no", "has not been", "was not", "is not", "no such",
    *_DENIAL_PHRASES,
)
_HEDGE_WORDS = (
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "claim", "allege", "rumor",
    "rumour", "unconfirmed", "unverified", "speculation", "speculate", "possibly", "perhaps", "likely",
    "suggest", "appear", "seem", "according", "report", "source", "believe", "viral", "circulate",
    "may", "might", "could", "would", "if", "whether", "purport", "unclear", "unknown",
    *_HEDGE_ADVERBS,
)
_HEDGE_PHRASES = ("according to", "it is not clear", "could not be", "has not been confirmed",
                  *_HEDGE_PHRASES_RELAY, *_NON_COMMITTAL_PHRASES)
_SUPPORT_WORDS = (
    "confirm", "verify", "indeed", "proof", "official", "officially", "announce", "true", "actually",
    "real", "authentic", "reveal", "show", "prove", "genuine", "definitely", "certainly", "admit",
)
# Words that say outright that a story is false; fewer and surer than the refutation cues above.
_DEBUNK = re.compile(
    r"\b(hoax\w*|fake\w*|false\w*|debunk\w*|den(?:y|ies|ied|ial)|satir\w*|fabricat\w*|not true|no evidence"
    r"|prank\w*|myth\w*|bogus|lying|lie[sd]?|untrue|made up|spoof\w*|parody|fraud\w*|scam\w*|phony|exposed)\b"
)
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
    from . import attribution as attribution_stage
    from . import entities

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
        mentions = entities.extract_mentions(parsed)
        found_entities, mentions = entities.resolve_entities(mentions)
        found = attribution_stage.find_attributions(parsed, mentions, {e.id: e for e in found_entities})
        for a in found:
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
    from .sentences import parse_articles

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
    from .sentences import Parsed

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


# ---------------------------------------------------------------------------------------------------
# The classifier, stored as JSON


class Trees:
    """Gradient-boosted regression trees, one score per class, from their JSON arrays."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.learning_rate = float(data["learning_rate"])
        self.baseline = np.asarray(data["baseline"], dtype=np.float64)
        # trees[k][c]: the tree of boosting round k for class column c.
        self.trees = [
            [
                (
                    np.asarray(t["feature"], dtype=np.int64),
                    np.asarray(t["threshold"], dtype=np.float64),
                    np.asarray(t["left"], dtype=np.int64),
                    np.asarray(t["right"], dtype=np.int64),
                    np.asarray(t["value"], dtype=np.float64),
                )
                for t in round_
            ]
            for round_ in data["trees"]
        ]

    def raw(self, x: np.ndarray) -> np.ndarray:
        x = x.astype(np.float32).astype(np.float64)  # scikit-learn's trees compare in float32
        out = np.tile(self.baseline, (x.shape[0], 1))
        for round_ in self.trees:
            for c, (feature, threshold, left, right, value) in enumerate(round_):
                node = np.zeros(x.shape[0], dtype=np.int64)
                active = left[node] >= 0
                while active.any():
                    idx = np.nonzero(active)[0]
                    n = node[idx]
                    go_left = x[idx, feature[n]] <= threshold[n]
                    node[idx] = np.where(go_left, left[n], right[n])
                    active = left[node] >= 0
                out[:, c] += self.learning_rate * value[node]
        return out

    def proba(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw(x)
        if raw.shape[1] == 1:  # binary: one score, the log-odds of the second class
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        return _softmax(raw)


class Logistic:
    """Multinomial logistic regression: softmax(x @ coef.T + intercept)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.coef = np.asarray(data["coef"], dtype=np.float64)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return _softmax(x @ self.coef.T + self.intercept)


class BodyWords:
    """Logistic regression over a body's words: sublinear TF-IDF of hashed buckets, L2-normalised.

    Only buckets seen in at least three training bodies have a weight; the rest are left out, in
    training as here.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.idf: dict[int, float] = {
            int(b): float(v) for b, v in zip(data["buckets"], data["idf"], strict=True)
        }
        self.column = {int(b): i for i, b in enumerate(data["buckets"])}
        self.logistic = Logistic(data)

    def vector(self, bow: dict[int, int]) -> np.ndarray:
        v = np.zeros(len(self.column))
        for bucket, count in bow.items():
            i = self.column.get(bucket)
            if i is not None:
                v[i] = (1.0 + math.log(count)) * self.idf[bucket]
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else v

    def proba(self, bodies: Sequence[TextAnalysis]) -> np.ndarray:
        return self.logistic.proba(np.stack([self.vector(b.bow) for b in bodies]))


class CueLogistic:
    """Logistic regression over a few standardised cue features: linear, so a body full of refutation
    keeps pushing towards ``disagree`` where the trees, having seen few such bodies, would not."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.columns = [FEATURE_NAMES.index(name) for name in data["features"]]
        self.mean = np.asarray(data["mean"], dtype=np.float64)
        self.scale = np.asarray(data["scale"], dtype=np.float64)
        self.clip = float(data["clip"])
        self.logistic = Logistic(data)

    def proba(self, x: np.ndarray) -> np.ndarray:
        # Standard scores are clipped, in training as here: a body far outside what training saw must not
        # be extrapolated along correlated cues with opposite weights.
        z = np.clip((x[:, self.columns] - self.mean) / self.scale, -self.clip, self.clip)
        return self.logistic.proba(z)


# The cue features of ``CueLogistic``: refutation, hedging, attribution, and how related the body is.
CUE_FEATURES: tuple[str, ...] = (
    "claim_debunk", "top_debunk", "lead_debunk", "body_debunk", "debunk_mismatch", "claim_debunk_body_silent",
    "top_denies", "body_denies", "top_hedge", "body_hedge", "lead_hedge", "claim_hedge", "top_refute",
    "body_refute", "best_refute", "best_hedge", "top_hedges", "top_own_voice", "body_attributed",
    "top_support", "body_support", "cos_max", "cover_body",
    "own_debunk_plain_claim", "own_debunk_debunk_claim",
)


def body_vector(body: TextAnalysis) -> np.ndarray:
    """The mean of a body's sentence vectors (zeros for an empty body)."""
    if len(body.sentences) == 0:
        return np.zeros(body.vectors.shape[1] if body.vectors.ndim == 2 else 384)
    return body.vectors.mean(axis=0).astype(np.float64)  # type: ignore[no-any-return]


def _softmax(raw: np.ndarray) -> np.ndarray:
    raw = raw - raw.max(axis=1, keepdims=True)
    e = np.exp(raw)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


class StanceModel:
    """Related or not: trees over ``FEATURE_NAMES``. Which stance: the mean of four models (trees over
    the features; logistic regressions over the body's words, over its mean sentence vector and over the
    cue features), with the rare ``disagree`` weighted up; plus the IDF table the features need."""

    def __init__(self, data: dict[str, Any]) -> None:
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError("stance model was trained on other features; retrain with eval/train_stance.py")
        self.idf = IdfTable.from_json(data["idf"])
        self.related = Trees(data["related"])
        self.stance_trees = Trees(data["stance_trees"])
        self.stance_words = BodyWords(data["stance_words"])
        self.stance_vector = Logistic(data["stance_vector"])
        self.stance_cues = CueLogistic(data["stance_cues"])
        weights = data["class_weights"]
        self.weights = np.asarray([weights[label] for label in RELATED_LABELS], dtype=np.float64)
        self.info: dict[str, Any] = data.get("info", {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StanceModel:
        return cls(data)

    def proba(self, x: np.ndarray, bodies: Sequence[TextAnalysis]) -> np.ndarray:
        """Probabilities of ``LABELS`` (agree, disagree, discuss, unrelated), one row per pair.

        ``x`` holds the pairs' feature rows, ``bodies`` their article bodies, in the same order.
        """
        if len(bodies) != x.shape[0]:
            raise ValueError(f"{x.shape[0]} feature rows but {len(bodies)} bodies")
        if x.shape[0] == 0:
            return np.zeros((0, 4))
        p_related = self.related.proba(x)[:, 1]
        p_stance = (
            self.stance_trees.proba(x)
            + self.stance_words.proba(bodies)
            + self.stance_vector.proba(np.stack([body_vector(b) for b in bodies]))
            + self.stance_cues.proba(x)
        ) / 4.0
        p_stance = p_stance * self.weights
        p_stance /= p_stance.sum(axis=1, keepdims=True)
        out = np.empty((x.shape[0], 4))
        out[:, :3] = p_related[:, None] * p_stance
        out[:, 3] = 1.0 - p_related
        return out


def decide(proba: np.ndarray) -> list[StanceLabel]:
    """The label with the best expected FNC score for each row of ``proba``.

    Saying "related" earns 0.25 when right and 0.75 more when the stance is right too; saying
    "unrelated" earns 0.25 when right. So a pair is called related when
    p(related) * 0.25 + p(best stance) * 0.75 > p(unrelated) * 0.25.
    """
    out: list[StanceLabel] = []
    for row in proba:
        best = int(np.argmax(row[:3]))
        related_gain = 0.25 * float(row[:3].sum()) + 0.75 * float(row[best])
        out.append(RELATED_LABELS[best] if related_gain > 0.25 * float(row[3]) else "unrelated")
    return out


@cache
def load_stance_model() -> StanceModel:
    """The shipped model (``sourcetrace/data/stance_model.json``), loaded once."""
    text = resources.files("sourcetrace").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return StanceModel.from_json(json.loads(text))
