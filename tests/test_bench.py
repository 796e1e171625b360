"""The benchmark scripts keep working: their corpus generator, and a tiny run of each printing its table.

They print figures and assert nothing about time; these tests only check that they run end to end and
print what they promise (the figures themselves are recorded in docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FNC = ROOT.parent / "shared" / "eval" / "fnc1"

pytestmark = pytest.mark.skipif(
    not (FNC / "dev_bodies.csv").is_file(), reason=f"the FNC-1 dev share is not at {FNC}"
)


def _records(folder: Path) -> list[dict[str, str]]:
    return [json.loads(line) for path in sorted(folder.glob("part-*.jsonl")) for line in path.open()]


def test_generated_corpus_has_the_promised_shape(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    made = generate(120, tmp_path / "a")
    records = _records(tmp_path / "a")
    assert made.articles == len(records) == 120
    gold = json.loads(made.gold.read_text())
    assert set(gold) == {r["url"] for r in records}
    sizes = Counter(gold.values())
    assert made.stories == len(sizes) and max(sizes.values()) <= 8
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)
    assert made.words == sum(len(r["text"].split()) for r in records)
    # Deterministic for a seed, different for another.
    generate(120, tmp_path / "b")
    assert _records(tmp_path / "b") == records
    generate(120, tmp_path / "c", seed=8)
    assert _records(tmp_path / "c") != records


def test_stories_bring_their_own_names(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    made = generate(200, tmp_path)
    gold = json.loads(made.gold.read_text())
    names: dict[int, set[str]] = {}
    for r in _records(tmp_path):
        words = r["text"].split()
        # capitalised words inside a sentence (not after a full stop) are the substituted names
        inner = {w.strip(".,;:\"'()") for prev, w in pairwise(words) if not prev.endswith(".")}
        names.setdefault(gold[r["url"]], set()).update(w for w in inner if w[:1].isupper() and len(w) > 5)
    stories = sorted(names)
    shared = sum(bool(names[a] & names[b]) for a, b in pairwise(stories))
    # 3 of 44 neighbouring pairs here (made-up names can collide); drawing names from the shared
    # vocabulary, as the generator once did, gave 7.
    assert shared <= len(stories) // 8, "neighbouring stories should rarely share a name"


@pytest.mark.models
def test_scale_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "bench/scale.py",
            "--sizes",
            "24",
            "--sample",
            "24",
            "--engine",
            "single",
            "--workers",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["articles", "words"])
    row = lines[header + 1].split()
    assert row[0] == "24" and row[-1].replace(".", "").isdigit()  # articles ... B-cubed F1
    run = json.loads(next(line for line in lines if line.startswith("{")))
    assert run["articles"] == 24 and run["done"]["analyse"] == 24 and run["problems"] == 0
    assert run["rss_driver"] > 0
