"""Throughput of `analyse` on N articles made by varying the example corpus, beside the model floor.

    python bench/throughput.py            # 200 articles
    python bench/throughput.py -n 50

Prints the workload, articles/s and words/s of the whole pipeline, the same figures for the bare model
passes (spaCy parse + sentence embeddings of the same text, nothing else), the pipeline's overhead over
that floor, and peak RSS. Numbers only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcetrace.model import Article  # noqa: E402

# Names swapped in and out so that the generated articles are different stories with the same shape.
_SWAPS = [
    (
        "D'Arcy Aeromotive",
        ["Halvard Turbines", "Ostrava Motorworks", "Keel & Finch Engines", "Brightwater Dynamics"],
    ),
    ("Sarvania", ["Korvesta", "Ulmaria", "Dastovia", "Pellor"]),
    ("Gannet-9", ["Tern-4", "Skua-12", "Petrel-7", "Curlew-3"]),
    ("Shannon", ["Cork", "Galway", "Limerick", "Derry"]),
    ("Vienna", ["Geneva", "Istanbul", "Baku", "Tbilisi"]),
]


def make_articles(n: int, seed: int = 7) -> list[Article]:
    from sourcetrace.pipeline import load_articles

    base, problems = load_articles([str(ROOT / "examples" / "corpus")])
    if problems or not base:
        raise SystemExit(f"example corpus unreadable: {problems}")
    rng = random.Random(seed)
    out: list[Article] = []
    for i in range(n):
        template = base[i % len(base)]
        text = template.text
        for original, replacements in _SWAPS:
            text = text.replace(
                original, replacements[(i // len(base) + rng.randrange(4)) % len(replacements)]
            )
        text = re.sub(r"\b(\d{2,3})\b", lambda m: str(int(m.group(1)) + rng.randrange(-5, 6)), text)
        paragraphs = text.split("\n\n")
        head, tail = paragraphs[:1], paragraphs[1:]
        rng.shuffle(tail)
        out.append(
            Article(
                id=f"bench-{i:05d}",
                source=f"bench/{i:05d}.txt",
                text="\n\n".join(head + tail),
                title=template.title,
                published=template.published,
            )
        )
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="number of articles (default 200)")
    args = parser.parse_args()

    from sourcetrace.nlp import Models, load_encoder, load_models
    from sourcetrace.pipeline import analyse_articles
    from sourcetrace.sentences import parse_articles

    t0 = time.perf_counter()
    models = load_models()
    load_encoder()
    load_s = time.perf_counter() - t0
    articles = make_articles(args.n)
    words = sum(len(a.text.split()) for a in articles)
    print(f"workload: {len(articles)} articles varied from examples/corpus, {words} words;", end=" ")
    print(f"model load {load_s:.1f} s")

    # The floor: parse + embed every sentence, nothing else (fresh embedding cache).
    floor_models = Models()
    t0 = time.perf_counter()
    sentences = [s.text for p in parse_articles(articles, nlp=floor_models.nlp) for s in p.sentences]
    floor_models.embed(sentences)
    floor_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    dossier = analyse_articles(articles, models=models)
    pipeline_s = time.perf_counter() - t0

    print(f"{'':22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    print(f"{'model floor':22}{floor_s:9.1f}{len(articles) / floor_s:12.1f}{words / floor_s:10.0f}")
    print(
        f"{'full pipeline':22}{pipeline_s:9.1f}{len(articles) / pipeline_s:12.1f}{words / pipeline_s:10.0f}"
    )
    print(f"pipeline overhead over the floor: {pipeline_s / floor_s:.2f}x")
    print(f"result: {len(dossier.stories)} stories, {len(dossier.claims)} claims, {len(sentences)} sentences")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
