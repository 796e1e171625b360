"""How much read load ``sourcetrace serve`` holds: ``wrk`` against ``GET /api/stories/{id}`` on loopback.

    .venv/bin/python bench/serve.py                       # builds a store from examples/corpus first
    .venv/bin/python bench/serve.py --db sourcetrace.db --story s1 --connections 16 --duration 20

Starts ``sourcetrace serve`` (one uvicorn process, as users run it) on a free port, fetches the story once
(so its dossier JSON is in the server's per-version cache, as it is for any story read twice), then runs
``wrk --latency`` at a fixed concurrency and prints requests/s and the latency percentiles. wrk and the
server share the machine's cores; the numbers are for that setup, not for a server alone. Needs the
Debian ``wrk`` package.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def build_store(db: Path) -> None:
    from sourcetrace.nlp import load_models
    from sourcetrace.pipeline import load_articles
    from sourcetrace.store import Store

    articles, problems = load_articles([str(ROOT / "examples" / "corpus")])
    if problems:
        raise SystemExit(f"could not read the example corpus: {problems}")
    with Store.open(str(db)) as store:
        store.add_articles(articles, models=load_models())


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCETRACE_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sourcetrace", "serve", "--db", str(db), "--port", "0"],
        cwd=ROOT,
        env={**env, "HF_HUB_OFFLINE": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            match = re.search(r"serving .* on (http://\S+?)/? ", line)
            if match and not found:
                found.append(match.group(1))
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(120) or not found:
        process.kill()
        raise SystemExit("sourcetrace serve did not start")
    return process, found[0]


def parse_wrk(output: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, pattern in (
        ("requests_per_s", r"Requests/sec:\s+([\d.]+)"),
        ("p50", r"^\s+50%\s+(\S+)"),
        ("p90", r"^\s+90%\s+(\S+)"),
        ("p99", r"^\s+99%\s+(\S+)"),
        ("requests", r"(\d+) requests in"),
        ("errors", r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)"),
    ):
        match = re.search(pattern, output, re.MULTILINE)
        out[key] = match.group(1) if match else ("none" if key == "errors" else "?")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="an existing store (default: build one from examples/corpus)")
    parser.add_argument("--story", default="s1")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", default="20s")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed; on Debian: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not args.db:
            print("building a store from examples/corpus ...", file=sys.stderr)
            build_store(db)
        process, base = start_server(db)
        try:
            url = f"{base}/api/stories/{args.story}"
            first = httpx.get(url, timeout=60)
            first.raise_for_status()
            time.sleep(1)
            command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--latency"]
            command.append(url)
            result = subprocess.run(command, capture_output=True, text=True, check=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
    figures = parse_wrk(result.stdout)
    print(result.stdout)
    print(
        f"GET /api/stories/{args.story} ({len(first.content)} bytes), {args.connections} connections, "
        f"{args.threads} wrk threads, {args.duration}: {figures['requests_per_s']} requests/s, "
        f"p50 {figures['p50']}, p90 {figures['p90']}, p99 {figures['p99']}, errors: {figures['errors']}"
    )


if __name__ == "__main__":
    main()
