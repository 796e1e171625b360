"""One corpus, every engine, side by side: ``batch`` in one process, in local worker processes and on Ray,
beside the model floor (spaCy parse + sentence embeddings of the same text, nothing else).

    python bench/engines.py                # 400 articles from bench/corpus.py; about 15 minutes on 2 cores
    python bench/engines.py -n 200 --workers 2

Each run is a fresh child process (its own peak RSS; Ray's and the workers' processes are counted as
children where the OS reports them, see below). Every article is analysed: no sampling here. The floor
is what ``bench/throughput.py`` measures, on this corpus: it parses every article and embeds every
sentence in one process, and is the least any engine could spend per article on one core.

Peak RSS: "driver" is the run's own process; "workers" is the largest worker process (local: the
pool's processes; Ray: its actors are not children of the driver, so their peak is read from
/proc while the run goes, sampled every half second). Numbers only; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_of_others(stop: threading.Event, peak: list[float]) -> None:
    """Largest RSS (MB) among Ray worker processes, sampled until ``stop``."""
    me = os.getpid()
    while not stop.wait(0.5):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == me:
                continue
            try:
                status = (entry / "status").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"ray::" not in cmdline and b"MapWorker" not in cmdline:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    peak[0] = max(peak[0], int(line.split()[1]) / 1024)


def run_engine(corpus: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    from sourcetrace.batch import BatchSettings, run_batch

    stop, ray_peak = threading.Event(), [0.0]
    watcher = threading.Thread(target=_rss_of_others, args=(stop, ray_peak), daemon=True)
    watcher.start()
    started = time.perf_counter()
    summary = run_batch(
        sorted(str(p) for p in corpus.glob("part-*.jsonl")),
        out,
        BatchSettings(engine=engine, workers=workers),
    )
    wall = time.perf_counter() - started
    stop.set()
    watcher.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "engine": engine,
        "workers": workers if engine != "single" else 1,
        "wall": wall,
        "seconds": summary.seconds,
        "articles": summary.articles,
        "words": summary.words,
        "stories": summary.stories,
        "claims": summary.claims,
        "rss_driver": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker": max(children, ray_peak[0]),
    }


def run_floor(corpus: Path) -> dict[str, Any]:
    """Parse every article and embed every sentence: nothing else (one process, models loaded first)."""
    from sourcetrace.batch import run_batch  # noqa: F401 - same import cost as a run
    from sourcetrace.nlp import Models, load_encoder, load_spacy
    from sourcetrace.pipeline import load_articles
    from sourcetrace.sentences import parse_articles

    load_spacy()
    load_encoder()
    articles, _ = load_articles(sorted(str(p) for p in corpus.glob("part-*.jsonl")))
    models = Models()
    started = time.perf_counter()
    sentences = [s.text for p in parse_articles(articles, nlp=models.nlp) for s in p.sentences]
    models.embed(sentences)
    seconds = time.perf_counter() - started
    return {
        "engine": "model floor",
        "workers": 1,
        "wall": seconds,
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "sentences": len(sentences),
        "rss_driver": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker": 0.0,
    }


def _child(args: list[str]) -> dict[str, Any]:
    from bench.child import run_child

    return run_child(__file__, args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="articles (default 400)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", nargs="+", default=["single", "local", "ray"])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, what = Path(args.child[0]), args.child[1]
        if what == "floor":
            print(json.dumps(run_floor(corpus)))
        else:
            print(json.dumps(run_engine(corpus, Path(args.child[2]), what, args.workers)))
        return 0

    from bench.corpus import generate

    work = Path(tempfile.mkdtemp(prefix="sourcetrace-engines-"))
    try:
        made = generate(args.n, work / "corpus")
        print(
            f"workload: {made.articles} articles ({made.words:,} words, {made.stories} generated stories) "
            f"from bench/corpus.py; {os.cpu_count()} cores; every article analysed",
            flush=True,
        )
        rows = [_child(["--child", str(work / "corpus"), "floor"])]
        print(json.dumps(rows[-1]), flush=True)
        for engine in args.engines:
            out = work / f"run-{engine}"
            rows.append(
                _child(["--child", str(work / "corpus"), engine, str(out), "--workers", str(args.workers)])
            )
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{'':24}{'workers':>8}{'wall s':>8}{'prepare s':>10}{'analyse s':>10}{'articles/s':>11}"
        f"{'words/s':>9}{'x floor':>8}{'RSS driver':>11}{'RSS worker':>11}"
    )
    floor = rows[0]["articles"] / rows[0]["wall"]
    for r in rows:
        rate = r["articles"] / r["wall"]
        s = r.get("seconds", {})
        label = r["engine"] if r["engine"] == "model floor" else f"batch --engine {r['engine']}"
        print(
            f"{label:24}{r['workers']:>8}{r['wall']:>8.1f}{s.get('prepare', 0):>10.1f}"
            f"{s.get('analyse', 0):>10.1f}{rate:>11.2f}{r['words'] / r['wall']:>9.0f}{rate / floor:>8.2f}"
            f"{r['rss_driver']:>9.0f}MB"
            f"{r['rss_worker']:>9.0f}MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
