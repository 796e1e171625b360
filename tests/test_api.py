"""The REST API over real HTTP: a live ``sourcetrace serve`` subprocess on a free loopback port, httpx as
the client. Articles go in as text, HTML and a URL (served by a local HTTP server), and every error has
one JSON shape."""

from __future__ import annotations

import asyncio
import http.server
import sqlite3
import threading
from collections.abc import Iterator
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import EXAMPLES, LiveServer, article_payload, start_server

TOKEN = "api-test-token-5b1d"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WRITE_TIMEOUT = httpx.Timeout(600.0)  # an add runs the analysis of its story


def _as_html(path: Path) -> str:
    payload = article_payload(path)
    title, _, body = payload["text"].partition("\n")
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{payload.get("published", "")}"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>© 2026 Example Media. All rights reserved.</footer></body></html>"
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A plain HTTP server on 127.0.0.1 serving one article as an HTML page."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "northgate.html").write_text(_as_html(EXAMPLES / "a1_northgate-review.txt"), encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return None

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("api") / "api.db", token=TOKEN, args=["--allow-private"])
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def added(server: LiveServer, pages: str) -> dict[str, httpx.Response]:
    """Three articles added over HTTP: as text, as HTML, as a URL; then the first one again."""
    post = partial(httpx.post, f"{server.url}/api/articles", headers=AUTH, timeout=WRITE_TIMEOUT)
    b2 = article_payload(EXAMPLES / "b2_light-rail-bulletin.txt")
    return {
        "text": post(json=article_payload(EXAMPLES / "b1_avonside-chronicle.txt")),
        "html": post(
            json={"html": _as_html(EXAMPLES / "b2_light-rail-bulletin.txt"), "source": b2["source"]}
        ),
        "url": post(json={"url": f"{pages}/northgate.html", "outlet": "The Northgate Review"}),
        "again": post(json=article_payload(EXAMPLES / "b1_avonside-chronicle.txt")),
    }


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The one error shape, checked in full; returns the error object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    return error  # type: ignore[no-any-return]


@pytest.mark.models
def test_articles_go_in_as_text_html_and_url_and_join_their_stories(added: dict[str, httpx.Response]) -> None:
    results = {k: r.json()["results"] for k, r in added.items()}
    assert added["text"].status_code == 201
    assert [(r["status"], r["story"], r["new_story"]) for r in results["text"]] == [("added", "s1", True)]
    assert results["text"][0]["article"] == "b1_avonside-chronicle"
    assert added["html"].status_code == 201
    assert [(r["status"], r["story"], r["new_story"]) for r in results["html"]] == [("added", "s1", False)]
    assert added["url"].status_code == 201, added["url"].text
    assert [(r["status"], r["story"], r["new_story"]) for r in results["url"]] == [("added", "s2", True)]
    # The same text again is recognised, not stored twice.
    assert added["again"].status_code == 200
    assert [(r["status"], r["article"]) for r in results["again"]] == [("duplicate", "b1_avonside-chronicle")]


@pytest.mark.models
def test_stories_and_their_dossiers_follow_the_contract(
    server: LiveServer, added: dict[str, httpx.Response], schema: dict[str, Any]
) -> None:
    import jsonschema

    listed = httpx.get(f"{server.url}/api/stories").json()["stories"]
    assert {s["id"]: s["articles"] for s in listed} == {"s1": 2, "s2": 1}
    for story in listed:
        assert set(story) == {
            "id",
            "title",
            "articles",
            "claims",
            "verdicts",
            "created",
            "updated",
            "version",
        }
        response = httpx.get(f"{server.url}/api/stories/{story['id']}")
        assert response.status_code == 200 and response.headers["content-type"] == "application/json"
        dossier = response.json()
        jsonschema.validate(dossier, schema)
        assert len(dossier["claims"]) == story["claims"] == sum(story["verdicts"].values())
    s2 = httpx.get(f"{server.url}/api/stories/s2").json()
    (article,) = s2["articles"]
    assert article["source"].endswith("/northgate.html") and article["outlet"] == "The Northgate Review"
    assert "All rights reserved" not in article["text"]  # the page chrome was cleaned off
    assert "Sarvania" in article["text"]


@pytest.mark.models
def test_check_a_claim_against_a_storys_articles(
    server: LiveServer, added: dict[str, httpx.Response]
) -> None:
    claim = "D'Arcy Aeromotive agreed to supply turbojet engines to Sarvania"
    response = httpx.post(f"{server.url}/api/stories/s2/check", json={"claim": claim}, timeout=WRITE_TIMEOUT)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["story"] == "s2" and body["claim"] == claim
    (result,) = body["results"]
    assert result["article"] == added["url"].json()["results"][0]["article"]
    assert result["stance"] in ("agree", "discuss")
    assert result["evidence"] and any("Sarvania" in e["sentence"] for e in result["evidence"])
    assert all(set(e) >= {"sentence", "start", "end", "attribution"} for e in result["evidence"])
    assert set(result["scores"]) == {"agree", "disagree", "discuss", "unrelated"}
    _error(httpx.post(f"{server.url}/api/stories/s9/check", json={"claim": claim}), 404)
    _error(httpx.post(f"{server.url}/api/stories/s2/check", json={"claim": ""}), 422)


def test_writes_need_the_bearer_token(server: LiveServer) -> None:
    url = f"{server.url}/api/articles"
    missing = httpx.post(url, json={"text": "Officials said the plant closed."})
    error = _error(missing, 401)
    assert "Bearer" in error["message"] and missing.headers["www-authenticate"].startswith("Bearer")
    _error(httpx.post(url, json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 401)
    _error(httpx.post(url, json={"text": "x"}, headers={"Authorization": TOKEN}), 401)
    assert httpx.get(f"{server.url}/api/stories").status_code == 200  # reads need no token


def _chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * 65536
        sent += 65536


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "says"),
    [
        ("GET", "/api/stories/s99", {}, 404, "no story 's99'"),
        ("GET", "/api/nothing-here", {}, 404, "/docs"),
        ("DELETE", "/api/stories", {}, 405, "DELETE"),
        ("POST", "/api/articles", {"json": {"text": "a", "url": "http://x.org/"}}, 422, "exactly one"),
        ("POST", "/api/articles", {"json": {"text": "a", "colour": "red"}}, 422, "colour"),
        (
            "POST",
            "/api/articles",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "JSON",
        ),
        ("POST", "/api/articles", {"json": {"url": "file:///etc/passwd"}}, 422, "http(s)"),
        ("POST", "/api/articles", {"json": {"url": "/etc/passwd"}}, 422, "http(s)"),
        (
            "POST",
            "/api/articles",
            {"content": b"text", "headers": {"content-type": "text/plain"}},
            415,
            "JSON",
        ),
        ("POST", "/api/articles", {"json": {"text": "x" * (5 * 1024 * 1024)}}, 413, "limit"),
        (
            "POST",
            "/api/articles",
            {"content": "streamed", "headers": {"content-type": "application/json"}},
            413,
            "limit",
        ),
        ("POST", "/api/stories/s1/check", {"json": {"claim": "x" * 1001}}, 422, "claim"),
    ],
)
def test_every_error_has_one_json_shape(
    server: LiveServer, method: str, path: str, kwargs: dict[str, Any], status: int, says: str
) -> None:
    kwargs = dict(kwargs)
    if kwargs.get("content") == "streamed":  # chunked, no Content-Length: refused while it streams in
        kwargs["content"] = _chunks(6 * 1024 * 1024)
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = httpx.request(method, server.url + path, headers=headers, timeout=WRITE_TIMEOUT, **kwargs)
    assert says in _error(response, status)["message"]


def test_internal_errors_have_the_same_shape(tmp_path: Path) -> None:
    """A store whose tables vanished under it: a real failure inside a request, answered as JSON."""
    from sourcetrace.store import Store
    from sourcetrace.web.app import create_app
    from sourcetrace.web.state import ServerState

    db = tmp_path / "broken.db"
    store = Store.open(str(db))
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE claims")
        conn.execute("DROP TABLE articles")
        conn.execute("DROP TABLE stories")
    app = create_app(ServerState(store=store, local_only=True))

    async def get(path: str, accept: str = "application/json") -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path, headers={"Accept": accept})

    error = _error(asyncio.run(get("/api/stories")), 500)
    assert error["code"] == "internal" and "no such table" not in error["message"]  # no internals leak
    page = asyncio.run(get("/", accept="text/html"))  # a web page gets the same message as a page
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "internal error" in page.text
    store.close()


def test_docs_are_offline_and_responses_carry_a_strict_csp(server: LiveServer) -> None:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/stories/{story_id}/check",
    } <= set(spec["paths"])
    assert "ErrorOut" in spec["components"]["schemas"]
    docs = httpx.get(f"{server.url}/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    page = docs.text
    assert "/api/articles" in page and "ArticleIn" in page and "/openapi.json" in page
    assert "<script" not in page.lower()
    for attribute in ('src="http', "src='http", 'href="http', "href='http", "@import", "url("):
        assert attribute not in page, f"/docs refers to something outside the server: {attribute}"
    for response in (docs, httpx.get(f"{server.url}/api/stories")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(f"{server.url}/redoc").status_code == 404


def test_without_a_token_the_server_keeps_to_loopback_and_says_so(tmp_path: Path, pages: str) -> None:
    live = start_server(tmp_path / "local.db", args=["--host", "0.0.0.0"])
    try:
        assert live.url.startswith("http://127.0.0.1:")
        assert "SOURCETRACE_TOKEN is not set" in live.stderr and "not serving on 0.0.0.0" in live.stderr
        assert "listening on 127.0.0.1 only" in live.stderr
        # DNS rebinding: a page whose name now points at 127.0.0.1 still sends its own Host.
        rebound = httpx.get(f"{live.url}/api/stories", headers={"Host": "attacker.example:8000"})
        assert "127.0.0.1" in _error(rebound, 400)["message"]
        assert httpx.get(f"{live.url}/api/stories", headers={"Host": "localhost"}).status_code == 200
        # A browser's cross-origin POST is refused, whatever it sends.
        forged = httpx.post(
            f"{live.url}/api/articles",
            content=b"text=hello",
            headers={
                "Origin": "http://attacker.example",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        _error(forged, 403)
        # Without --allow-private the safe fetcher refuses loopback URLs before any model is used.
        refused = httpx.post(f"{live.url}/api/articles", json={"url": f"{pages}/northgate.html"})
        assert "loopback" in _error(refused, 422)["message"]
    finally:
        live.stop()


def test_the_story_page_lists_copied_passages_copied_only_when_dates_show_it() -> None:
    from sourcetrace.model import Article, Edge, Node, Story
    from sourcetrace.web.pages import copied_passages

    line = "The harbour crane collapsed onto two fishing boats early on Sunday morning."
    arts = {
        "x": Article("x", "x.txt", "Port news. " + line, outlet="Outlet X"),
        "y": Article("y", "y.txt", line + " More later.", outlet="Outlet Y"),
        "z": Article("z", "z.txt", line, outlet="Outlet Z"),
        "w": Article("w", "w.txt", line, outlet="Outlet W"),  # another story's article
    }
    label = "“The harbour crane collapsed onto two fishing boats early on…”"  # clipped, as in the graph
    nodes = [Node(f"article:{a}", f"Outlet {a.upper()}", "article", a) for a in arts]
    nodes.append(Node("passage:x:11", label, "passage", "x"))
    edges = [
        Edge("article:z", "passage:x:11", "shares passage", ("c2",)),
        Edge("article:y", "passage:x:11", "copies passage", ("c1",)),
        Edge("article:w", "passage:x:11", "copies passage", ()),
        Edge("passage:x:11", "article:x", "first appears in", ("c1",)),
        Edge("article:y", "article:x", "cites", ("c1",)),
    ]
    (found,) = copied_passages(Story("s1", "Crane", ("x", "y", "z")), nodes, edges, arts)
    assert found.first == "x" and found.text == line
    assert arts["x"].text[found.start : found.end] == line  # where the "read it" link marks it
    assert found.copies == (("y", "copies"), ("z", "shares text with"))  # w is not in the story
    assert set(found.claims) == {"c1", "c2"}
    assert copied_passages(Story("s2", "Other", ("w",)), nodes, edges, arts) == []
