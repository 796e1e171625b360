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
