"""``sourcetrace batch``: outputs, problems, and resuming after a crash or Ctrl-C, for real.

Interruptions are real: a stage function that raises in the middle of a run (in this process), and a
SIGINT sent to a running ``sourcetrace batch`` subprocess while it waits on a page our own server holds
back. Nothing here measures time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.batch import BatchSettings, Journal, run_batch
from sourcetrace.batch import run as batch
from sourcetrace.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def events(out: Path, kind: str) -> list[dict[str, Any]]:
    return Journal(out / "journal.jsonl").of(kind)


def test_shards_keep_records_in_their_one_json_form_and_read_the_older_one() -> None:
    from sourcetrace.codec import article_from_dict, article_to_dict, raw_from_dict, raw_to_dict
    from sourcetrace.model import Article, RawDocument, Removed

    removed = (Removed("Share this", "page furniture"),)
    article = Article("a1", "mill.txt", "The mill reopened.", title="Mill", removed=removed)
    assert article_from_dict(article_to_dict(article)) == article
    # Shards written before the codec kept a removal as a [text, reason] pair: a resumed run reads them.
    older = {**article_to_dict(article), "removed": [["Share this", "page furniture"]]}
    assert article_from_dict(older) == article
    raw = RawDocument("mill.html", "<p>The mill reopened.</p>", kind="html", url="https://example.org/m")
    assert raw_from_dict(json.loads(json.dumps(raw_to_dict(raw)))) == raw


def test_out_folder_that_holds_something_else_or_another_run_is_refused(tmp_path: Path) -> None:
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty and not a batch folder"):
        run_batch([str(EXAMPLES)], stranger)
    with pytest.raises(UsageError, match="unknown engine"):
        run_batch([str(EXAMPLES)], tmp_path / "x", BatchSettings(engine="spark"))
    with pytest.raises(UsageError, match="at least 1"):
        run_batch([str(EXAMPLES)], tmp_path / "x", BatchSettings(workers=0))
    # A run over an input that does not exist needs no model: it records the problem and finishes.
    out = tmp_path / "run"
    missing = str(tmp_path / "nowhere")
    summary = run_batch([missing], out, BatchSettings(engine="single"))
    assert summary.articles == 0 and [p.source for p in summary.problems] == [missing]
    assert json.loads((out / "problems.jsonl").read_text())["reason"] == "no such file or folder"
    with pytest.raises(UsageError, match="run over other inputs"):
        run_batch([str(EXAMPLES)], out)
    with pytest.raises(UsageError, match="other settings"):
        run_batch([missing], out, BatchSettings(max_story_articles=50))
    again = run_batch([missing], out)  # the same run, complete: nothing to do, the same answer
    assert again.resumed and [p.source for p in again.problems] == [missing]


def test_cli_without_out_is_a_usage_error() -> None:
    assert cli("batch", str(EXAMPLES)).returncode == 2


@pytest.mark.models
def test_batch_writes_a_dossier_per_story_tables_and_every_problem(tmp_path: Path, schema: dict) -> None:  # type: ignore[type-arg]
    jsonschema = pytest.importorskip("jsonschema")
    pd = pytest.importorskip("pandas")
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    bad = corpus / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00\x00binary\x00junk")
    empty = corpus / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out"
    result = cli("batch", str(corpus), "--out", str(out), "--engine", "single", "--max-story-articles", "4")
    assert result.returncode == 1, result.stderr
    assert f"{bad}: " in result.stderr and f"{empty}: " in result.stderr
    assert "analysed in 2 parts of at most 4" in result.stderr
    assert re.search(r"^preparing: 8/8 documents \([\d.,]+/s\)$", result.stderr, re.M)  # counts and rate
    assert "8 articles, 2 stories (3 dossiers, 1 of them in parts)" in result.stdout

    problems = [json.loads(line) for line in (out / "problems.jsonl").read_text().splitlines()]
    assert {p["source"] for p in problems} == {str(bad), str(empty)}
    validator = jsonschema.Draft202012Validator(schema)
    dossiers = sorted((out / "dossiers").glob("*.json"))
    assert [d.name for d in dossiers] == ["s000001.1.json", "s000001.2.json", "s000002.json"]
    for path in dossiers:
        errors = list(validator.iter_errors(json.loads(path.read_text())))
        assert not errors, f"{path.name}: {errors[0].message}"

    articles = pd.read_parquet(out / "tables" / "articles")
    assert sorted(articles["article"]) == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    by_story = articles.groupby("story")["article"].apply(lambda s: sorted(x[:1] for x in s)).to_dict()
    assert by_story == {"s000001": ["a"] * 6, "s000002": ["b"] * 2}
    assert sorted(articles[articles.story == "s000001"]["part"].unique()) == [1, 2]
    claims = pd.read_parquet(out / "tables" / "claims")
    reports = pd.read_parquet(out / "tables" / "reports")
    assert len(claims) > 0 and claims["claim"].is_unique
    assert set(reports["claim"]) <= set(claims["claim"])
    assert set(claims["verdict"]) <= {"corroborated", "single_origin", "contested", "denied"}


def _counting(monkeypatch: pytest.MonkeyPatch, name: str, fail_on: int | None = None) -> list[dict[str, Any]]:
    """Wrap a stage function of ``batch``; it raises KeyboardInterrupt on call number ``fail_on``."""
    original: Callable[..., dict[str, Any]] = getattr(batch, name)
    calls: list[dict[str, Any]] = []

    def wrapper(task: dict[str, Any], worker: Any) -> dict[str, Any]:
        calls.append(task)
        if fail_on is not None and len(calls) == fail_on:
            raise KeyboardInterrupt
        return original(task, worker)

    monkeypatch.setattr(batch, name, wrapper)
    return calls


@pytest.mark.models
def test_a_crash_mid_run_resumes_without_redoing_finished_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    settings = BatchSettings(engine="single", shard_size=3, flush_rows=1, max_story_articles=4)
    inputs = [str(EXAMPLES)]

    with monkeypatch.context() as m:
        prepared = _counting(m, "prepare_shard", fail_on=2)
        with pytest.raises(KeyboardInterrupt):
            run_batch(inputs, out, settings)
    assert len(prepared) == 2 and [e["shard"] for e in events(out, "prepared")] == [0]

    with monkeypatch.context() as m:
        prepared = _counting(m, "prepare_shard")
        analysed = _counting(m, "analyse_story", fail_on=2)
        with pytest.raises(KeyboardInterrupt):
            run_batch(inputs, out, settings)
    assert [t["shard"] for t in prepared] == [1, 2]  # shard 0 was finished: not prepared again
    first = analysed[0]["task"]
    assert [e["tasks"] for e in events(out, "analysed")] == [[first]]

    # A part file written just before a crash, its stories never recorded: it must not survive.
    orphan = out / "tables" / "claims" / "part-000009.parquet"
    orphan.write_bytes(b"half a parquet file")
    with monkeypatch.context() as m:
        prepared = _counting(m, "prepare_shard")
        analysed = _counting(m, "analyse_story")
        summary = run_batch(inputs, out, settings)
    assert not orphan.exists()
    assert prepared == []
    assert first not in [t["task"] for t in analysed] and len(analysed) == 2
    assert summary.resumed and summary.articles == 8 and summary.analysed == 3 and not summary.problems
    done = [t for e in events(out, "analysed") for t in e["tasks"]]
    assert sorted(done) == ["s000001.1", "s000001.2", "s000002"]  # each exactly once
    assert len(events(out, "clustered")) == 1 and len(events(out, "done")) == 1
    import pandas as pd

    articles = pd.read_parquet(out / "tables" / "articles")
    assert len(articles) == 8 and articles["article"].is_unique


class _HeldPage(BaseHTTPRequestHandler):
    """Serves one article, but only once ``release`` is set: a batch reading it waits there."""

    arrived = threading.Event()
    release = threading.Event()
    PAGE = (
        b"<html><head><title>Riverton tram vote put off again</title></head><body><article>"
        b"<h1>Riverton tram vote put off again</h1>"
        b"<p>The Riverton council delayed its vote on the light-rail extension for a second time on "
        b"Tuesday, the council's spokesman, Tomas Brandt, said.</p>"
        b"<p>Brandt said the council wanted a new cost estimate before it voted, and that the vote "
        b"would now be held in the spring.</p>"
        b"<p>Residents' groups said the delay would add to the cost of the project.</p>"
        b"</article></body></html>"
    )

    def do_GET(self) -> None:
        type(self).arrived.set()
        type(self).release.wait(120)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.PAGE)))
        self.end_headers()
        self.wfile.write(self.PAGE)

    def log_message(self, *args: Any) -> None:
        pass


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the interrupted client hung up: nothing to report


@pytest.mark.models
def test_ctrl_c_stops_a_running_batch_and_the_same_command_finishes_it(tmp_path: Path) -> None:
    # The batch reads the example folder, then a URL whose server holds the answer: Ctrl-C is sent while
    # it is surely running (waiting on that page), whatever the machine's load.
    _HeldPage.arrived.clear()
    _HeldPage.release.clear()
    httpd = _QuietServer(("127.0.0.1", 0), _HeldPage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/tram-vote.html"
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "sourcetrace",
        "batch",
        str(EXAMPLES),
        url,
        "--out",
        str(out),
        "--engine",
        "single",
        "--allow-private",
    ]
    try:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell without job control starts background jobs with SIGINT ignored and children inherit
            # that (Python then installs no KeyboardInterrupt handler at all): give the batch what a
            # terminal gives it, whatever started this test run.
            preexec_fn=_default_sigint,
        )
        try:
            while not _HeldPage.arrived.wait(0.5):
                assert process.poll() is None, process.communicate()[1]
            os.kill(process.pid, signal.SIGINT)  # what Ctrl-C sends
            _, stderr = process.communicate(timeout=300)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 130, stderr
        assert "interrupted; run the same command again to resume" in stderr
        assert not events(out, "done") and not events(out, "read_done")

        _HeldPage.release.set()
        again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    finally:
        _HeldPage.release.set()
        httpd.shutdown()
    assert again.returncode == 0, again.stderr
    assert "resuming the earlier run" in again.stderr
    summary = re.search(r"(\d+) articles, (\d+) stories \((\d+) dossiers\)", again.stdout)
    assert summary is not None, again.stdout
    assert summary.group(1) == "9"  # the eight files and the page
    assert len(events(out, "read_done")) == 1 and len(events(out, "prepared")) == 1
    assert len(events(out, "done")) == 1
    assert len(list((out / "dossiers").glob("*.json"))) == int(summary.group(3)) >= 2


@pytest.mark.models
def test_jsonl_and_warc_inputs_are_streamed_into_shards(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts = [p.read_text() for p in sorted(EXAMPLES.glob("*.txt"))]
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps({"text": t, "url": f"https://example.invalid/{n}"}) for n, t in enumerate(texts[:5])
        )
        + "\n{not json\n"
    )
    warc = tmp_path / "crawl.warc"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for n, text in enumerate(texts[5:]):
            paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if not p.startswith(" date"))
            body = f"<html><body><article>{paragraphs}</article></body></html>".encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            uri = f"https://crawl.invalid/{n}"
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    out = tmp_path / "out"
    # Shards of two documents; no story analysed (a zero sample): this test is about reading.
    settings = BatchSettings(engine="single", shard_size=2, analyse_fraction=0.0)
    summary = run_batch([str(jsonl), str(warc)], out, settings)
    assert summary.documents == 8 and summary.articles == 8 and summary.analysed == 0
    assert [p.source for p in summary.problems] == [f"{jsonl}:6"]
    assert [e["documents"] for e in events(out, "read")] == [2, 2, 2, 2]
    assert not list((out / "raw").glob("*.jsonl"))  # raw shards are dropped once prepared
    ids = [i for e in events(out, "read") for i in e["ids"]]
    assert len(set(ids)) == 8
