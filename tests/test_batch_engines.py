"""The same batch on each engine: one process, local worker processes, and a real local Ray (2 CPUs).

The stage functions are the same everywhere, so the stories and the claims must be the same too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.batch import BatchSettings, run_batch

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"

pytestmark = pytest.mark.models


def outcome(out: Path) -> dict[str, Any]:
    """Story sizes and, per dossier, its articles and claims: which reports each groups, and its verdict.

    (Which report's sentence states a claim can differ in the last bits of an embedding between torch
    thread counts, so claims are compared by their reports, not their statement.)
    """
    stories = [json.loads(line)["size"] for line in (out / "stories.jsonl").read_text().splitlines()]
    dossiers = {}
    for path in sorted((out / "dossiers").glob("*.json")):
        data = json.loads(path.read_text())
        dossiers[path.stem] = (
            sorted(a["id"] for a in data["articles"]),
            sorted(
                (sorted((r["article"], r["start"]) for r in c["reports"]), c["verdict"])
                for c in data["claims"]
            ),
        )
    return {"stories": stories, "dossiers": dossiers}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("single") / "out"
    summary = run_batch([str(EXAMPLES)], out, BatchSettings(engine="single"))
    assert summary.articles == 8 and summary.stories == 2 and summary.claims > 0
    return outcome(out)


def test_local_processes_give_what_one_process_gives(one_process: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([str(EXAMPLES)], out, BatchSettings(engine="local", workers=2))
    assert summary.analysed == 2 and not summary.problems
    assert outcome(out) == one_process


@pytest.mark.ray
def test_ray_gives_what_one_process_gives(one_process: dict[str, Any], tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is optional: pip install 'sourcetrace[ray]'")
    import ray

    out = tmp_path / "out"
    summary = run_batch([str(EXAMPLES)], out, BatchSettings(engine="ray", workers=2))
    assert not ray.is_initialized(), "the engine shuts down the local Ray it started"
    assert summary.analysed == 2 and not summary.problems
    assert outcome(out) == one_process
