"""The batch folder's bookkeeping: the journal of finished units, atomic writes, and where files go.

Every finished unit of work is written to a temporary name, fsynced and renamed (``write_atomic``), then
recorded in ``journal.jsonl`` (one JSON event per line, flushed and fsynced): a unit that is not in the
journal is redone, one that is never is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Journal", "Layout", "write_atomic"]


def write_atomic(path: Path, write: Callable[[Any], None], mode: str = "wb") -> None:
    """Write through ``write(handle)`` to a temporary name, fsync, then rename into place."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open(mode) as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Journal:
    """Append-only JSON lines; a torn last line (a crash mid-write) is dropped on reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.events: list[dict[str, Any]] = []
        if path.exists():
            good = 0
            with path.open("rb") as handle:
                for line in handle:
                    try:
                        event = json.loads(line)
                    except ValueError:
                        break
                    if not line.endswith(b"\n"):
                        break
                    self.events.append(event)
                    good += len(line)
            if good < path.stat().st_size:
                with path.open("r+b") as handle:
                    handle.truncate(good)

    def append(self, event: dict[str, Any]) -> None:
        with self.path.open("ab") as handle:
            handle.write(json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.events.append(event)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == kind]


@dataclass(frozen=True)
class Layout:
    out: Path

    @property
    def raw(self) -> Path:
        return self.out / "raw"

    @property
    def prepared(self) -> Path:
        return self.out / "prepared"

    @property
    def dossiers(self) -> Path:
        return self.out / "dossiers"

    @property
    def tables(self) -> Path:
        return self.out / "tables"

    def raw_shard(self, n: int) -> Path:
        return self.raw / f"{n:06d}.jsonl"

    def articles_shard(self, n: int) -> Path:
        return self.prepared / f"{n:06d}.articles.jsonl"

    def sketches_shard(self, n: int) -> Path:
        return self.prepared / f"{n:06d}.sketches.jsonl"
