"""The command line, run as a user would: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_unknown_output_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = run("analyze", str(EXAMPLES), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 2
    assert ".json" in result.stderr and not (tmp_path / "out.pdf").exists()


def test_missing_arguments_are_a_usage_error() -> None:
    assert run("analyze").returncode == 2


@pytest.mark.models
def test_analyze_writes_each_format_and_reports_skipped_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00\x00binary\x00junk")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "dossier.json"
    result = run("analyze", str(EXAMPLES), str(bad), str(empty), "-o", str(out), "--quiet")
    assert result.returncode == 1, result.stderr
    assert f"{bad}:" in result.stderr and f"{empty}:" in result.stderr
    data = json.loads(out.read_text())
    assert len(data["articles"]) == len(list(EXAMPLES.glob("*.txt")))
    assert {p["source"] for p in data["problems"]} == {str(bad), str(empty)}
    assert "8 articles, 2 stories" in result.stdout

    for name, marker in (("dossier.md", "# "), ("dossier.html", "<!doctype html")):
        target = tmp_path / name
        ok = run("analyze", str(EXAMPLES), "-o", str(target), "--quiet")
        assert ok.returncode == 0, ok.stderr
        assert target.read_text().lstrip().lower().startswith(marker)
        assert str(target) in ok.stdout


@pytest.mark.models
def test_check_gives_each_article_a_stance_with_attributed_evidence(tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    claim = "D'Arcy Aeromotive sold jet engines to Sarvania"
    result = run("check", claim, str(EXAMPLES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["claim"] == claim
    by_name = {Path(r["source"]).name: r for r in data["results"]}
    assert set(by_name) == {p.name for p in EXAMPLES.glob("*.txt")}
    # The tram story has nothing to do with the engine deal; the engine story's articles do.
    assert by_name["b1_avonside-chronicle.txt"]["stance"] == "unrelated"
    assert by_name["b1_avonside-chronicle.txt"]["evidence"] == []
    related = [r for name, r in by_name.items() if name.startswith("a")]
    assert all(r["stance"] != "unrelated" for r in related)
    for r in related:
        assert r["evidence"], r
        assert all(set(e) >= {"sentence", "attribution"} for e in r["evidence"])
    # The manufacturer's own paper carries the managing director's denial.
    assert by_name["a5_estuary-herald.txt"]["stance"] in {"disagree", "discuss"}


@pytest.mark.models
def test_check_pairs_writes_one_line_per_input_line_in_order(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    text = (EXAMPLES / "a5_estuary-herald.txt").read_text()
    pairs.write_text(
        json.dumps({"id": "p1", "claim": "D'Arcy sold engines to Sarvania", "text": text}) + "\n"
        + "{not json\n\n"
        + json.dumps({"id": "p3", "claim": "A claim without a text"}) + "\n"
        + json.dumps({"id": "p4", "claim": "Penguins nest on the moon", "text": text}) + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = run("check", "--pairs", str(pairs), "-o", str(out))
    assert result.returncode == 1
    assert f"{pairs}:2: not JSON" in result.stderr and f"{pairs}:4: missing 'text'" in result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["p1", None, "p3", "p4"]
    assert rows[0]["stance"] != "unrelated" and rows[0]["evidence"]
    assert "error" in rows[1] and "error" in rows[2]
    assert rows[3]["stance"] == "unrelated"


def test_check_without_a_claim_is_a_usage_error() -> None:
    result = run("check")
    assert result.returncode == 2 and "claim" in result.stderr
