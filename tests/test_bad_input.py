"""Bad input never crashes a reader and is never lost silently: property tests with hypothesis.

Every input yields documents or a problem naming it; every document cleans; and cleaning loses no
word: each word of a document is in the article's text, title, metadata or ``removed`` list.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.clean import clean_document
from sourcetrace.ingest import read_inputs
from sourcetrace.model import Article, Problem, RawDocument

SUFFIXES = [
    "a.txt",
    "a",
    "a.html",
    "a.htm",
    "a.jsonl",
    "a.xml",
    "a.rss",
    "a.atom",
    "a.warc",
    "a.warc.gz",
    "a.txt.gz",
    "a.html.gz",
]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_one(name: str, data: bytes) -> list[RawDocument | Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
        check_accounted(items, str(path))
        return items


def check_accounted(items: list[RawDocument | Problem], source: str) -> None:
    """At least one record, each a document or a problem, each problem naming the input (or its part)."""
    assert items, f"{source}: nothing came back, neither a document nor a problem"
    for item in items:
        assert isinstance(item, RawDocument | Problem)
        if isinstance(item, Problem):
            assert item.reason and item.source
        else:
            assert item.content.strip()
            clean_document(item, article_id="x")  # must not raise


def tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", text or "")


def check_nothing_lost(raw: RawDocument, article: Article) -> None:
    kept = set(tokens(article.text)) | set(tokens(article.title)) | set(tokens(article.author))
    kept |= set(tokens(article.published)) | set(tokens(raw.published))
    for removed in article.removed:
        kept |= set(tokens(removed.text)) | set(tokens(removed.reason))
    lost = set(tokens(raw.content)) - kept
    assert not lost, f"words lost without a record: {sorted(lost)[:10]}"


@pytest.mark.parametrize("name", SUFFIXES)
@FAST
@given(data=st.binary(max_size=2000))
def test_random_bytes_to_every_reader(name: str, data: bytes) -> None:
    read_one(name, data)


@pytest.mark.parametrize("name", ["a.txt.gz", "a.warc.gz", "a.html.gz"])
@FAST
@given(data=st.binary(min_size=1, max_size=500), cut=st.integers(min_value=1, max_value=400))
def test_truncated_gzip_of_random_content(name: str, data: bytes, cut: int) -> None:
    packed = gzip.compress(data)
    items = read_one(name, packed[: max(1, len(packed) - cut)])
    assert any(isinstance(i, Problem) for i in items)


@FAST
@given(text=st.text(max_size=1500))
def test_random_text_is_read_and_cleaned_without_losing_a_word(text: str) -> None:
    items = read_one("a.txt", text.encode("utf-8"))
    for item in items:
        if isinstance(item, RawDocument):
            check_nothing_lost(item, clean_document(item, article_id="x"))


LINE = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=80)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=4).map(" ".join)


@FAST
@given(
    paragraphs=st.lists(
        st.one_of(
            PARAGRAPH,
            st.sampled_from(
                [
                    "We use cookies.",
                    "Privacy policy.",
                    "Follow Alan Wong on Twitter.",
                    "More stories",
                    "Read Next: A headline",
                    "Photo: Jane Doe / AFP",
                    "russia drone ukraine china",
                    "Ukrainereports",
                    "К сожалению, браузер устарел.",
                    " date 2023-03-16",
                    "Editor in chief — Kirill Martynov.",
                    "Jumping Into The Bandwagon",
                ]
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_article_like_text_loses_no_word_in_cleaning(paragraphs: list[str]) -> None:
    raw = RawDocument(source="t.txt", content="\n\n".join(paragraphs))
    check_nothing_lost(raw, clean_document(raw, article_id="x"))


@FAST
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=60),
            st.dictionaries(
                st.sampled_from(["text", "html", "url", "title", "outlet", "published", "author"]),
                st.one_of(st.text(max_size=40), st.integers(), st.none()),
                max_size=5,
            ).map(json.dumps),
        ),
        max_size=8,
    )
)
def test_jsonl_every_line_is_a_document_or_a_problem(lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    data = "\n".join(lines).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
    meaningful = [n for n, line in enumerate(data.decode("utf-8").splitlines(), start=1) if line.strip()]
    if not meaningful:
        assert len(items) == 1 and isinstance(items[0], Problem)
        return
    if len(items) == 1 and isinstance(items[0], Problem) and items[0].source == str(path):
        return  # the file as a whole was refused (binary-looking), and said so
    assert len(items) == len(meaningful)
    for item in items:
        check_accounted([item], str(path))


@FAST
@given(body=st.text(max_size=300), title=st.text(max_size=40))
def test_feed_items_with_random_content(body: str, title: str) -> None:
    from xml.sax.saxutils import escape

    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>{escape(title)}</title><link>https://example.com/1</link>"
        f"<description>{escape(body)}</description></item></channel></rss>"
    )
    read_one("feed.xml", feed.encode("utf-8", errors="replace"))


@FAST
@given(html=st.text(max_size=800))
def test_random_html_is_read_and_cleaned(html: str) -> None:
    read_one("page.html", ("<html><body>" + html + "</body></html>").encode("utf-8", errors="replace"))


@FAST
@given(data=st.binary(max_size=1500))
def test_random_bytes_on_stdin(data: bytes) -> None:
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        items = list(read_inputs(["-"]))
    finally:
        sys.stdin = old
    check_accounted(items, "-")


def test_a_50mb_file_is_refused_and_the_rest_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "small.txt").write_text("A small article that is fine.")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Problem", "RawDocument"]
    assert isinstance(items[0], Problem) and "split it" in items[0].reason
