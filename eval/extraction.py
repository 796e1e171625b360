"""Body-extraction accuracy on the shared extraction sets, and what each cleaning rule is worth.

Two sets, read from ``../shared/eval/`` and never copied into the repository:

``extraction`` (default): 70 development pages, ``html/<id>.html.gz`` and ``ground-truth.json``
    (``{id: {"articleBody": ..., "url": ...}}``). The benchmark's own metric: word tokens as written
    (``\\w+``), every word 4-gram counted with multiplicity; per page TP = the multiset intersection of
    extracted and true 4-grams, precision = TP / extracted, recall = TP / true (each 1 when nothing is
    extra or missing); precision and recall averaged over pages, F1 from the two averages.
``extraction2``: 150 pages from trafilatura's evaluation data, ``snippets.json`` with passages that
    must (``with``) and must not (``without``) be in the body. The metric of its ``score.py``: a found
    "with" is a true positive, a missing one a false negative, a found "without" a false positive,
    summed over all pages (whitespace-folded, case-sensitive); F1 from those sums.

Methods:
    trafilatura         ``trafilatura.extract`` with its defaults (the reference number)
    sourcetrace         our cleaning on top of trafilatura, as the benchmarks define a body: the
                        article text with its crossheads in place. We keep crossheads out of
                        ``Article.text`` (they are not sentences of the story) but they are body, not
                        boilerplate; the article's segments (every paragraph in order, kept or removed
                        with its reason) give them back.
    sourcetrace-text    ``Article.text`` exactly as the pipeline sees it (crossheads left out)

Rule acceptance (``docs/contributing.md``):
    --kfold K           split the pages into K folds (fixed order: sorted ids shuffled with seed 13);
                        for every rule of ``sourcetrace.clean.RULES``, its gain in F1 on each fold when
                        switched on vs off (all other rules on), and the whole table vs trafilatura alone
                        per fold. With ``--set extraction2`` the same ablation on the whole set.
    --options           our pipeline with each trafilatura option flipped, beside today's options.
    --markdown          print the tables as Markdown (for ``docs/extraction.md``).

trafilatura's work is cached in ``/tmp/sourcetrace-extraction-cache`` (``$SOURCETRACE_EXTRACTION_CACHE``
to move it), keyed by the page, the options, trafilatura's version and the code of our HTML stage, so
that an ablation takes a minute or two.

Usage::

    python eval/extraction.py [--set extraction|extraction2] [--method ...|all] [--data DIR] [--pages]
    python eval/extraction.py --kfold 5 [--markdown] [--every-rule]
    python eval/extraction.py --set extraction2 --ablate [--markdown] [--every-rule]
    python eval/extraction.py --accept 5 [--markdown]   # verdict per rule, and the nested check
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pickle
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_DATA = SHARED_EVAL / "extraction"
SETS = ("extraction", "extraction2")
METHODS = ("trafilatura", "sourcetrace", "sourcetrace-text")
BODY_REASONS = frozenset({"subheading"})  # removed from Article.text, yet part of the body
CACHE = Path(os.environ.get("SOURCETRACE_EXTRACTION_CACHE", "/tmp/sourcetrace-extraction-cache"))
FOLD_SEED = 13
# trafilatura options whose effect on our pipeline ``--options`` measures, each flipped from today's
# (favor_recall and favor_precision exclude each other: turning one on turns the other off).
OPTION_FLIPS: tuple[str, ...] = ("favor_precision", "favor_recall", "include_tables", "deduplicate")
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a set: its key, HTML, URL and truth (a body for ``extraction``, snippets for
    ``extraction2``)."""

    key: str
    html: str
    url: str | None
    truth: Any


# ------------------------------------------------------------------------------------------- metrics


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of ``text`` (tokens as written, ``\\w+``), counted with multiplicity."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(extracted: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page's extracted text against its true body (4-gram multisets)."""
    got, want = shingles(extracted), shingles(truth)
    tp = sum((got & want).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _fold_space(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def snippet_counts(extracted: str, snippets: dict[str, Any]) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of one page of ``extraction2``, exactly as its ``score.py`` counts them."""
    body = _fold_space(extracted)
    found = [_fold_space(s) in body for s in snippets["with"]]
    leaked = [_fold_space(s) in body for s in snippets["without"]]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


def summarise(scores: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Average precision and recall over pages, and F1 from the two averages."""
    values = list(scores)
    if not values:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = sum(p for p, _ in values) / len(values)
    recall = sum(r for _, r in values) / len(values)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def summarise_snippets(counts: Iterable[tuple[int, int, int, int]]) -> dict[str, float]:
    """Precision, recall and F1 over all snippets of the pages (``score.py``'s micro sums)."""
    tp = fn = fp = 0
    for page_tp, page_fn, page_fp, _ in counts:
        tp, fn, fp = tp + page_tp, fn + page_fn, fp + page_fp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_page(set_name: str, extracted: str, truth: Any) -> tuple[float, ...]:
    """One page's score record in the set's metric (P, R) or (tp, fn, fp, tn)."""
    if set_name == "extraction2":
        return snippet_counts(extracted, truth)
    return page_scores(extracted, truth)


def summary(set_name: str, records: Iterable[tuple[float, ...]]) -> dict[str, float]:
    """The set's summary (precision, recall, F1) of per-page score records."""
    if set_name == "extraction2":
        return summarise_snippets(records)  # type: ignore[arg-type]
    return summarise(records)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- data


def set_dir(set_name: str) -> Path:
    return SHARED_EVAL / set_name


def load_pages(data: Path = DEFAULT_DATA) -> list[tuple[str, str, str | None, str]]:
    """(page id, HTML, URL, true body) for every page of the ``extraction`` share in ``data``."""
    return [(p.key, p.html, p.url, p.truth) for p in load_set("extraction", data)]


def load_set(set_name: str, data: Path | None = None) -> list[Page]:
    """Every page of ``set_name`` in ``data`` (default ``../shared/eval/<set>``), sorted by key.

    Raises ``FileNotFoundError`` when the set is not there.
    """
    data = data or set_dir(set_name)
    index = data / ("snippets.json" if set_name == "extraction2" else "ground-truth.json")
    if not index.exists():
        raise FileNotFoundError(f"{data}: extraction set {set_name!r} not found (expected {index.name})")
    entries = json.loads(index.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(entries):
        path = data / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        entry = entries[key]
        truth = entry if set_name == "extraction2" else entry["articleBody"]
        pages.append(Page(key, html, entry.get("url"), truth))
    return pages


def folds(pages: Sequence[Page], k: int) -> list[list[Page]]:
    """``k`` folds of ``pages``: sorted keys shuffled with a fixed seed, dealt round-robin."""
    order = sorted(pages, key=lambda p: p.key)
    random.Random(FOLD_SEED).shuffle(order)
    return [order[i::k] for i in range(k)]


# ----------------------------------------------------------------------------------------- extractors


def _cache_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", errors="replace")).hexdigest()[:32]


def _cached(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered in ``CACHE`` under ``kind/key`` (an unreadable entry is recomputed)."""
    path = CACHE / kind / f"{key}.pickle"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(value))
    tmp.replace(path)
    return value


def _trafilatura_version() -> str:
    import trafilatura

    return str(getattr(trafilatura, "__version__", "?"))


def trafilatura_text(page: Page) -> str:
    """``trafilatura.extract`` with its defaults (cached)."""
    import trafilatura

    key = _cache_key("extract", _trafilatura_version(), page.html, page.url or "")
    return str(_cached("extract", key, lambda: trafilatura.extract(page.html, url=page.url) or ""))


def _html_stage_source() -> str:
    """The code of our HTML stage (not its options, which are part of the key on their own)."""
    import inspect

    sys.path.insert(0, str(ROOT))
    from sourcetrace.clean import html, text

    # The paragraphs are pickled: a change to their class or to how they are split is a new key too.
    functions = (html.extract_html, html._body_paragraphs, html._fallback_paragraphs)
    return "".join(inspect.getsource(function) for function in functions) + inspect.getsource(text)


def extracted_html(page: Page, options: dict[str, Any] | None = None) -> Any:
    """Our HTML stage's output for ``page`` (trafilatura's body as paragraphs, metadata), cached."""
    sys.path.insert(0, str(ROOT))
    from sourcetrace.clean import TRAFILATURA_OPTIONS, extract_html

    chosen = dict(TRAFILATURA_OPTIONS if options is None else options)
    key = _cache_key(
        "bare", _trafilatura_version(), _html_stage_source(), json.dumps(chosen, sort_keys=True),
        page.html, page.url or "",
    )
    return _cached("bare", key, lambda: extract_html(page.html, page.url, chosen))


def ours_text(
    page: Page, method: str = "sourcetrace", *, rules: Sequence[Any] | None = None,
    steps: Sequence[str] | None = None, options: dict[str, Any] | None = None,
) -> str:
    """Our body text for ``page``: ``sourcetrace`` (crossheads in place) or ``sourcetrace-text``."""
    sys.path.insert(0, str(ROOT))
    from sourcetrace.clean import RULES, STEPS, clean_raw
    from sourcetrace.model import RawDocument

    raw = RawDocument(source=page.url or "page.html", content=page.html, kind="html", url=page.url)
    article, segments = clean_raw(
        raw, article_id="page", rules=RULES if rules is None else rules,
        steps=STEPS if steps is None else steps, extracted=extracted_html(page, options),
    )
    if method == "sourcetrace-text":
        return article.text
    return "\n\n".join(s.text for s in segments if s.reason is None or s.reason in BODY_REASONS)


def extractor(method: str) -> Extractor:
    """The function that turns a page's HTML (and URL) into body text for ``method``."""
    if method == "trafilatura":
        return lambda html, url: trafilatura_text(Page("", html, url, None))
    if method in ("sourcetrace", "sourcetrace-text"):
        return lambda html, url: ours_text(Page("", html, url, None), method)
    raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")


def page_texts(pages: Sequence[Page], method: str, **kwargs: Any) -> dict[str, str]:
    """Body text of every page by ``method`` (``rules``/``options`` passed on to ours)."""
    if method == "trafilatura":
        return {p.key: trafilatura_text(p) for p in pages}
    return {p.key: ours_text(p, method, **kwargs) for p in pages}


# ------------------------------------------------------------------------------------------- evaluate


def evaluate(
    method: str, data: Path = DEFAULT_DATA, *, per_page: bool = False, set_name: str = "extraction"
) -> dict[str, object]:
    """Score ``method`` on the set in ``data``.

    Returns ``{"method", "pages", "precision", "recall", "f1"}`` (and ``"per_page"``: id -> score record
    when asked). Raises ``FileNotFoundError`` when the data is not there.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    pages = load_set(set_name, data)
    texts = page_texts(pages, method)
    scores = {p.key: score_page(set_name, texts[p.key], p.truth) for p in pages}
    result: dict[str, object] = {
        "method": method, "pages": len(scores), **summary(set_name, scores.values())
    }
    if per_page:
        result["per_page"] = scores
    return result


@dataclass(frozen=True, slots=True)
class Ablation:
    """Per-page score records of trafilatura alone, of the whole table, and of the table less each rule."""

    set_name: str
    pages: list[Page]
    reference: dict[str, tuple[float, ...]]
    full: dict[str, tuple[float, ...]]
    without: dict[str, dict[str, tuple[float, ...]]]  # "rule x" / "step y" -> page key -> record
    bare: dict[str, tuple[float, ...]]  # our HTML stage alone: no rule, no step

    def f1(self, records: dict[str, tuple[float, ...]], keys: Iterable[str]) -> float:
        return summary(self.set_name, [records[k] for k in keys])["f1"]


def ablate(
    set_name: str, data: Path | None = None, *, method: str = "sourcetrace", every_rule: bool = False
) -> Ablation:
    """Score trafilatura alone, our whole rules table, and the table with each rule switched off.

    Only the rules that run on HTML are ablated, unless ``every_rule`` runs the text-only rows on HTML
    too (the table as it was before the rules were measured).
    """
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace

    from sourcetrace.clean import RULES, STEPS

    table = tuple(replace(rule, html=True) for rule in RULES) if every_rule else RULES
    pages = load_set(set_name, data)

    def records(texts: dict[str, str]) -> dict[str, tuple[float, ...]]:
        return {p.key: score_page(set_name, texts[p.key], p.truth) for p in pages}

    reference = records(page_texts(pages, "trafilatura"))
    full = records(page_texts(pages, method, rules=table))
    without = {
        f"rule {rule.name}": records(
            page_texts(pages, method, rules=tuple(r for r in table if r.name != rule.name))
        )
        for rule in table
        if rule.html
    }
    for step in STEPS:
        kept_steps = [s for s in STEPS if s != step]
        without[f"step {step}"] = records(page_texts(pages, method, rules=table, steps=kept_steps))
    bare = records(page_texts(pages, method, rules=(), steps=()))
    return Ablation(set_name, pages, reference, full, without, bare)


def _row(cells: Sequence[str], markdown: bool, widths: Sequence[int]) -> str:
    if markdown:
        return "| " + " | ".join(cells) + " |"
    pairs = enumerate(zip(cells, widths, strict=True))
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs)


def kfold_table(ablation: Ablation, k: int, *, markdown: bool = False) -> str:
    """Per fold: trafilatura alone, the whole table, its margin; per rule its gain (on minus off)."""
    parts = folds(ablation.pages, k)
    keys = [[p.key for p in fold] for fold in parts]
    header = ["", *[f"fold {i + 1} ({len(f)})" for i, f in enumerate(parts)], "all", "min"]
    widths = [26, *[12] * len(parts), 8, 8]
    lines = [_row(header, markdown, widths)]
    if markdown:
        lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    all_keys = [p.key for p in ablation.pages]

    def line(name: str, values: list[float], *, signed: bool = False) -> str:
        overall = values.pop()
        fmt = "{:+.4f}" if signed else "{:.4f}"
        cells = [name, *[fmt.format(v) for v in values], fmt.format(overall), fmt.format(min(values))]
        return _row(cells, markdown, widths)

    ref = [ablation.f1(ablation.reference, ks) for ks in [*keys, all_keys]]
    ours = [ablation.f1(ablation.full, ks) for ks in [*keys, all_keys]]
    lines.append(line("trafilatura alone", list(ref)))
    lines.append(line("ours (whole table)", list(ours)))
    lines.append(line("margin", [o - r for o, r in zip(ours, ref, strict=True)], signed=True))
    bare = [ablation.f1(ablation.bare, ks) - r for ks, r in zip([*keys, all_keys], ref, strict=True)]
    lines.append(line("HTML stage alone - traf.", bare, signed=True))
    for name, records in ablation.without.items():
        gains = [ablation.f1(ablation.full, ks) - ablation.f1(records, ks) for ks in [*keys, all_keys]]
        lines.append(line(name, gains, signed=True))
    return "\n".join(lines)


def set_table(ablation: Ablation, *, markdown: bool = False) -> str:
    """The whole set: trafilatura alone, the whole table, and each rule's gain (on minus off)."""
    keys = [p.key for p in ablation.pages]
    widths = [26, 10, 10, 10]
    lines = [_row(["", "F1", "P", "R"], markdown, widths)]
    if markdown:
        lines.append("|---|---:|---:|---:|")

    def figures(records: dict[str, tuple[float, ...]]) -> dict[str, float]:
        return summary(ablation.set_name, [records[k] for k in keys])

    ref, full = figures(ablation.reference), figures(ablation.full)
    for name, fig in (("trafilatura alone", ref), ("ours (whole table)", full)):
        cells = [name, *(f"{fig[m]:.4f}" for m in ("f1", "precision", "recall"))]
        lines.append(_row(cells, markdown, widths))
    margin = [f"{full[m] - ref[m]:+.4f}" for m in ("f1", "precision", "recall")]
    lines.append(_row(["margin", *margin], markdown, widths))
    bare = figures(ablation.bare)
    bare_gain = [f"{bare[m] - ref[m]:+.4f}" for m in ("f1", "precision", "recall")]
    lines.append(_row(["HTML stage alone - traf.", *bare_gain], markdown, widths))
    for name, records in ablation.without.items():
        off = figures(records)
        gains = [f"{full[m] - off[m]:+.4f}" for m in ("f1", "precision", "recall")]
        lines.append(_row([name, *gains], markdown, widths))
    return "\n".join(lines)


def options_table(set_name: str, data: Path | None = None, *, markdown: bool = False) -> str:
    """Our pipeline (whole table) with each trafilatura option flipped: F1 beside today's options."""
    sys.path.insert(0, str(ROOT))
    from sourcetrace.clean import TRAFILATURA_OPTIONS

    pages = load_set(set_name, data)
    widths = [26, 10, 10]
    lines = [_row(["options", "F1", "gain"], markdown, widths)]
    if markdown:
        lines.append("|---|---:|---:|")

    def f1(options: dict[str, Any]) -> float:
        texts = page_texts(pages, "sourcetrace", options=options)
        return summary(set_name, [score_page(set_name, texts[p.key], p.truth) for p in pages])["f1"]

    today = f1(dict(TRAFILATURA_OPTIONS))
    lines.append(_row(["today's", f"{today:.4f}", ""], markdown, widths))
    for name in OPTION_FLIPS:
        flipped = not TRAFILATURA_OPTIONS.get(name, False)
        change = {name: flipped}
        if flipped and name in ("favor_precision", "favor_recall"):
            change[({"favor_precision", "favor_recall"} - {name}).pop()] = False
        value = f1({**TRAFILATURA_OPTIONS, **change})
        label = ", ".join(f"{key}={setting}" for key, setting in change.items())
        lines.append(_row([label, f"{value:.4f}", f"{value - today:+.4f}"], markdown, widths))
    return "\n".join(lines)


def rule_gains(ablation: Ablation, name: str, keys: Iterable[str]) -> float:
    """``name``'s gain in F1 on the pages ``keys``: the whole table minus the table without it."""
    keys = list(keys)
    return ablation.f1(ablation.full, keys) - ablation.f1(ablation.without[name], keys)


def accepted(fold_gains: Sequence[float], other_gain: float) -> bool:
    """The acceptance test of docs/contributing.md for one rule.

    It costs nothing on the other set, does not cost on the folds taken together, and helps on text it
    was not written from: on two folds or more (a rule written from one page can only help the fold
    that page is in), or on the other set.
    """
    helped = sum(1 for g in fold_gains if g > 0)
    return other_gain >= 0 and sum(fold_gains) >= 0 and (helped >= 2 or other_gain > 0)


def acceptance_table(dev: Ablation, other: Ablation, k: int, *, markdown: bool = False) -> str:
    """Per rule: folds helped and hurt, gain on the dev pages and on the other set, the verdict."""
    keys = [[p.key for p in fold] for fold in folds(dev.pages, k)]
    all_other = [p.key for p in other.pages]
    widths = [26, 8, 8, 10, 12, 10]
    header = ["", "helped", "hurt", "dev gain", f"{other.set_name} gain", "verdict"]
    lines = [_row(header, markdown, widths)]
    if markdown:
        lines.append("|---|---:|---:|---:|---:|---|")
    for name in dev.without:
        gains = [rule_gains(dev, name, ks) for ks in keys]
        other_gain = rule_gains(other, name, all_other) if name in other.without else 0.0
        verdict = "accepted" if accepted(gains, other_gain) else "rejected"
        cells = [
            name, str(sum(1 for g in gains if g > 0)), str(sum(1 for g in gains if g < 0)),
            f"{rule_gains(dev, name, [k for ks in keys for k in ks]):+.4f}", f"{other_gain:+.4f}", verdict,
        ]
        lines.append(_row(cells, markdown, widths))
    return "\n".join(lines)


def select_table(dev: Ablation, other: Ablation, k: int, *, markdown: bool = False) -> str:
    """Nested check of the acceptance test: for each fold, rules chosen on the other folds (and the
    other set), then scored on that fold, beside trafilatura alone."""
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace

    from sourcetrace.clean import RULES

    parts = folds(dev.pages, k)
    all_other = [p.key for p in other.pages]
    widths = [8, 12, 12, 10, 40]
    header = ["fold", "trafilatura", "chosen", "margin", "rejected on the other folds"]
    lines = [_row(header, markdown, widths)]
    if markdown:
        lines.append("|---|---:|---:|---:|---|")
    for held, fold in enumerate(parts):
        training = [[p.key for p in f] for i, f in enumerate(parts) if i != held]
        rejected = set()
        for rule in RULES:
            name = f"rule {rule.name}"
            if name not in dev.without:
                continue
            gains = [rule_gains(dev, name, ks) for ks in training]
            other_gain = rule_gains(other, name, all_other) if name in other.without else 0.0
            if not accepted(gains, other_gain):
                rejected.add(rule.name)
        table = tuple(replace(rule, html=rule.name not in rejected) for rule in RULES)
        texts = page_texts(fold, "sourcetrace", rules=table)
        chosen = summary(dev.set_name, [score_page(dev.set_name, texts[p.key], p.truth) for p in fold])["f1"]
        reference = dev.f1(dev.reference, [p.key for p in fold])
        cells = [
            str(held + 1), f"{reference:.4f}", f"{chosen:.4f}", f"{chosen - reference:+.4f}",
            ", ".join(sorted(rejected)),
        ]
        lines.append(_row(cells, markdown, widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", dest="set_name", choices=SETS, default="extraction")
    parser.add_argument("--method", choices=(*METHODS, "all"), default="all")
    parser.add_argument("--data", type=Path, default=None, help="default: ../shared/eval/SET")
    parser.add_argument("--pages", action="store_true", help="also print each page's score record")
    parser.add_argument("--kfold", type=int, metavar="K", help="per-rule gain on each of K folds")
    parser.add_argument("--ablate", action="store_true", help="per-rule gain on the whole set")
    parser.add_argument("--options", action="store_true", help="trafilatura options, each flipped")
    parser.add_argument("--markdown", action="store_true", help="tables as Markdown")
    parser.add_argument(
        "--accept", type=int, metavar="K",
        help="every rule on HTML, measured on K folds and on extraction2: the verdicts, and the nested check",
    )
    parser.add_argument(
        "--every-rule", action="store_true", help="run the text-only rules on HTML too (the table before)"
    )
    args = parser.parse_args(argv)
    data = args.data or set_dir(args.set_name)
    try:
        if args.accept:
            dev = ablate("extraction", set_dir("extraction"), every_rule=True)
            other = ablate("extraction2", set_dir("extraction2"), every_rule=True)
            print(kfold_table(dev, args.accept, markdown=args.markdown))
            print()
            print(set_table(other, markdown=args.markdown))
            print()
            print(acceptance_table(dev, other, args.accept, markdown=args.markdown))
            print()
            print(select_table(dev, other, args.accept, markdown=args.markdown))
            return 0
        if args.kfold or args.ablate:
            ablation = ablate(args.set_name, data, every_rule=args.every_rule)
            if args.kfold:
                print(kfold_table(ablation, args.kfold, markdown=args.markdown))
            else:
                print(set_table(ablation, markdown=args.markdown))
            return 0
        if args.options:
            print(options_table(args.set_name, data, markdown=args.markdown))
            return 0
        methods = METHODS if args.method == "all" else (args.method,)
        results = [evaluate(m, data, per_page=args.pages, set_name=args.set_name) for m in methods]
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    for result in results:
        print(
            f"{result['method']:<17} pages {result['pages']}  precision {result['precision']:.4f}  "
            f"recall {result['recall']:.4f}  F1 {result['f1']:.4f}"
        )
        if args.pages:
            per_page = result["per_page"]
            assert isinstance(per_page, dict)
            for page_id, record in sorted(per_page.items(), key=lambda kv: sum(kv[1])):
                print(f"  {page_id[:16]}  " + "  ".join(f"{v:.3f}" for v in record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
