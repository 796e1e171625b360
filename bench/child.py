"""Run a benchmark step in a fresh child process, so that its peak RSS is its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_child(script: str, args: list[str]) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a new interpreter; its last line of stdout is its JSON result."""
    result = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
