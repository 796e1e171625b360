"""Readers: every input kind, hand-built in ``tmp_path``; URLs against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import io
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from sourcetrace.ingest import FetchError, check_address, fetch_url, read_inputs
from sourcetrace.ingest import fetch as ingest_fetch
from sourcetrace.model import Problem, RawDocument

ARTICLE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Drone deal reported</title>
<meta property="og:site_name" content="Example Times"></head><body><article>
<h1>Drone deal reported</h1>
<p>Officials in Berlin said on Thursday that the negotiations had been going on for several weeks.</p>
<p>The company declined to comment when it was reached by telephone on Friday morning.</p>
</article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://example.com/</link>
<item><title>First story</title><link>https://example.com/first</link>
<pubDate>Thu, 16 Mar 2023 10:00:00 GMT</pubDate><author>jo@example.com (Jo Reporter)</author>
<description>&lt;p&gt;The first story says a thing happened.&lt;/p&gt;&lt;p&gt;And then more.&lt;/p&gt;
</description>
</item>
<item><title>Second story</title><link>https://example.com/second</link>
<description>Only a plain summary of the second story.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Atom entry</title><link href="https://example.org/a1"/><updated>2023-02-24T08:00:00Z</updated>
<content type="html">&lt;p&gt;Full content of the atom entry.&lt;/p&gt;</content></entry>
</feed>"""


def read(*paths: str | Path, **kwargs: object) -> list[RawDocument | Problem]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def docs(items: list[RawDocument | Problem]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def problems(items: list[RawDocument | Problem]) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem)]


# ------------------------------------------------------------------------------------------- text


def test_txt_date_line_is_metadata_and_the_rest_of_the_line_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2023-03-16 According to Der Spiegel, talks are underway.\n\nMore text.\n")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.published == "2023-03-16"
    assert doc.content.startswith("According to Der Spiegel, talks are underway.")
    assert "date" not in doc.content.split("\n")[0]
    assert doc.kind == "text" and doc.source == str(path)


@pytest.mark.parametrize("first", ["date 2023-03-16", " date 2023-03-16  ", "\ufeff date 2023-03-16"])
def test_txt_date_line_alone(tmp_path: Path, first: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(first + "\nHeadline\n\nBody sentence here.\n", encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.published == "2023-03-16"
    assert doc.content.lstrip().startswith("Headline")


def test_txt_without_date_line_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Dated reports say the date 2023-03-16 matters.\n")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.published is None and doc.content.startswith("Dated reports")


def test_folder_is_read_recursively_sorted_and_hidden_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second file.")
    (tmp_path / "a.txt").write_text("First file.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c").write_text("No extension, still text.")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden too")
    items = read(tmp_path)
    assert [Path(d.source).name for d in docs(items)] == ["a.txt", "b.txt", "c"]
    assert not problems(items)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 owners said so.")
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.content == "Café owners said so."


def test_invalid_utf8_without_charset_is_a_problem_naming_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"caf\xe9 au lait")
    [problem] = read(path)
    assert isinstance(problem, Problem)
    assert problem.source == str(path)
    assert "not valid UTF-8 and no charset declared" in problem.reason.replace(" (byte 0xe9 at offset 3)", "")
    assert "--encoding=latin-1" in problem.reason


def test_forced_encoding_is_used(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"caf\xe9 au lait")
    [doc] = read(path, encoding="latin-1")
    assert isinstance(doc, RawDocument) and doc.content == "café au lait"


def test_unknown_forced_encoding_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"text")
    [problem] = read(path, encoding="no-such-codec")
    assert isinstance(problem, Problem) and "unknown encoding" in problem.reason


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        b'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>'
    )
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert "Café “quoted”" in doc.content


def test_html_with_wrong_declared_charset_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="utf-16-nonsense"></head><body>\xff\xfe</body></html>')
    [problem] = read(path)
    assert isinstance(problem, Problem) and "charset" in problem.reason


def test_empty_and_whitespace_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t ")
    items = read(tmp_path)
    assert len(problems(items)) == 2 and not docs(items)
    assert all("empty" in p.reason for p in problems(items))


def test_binary_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [problem] = read(path)
    assert isinstance(problem, Problem) and "binary" in problem.reason


def test_file_over_the_cap_is_a_problem_saying_split_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing read
    [problem] = read(path)
    assert isinstance(problem, Problem)
    assert problem.reason == "too large (50.0MB > 20MB cap); split it"


def test_gzipped_text_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress(b"Packed article text. " * 200))
    bad = tmp_path / "b.txt.gz"
    bad.write_bytes(good.read_bytes()[:40])
    items = read(good, bad)
    assert docs(items)[0].content.startswith("Packed article text.")
    [problem] = problems(items)
    assert problem.source == str(bad) and "truncated gzip" in problem.reason


def test_unsupported_and_missing_paths_are_problems(tmp_path: Path) -> None:
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    items = read(tmp_path / "slides.pdf", tmp_path / "nowhere.txt")
    assert [p.reason.split(";")[0] for p in problems(items)] == [
        "unsupported file type '.pdf'",
        "no such file or folder",
    ]


def test_one_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xfa\xfb broken")
    (tmp_path / "b.txt").write_text("A good article.")
    items = read(tmp_path)
    assert len(problems(items)) == 1 and len(docs(items)) == 1


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" date 2023-02-24 From stdin.\n")))
    [doc] = read("-")
    assert isinstance(doc, RawDocument) and doc.source == "-" and doc.published == "2023-02-24"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_HTML.encode())))
    [doc] = read("-")
    assert isinstance(doc, RawDocument) and doc.kind == "html"


# ------------------------------------------------------------------------------------------- JSONL


def test_jsonl_lines_become_documents_and_bad_lines_problems(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "First article.", "url": "https://www.vice.com/x", "title": "T1", "outlet": "VICE",'
        ' "published": "2023-02-24", "author": "Alan Wong"}\n'
        "\n"
        "{not json\n"
        '{"html": "<html><body><p>Second article body.</p></body></html>"}\n'
        "[1, 2]\n"
        '{"title": "no body"}\n'
        '{"text": "ok", "title": 5}\n'
    )
    items = read(path)
    first, second = docs(items)
    assert first.source == "https://www.vice.com/x" and first.url == "https://www.vice.com/x"
    assert (first.title, first.outlet, first.published, first.author) == (
        "T1",
        "VICE",
        "2023-02-24",
        "Alan Wong",
    )
    assert second.kind == "html" and second.source == f"{path}:4"
    assert [p.source for p in problems(items)] == [f"{path}:3", f"{path}:5", f"{path}:6", f"{path}:7"]
    assert "not valid JSON" in problems(items)[0].reason


# -------------------------------------------------------------------------------------------- WARC


def _warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for uri, ctype, body in (
            ("https://news.example.com/story", "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            ("https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n"),
            ("https://news.example.com/latin", "text/html; charset=iso-8859-1", b"<p>Caf\xe9 talk.</p>"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example.com/story", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, gz=name.endswith(".gz"))
    items = read(path)
    assert not problems(items)
    story, latin = docs(items)
    assert story.source == story.url == "https://news.example.com/story" and story.kind == "html"
    assert "Café talk" in latin.content


def test_truncated_warc_gz_is_a_problem_after_what_could_be_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])
    items = read(path)
    assert problems(items) and problems(items)[-1].source == str(path)


def test_not_a_warc_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    [problem] = read(path)
    assert isinstance(problem, Problem) and "WARC" in problem.reason


# ------------------------------------------------------------------------------------------- feeds


def test_rss_items_become_documents_with_link_title_date_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS)
    first, second = docs(read(path))
    assert first.source == first.url == "https://example.com/first"
    assert first.title == "First story" and first.outlet == "Example Wire"
    assert first.published == "2023-03-16T10:00:00Z"
    assert first.content == "The first story says a thing happened.\n\nAnd then more."
    assert second.content == "Only a plain summary of the second story."


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM)
    [entry] = docs(read(path))
    assert entry.source == "https://example.org/a1" and entry.content == "Full content of the atom entry."
    assert entry.published == "2023-02-24T08:00:00Z"


def test_malformed_feed_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<rss><channel><item><title>cut off")
    [problem] = read(path)
    assert isinstance(problem, Problem) and "malformed feed" in problem.reason


def test_xml_that_is_no_feed_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book>1</book></catalog>')
    [problem] = read(path)
    assert isinstance(problem, Problem)


# -------------------------------------------------------------------------------------------- URLs


class _Handler(BaseHTTPRequestHandler):
    user_agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return None

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Handler.user_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/article.html": (200, ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
            "/feed.xml": (200, RSS.encode(), "application/rss+xml"),
            "/plain": (200, b"Plain text article.", "text/plain"),
            "/latin": (200, "<p>Caf\u00e9 talk.</p>".encode("latin-1"), "text/html; charset=iso-8859-1"),
            "/big": (200, b"x" * 5000, "text/plain"),
            "/image": (200, b"\x89PNG", "image/png"),
            "/empty": (200, b"", "text/html"),
        }
        if self.path in routes:
            status, body, ctype = routes[self.path]
            self._send(status, body, ctype)
        elif self.path == "/redirect":
            self._send(302, b"", Location="/article.html")
        elif self.path == "/loop":
            self._send(302, b"", Location="/loop")
        elif self.path == "/to-metadata":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_html_page(server: str) -> None:
    [doc] = read(f"{server}/article.html", allow_private=True)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert doc.source == doc.url == f"{server}/article.html"
    assert _Handler.user_agents[-1] == "sourcetrace/0.1 (+https://example.invalid/sourcetrace)"


def test_url_redirect_is_followed(server: str) -> None:
    [doc] = read(f"{server}/redirect", allow_private=True)
    assert isinstance(doc, RawDocument) and doc.url == f"{server}/article.html"
    assert doc.source == f"{server}/redirect"


def test_url_feed_plain_and_charset(server: str) -> None:
    items = read(f"{server}/feed.xml", f"{server}/plain", f"{server}/latin", allow_private=True)
    assert [d.source for d in docs(items)] == [
        "https://example.com/first",
        "https://example.com/second",
        f"{server}/plain",
        f"{server}/latin",
    ]
    assert "Café talk" in docs(items)[-1].content


def test_url_errors_are_problems_per_url(server: str) -> None:
    items = read(
        f"{server}/missing",
        f"{server}/image",
        f"{server}/empty",
        f"{server}/loop",
        f"{server}/article.html",
        allow_private=True,
    )
    reasons = {p.source.rsplit("/", 1)[1]: p.reason for p in problems(items)}
    assert reasons["missing"].startswith("HTTP 404")
    assert "unsupported content type 'image/png'" in reasons["image"]
    assert "empty" in reasons["empty"]
    assert "too many redirects" in reasons["loop"]
    assert len(docs(items)) == 1


def test_url_size_cap(server: str) -> None:
    with pytest.raises(FetchError, match="cap"):
        fetch_url(f"{server}/big", allow_private=True, max_bytes=1000)


def test_unreachable_url_is_a_problem() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [problem] = read(f"http://127.0.0.1:{port}/x", allow_private=True)
    assert isinstance(problem, Problem) and "could not fetch" in problem.reason


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    before = len(_Handler.user_agents)
    [problem] = read(f"{server}/article.html")
    assert isinstance(problem, Problem)
    assert (
        "refused" in problem.reason and "loopback" in problem.reason and "--allow-private" in problem.reason
    )
    assert len(_Handler.user_agents) == before  # the request never left


def test_every_redirect_hop_is_rechecked(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = check_address

    def loopback_only(host: str, port: int, *, allow_private: bool) -> list[str]:
        return real(host, port, allow_private=host == "127.0.0.1")

    monkeypatch.setattr(ingest_fetch, "check_address", loopback_only)
    with pytest.raises(FetchError, match=r"169\.254\.169\.254.*link-local"):
        fetch_url(f"{server}/to-metadata")


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "non-public"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fd00:ec2::254", "private"),
        ("224.0.0.1", "multicast"),
    ],
)
def test_non_public_addresses_are_refused(host: str, kind: str) -> None:
    with pytest.raises(FetchError, match=kind):
        check_address(host, 80, allow_private=False)
    assert check_address(host, 80, allow_private=True)


def test_public_address_passes() -> None:
    assert check_address("93.184.215.14", 80, allow_private=False) == ["93.184.215.14"]


def test_non_http_schemes_are_refused() -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetch_url("ftp://127.0.0.1/x", allow_private=True)
