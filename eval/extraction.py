"""Body-extraction accuracy on the shared extraction benchmark (dev share).

Data: ``../shared/eval/extraction/`` — ``html/<id>.html.gz`` pages and ``ground-truth.json``
(``{id: {"articleBody": ..., "url": ...}}``). Read from there, never copied into the repository.

Metric (the benchmark's own): word tokens as written (``\\w+``), every word 4-gram counted with
multiplicity; per page TP = the multiset intersection of extracted and true 4-grams, precision =
TP / extracted, recall = TP / true (each 1 when nothing is extra or missing); precision and recall
averaged over pages, F1 from the two averages.

Methods:
    trafilatura         ``trafilatura.extract`` with its defaults (the reference number)
    sourcetrace         our cleaning on top of trafilatura, as the benchmark defines a body: the
                        article text with its crossheads in place. We keep crossheads out of
                        ``Article.text`` (they are not sentences of the story) but they are body, not
                        boilerplate, and the benchmark's bodies include them; the article's segments
                        (every paragraph in order, kept or removed with its reason) give them back.
    sourcetrace-text    ``Article.text`` exactly as the pipeline sees it (crossheads left out)

Usage::

    python eval/extraction.py [--method trafilatura|sourcetrace|sourcetrace-text|all] [--data DIR] [--pages]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction"
METHODS = ("trafilatura", "sourcetrace", "sourcetrace-text")
BODY_REASONS = frozenset({"subheading"})  # removed from Article.text, yet part of the body
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


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


def load_pages(data: Path = DEFAULT_DATA) -> list[tuple[str, str, str | None, str]]:
    """(page id, HTML, URL, true body) for every page of the benchmark share in ``data``."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = data / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages.append((page_id, html, truth[page_id].get("url"), truth[page_id]["articleBody"]))
    return pages


def extractor(method: str) -> Extractor:
    """The function that turns a page's HTML (and URL) into body text for ``method``."""
    if method == "trafilatura":
        import trafilatura

        def run_trafilatura(html: str, url: str | None) -> str:
            return trafilatura.extract(html, url=url) or ""

        return run_trafilatura
    if method in ("sourcetrace", "sourcetrace-text"):
        sys.path.insert(0, str(ROOT))
        from sourcetrace.clean import clean_raw
        from sourcetrace.model import RawDocument

        def run_sourcetrace(html: str, url: str | None) -> str:
            raw = RawDocument(source=url or "page.html", content=html, kind="html", url=url)
            article, segments = clean_raw(raw, article_id="page")
            if method == "sourcetrace-text":
                return article.text
            return "\n\n".join(s.text for s in segments if s.reason is None or s.reason in BODY_REASONS)

        return run_sourcetrace
    raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")


def evaluate(method: str, data: Path = DEFAULT_DATA, *, per_page: bool = False) -> dict[str, object]:
    """Score ``method`` on the benchmark share in ``data``.

    Returns ``{"method", "pages", "precision", "recall", "f1"}`` (and ``"per_page"``: id -> (P, R) when
    asked). Raises ``FileNotFoundError`` when the data is not there.
    """
    if not (data / "ground-truth.json").exists():
        raise FileNotFoundError(
            f"{data}: extraction benchmark not found (expected ../shared/eval/extraction)"
        )
    run = extractor(method)
    scores: dict[str, tuple[float, float]] = {}
    for page_id, html, url, truth in load_pages(data):
        scores[page_id] = page_scores(run(html, url), truth)
    result: dict[str, object] = {"method": method, "pages": len(scores), **summarise(scores.values())}
    if per_page:
        result["per_page"] = scores
    return result


def summarise(scores: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Average precision and recall over pages, and F1 from the two averages."""
    values = list(scores)
    if not values:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = sum(p for p, _ in values) / len(values)
    recall = sum(r for _, r in values) / len(values)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", choices=(*METHODS, "all"), default="all")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", action="store_true", help="also print each page's precision and recall")
    args = parser.parse_args(argv)
    methods = METHODS if args.method == "all" else (args.method,)
    try:
        results = [evaluate(m, args.data, per_page=args.pages) for m in methods]
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
            for page_id, (p, r) in sorted(per_page.items(), key=lambda kv: sum(kv[1])):
                print(f"  {page_id[:16]}  P {p:.3f}  R {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
