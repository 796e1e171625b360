"""Helpers for the tests that run the real thing: ``sourcetrace serve`` in a subprocess, on a free port.

Not a test module (no ``test_`` prefix); the server and web tests import it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
_SERVING = re.compile(r"serving .* on (http://\S+?)/? ")


class LiveServer:
    """A ``sourcetrace serve`` process; its stderr is collected in ``lines``."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self.url = ""
        self._found = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            match = _SERVING.search(line)
            if match and not self.url:
                self.url = match.group(1)
                self._found.set()
        self._found.set()

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    def wait_ready(self, timeout: float = 120) -> None:
        if not self._found.wait(timeout) or not self.url:
            self.stop()
            raise RuntimeError(f"sourcetrace serve did not start:\n{self.stderr}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"sourcetrace serve never answered:\n{self.stderr}")

    def wait_models(self, timeout: float = 180) -> None:
        """Until the server's models are loaded (writes and checks wait for them anyway)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = httpx.get(self.url + "/api", timeout=5).json()["models"]
            if status == "ready":
                return
            if status == "failed":
                raise RuntimeError(f"the server could not load its models:\n{self.stderr}")
            time.sleep(0.2)
        raise RuntimeError("the server's models did not load in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_server(db: Path, *, token: str | None = None, args: Sequence[str] = ()) -> LiveServer:
    """``sourcetrace serve --db DB --port 0``, with or without a token; returns once it answers."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCETRACE_TOKEN"}
    env["HF_HUB_OFFLINE"] = "1"
    if token is not None:
        env["SOURCETRACE_TOKEN"] = token
    process = subprocess.Popen(
        [sys.executable, "-m", "sourcetrace", "serve", "--db", str(db), "--port", "0", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = LiveServer(process)
    server.wait_ready()
    return server


def article_payload(path: Path) -> dict[str, str]:
    """An example article as the API takes it: the `` date`` line becomes ``published``."""
    text = path.read_text(encoding="utf-8")
    payload = {"source": path.name}
    match = re.match(r"\s*date (\S+)\s*\n", text)
    if match:
        payload["published"] = match.group(1)
        text = text[match.end() :]
    payload["text"] = text
    return payload
