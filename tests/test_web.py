"""The web app in a real browser: Debian's Chromium driven by Playwright against a live server.

List -> story -> claim -> article, filters and sorting with JavaScript off, checking a claim, the CSRF
and sign-in guards on forms, and an article full of script that must run nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import CHROMIUM, CHROMIUM_ARGS, EXAMPLES, LiveServer, article_payload, start_server

TOKEN = "web-test-token-9c2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

pytestmark = pytest.mark.models

# A story of its own (a harbour fire, nothing like the example corpus), full of things that must not run.
HOSTILE_TITLE = '<script>window.__pwned="title"</script>Harbour <b onmouseover="window.__pwned=1">fire</b>'
HOSTILE_OUTLET = '"><svg onload="window.__pwned=\'outlet\'">'
HOSTILE_TEXT = (
    "Fire officers in Port Ellery said that a blaze destroyed three fishing boats in the harbour "
    '<script>window.__pwned = "body"; alert("xss")</script> on Sunday night.\n\n'
    'The harbour master denied the fire was started deliberately <img src="x" onerror="window.__pwned=1"> '
    'and called the rumours "<a href="javascript:window.__pwned=\'link\'">baseless</a>", '
    "a spokesperson told the Ellery Gazette.\n\n"
    "Boat owners said the insurers <svg onload=\"window.__pwned='svg'\"> would pay for new boats, "
    'according to the local council <iframe src="javascript:alert(2)"></iframe> '
    "<style>body{display:none}</style>.\n"
)
CORPUS = (
    "a1_northgate-review",
    "a2_continental-wire",
    "a3_daily-flare",
    "a4_powerplant-intelligence",
    "b1_avonside-chronicle",
    "b2_light-rail-bulletin",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A token-guarded server holding part of the example corpus (two stories), added through the API."""
    live = start_server(tmp_path_factory.mktemp("web") / "web.db", token=TOKEN)
    try:
        for name in CORPUS:
            response = httpx.post(
                f"{live.url}/api/articles",
                json=article_payload(EXAMPLES / f"{name}.txt"),
                headers=AUTH,
                timeout=600,
            )
            assert response.status_code == 201, response.text
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests skipped: {CHROMIUM} not found (Debian's chromium package; make system-deps)"
        )
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"browser tests skipped: Chromium would not start: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


class Watched:
    """A page with every console message, dialog and page error recorded."""

    def __init__(self, browser: Any, *, viewport: dict[str, int] = LAPTOP, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def _fits(page: Any) -> bool:
    """No sideways scrolling of the page itself (wide tables and the graph scroll inside their boxes)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_list_story_claim_article_by_clicking(site: LiveServer, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(site.url + "/")
    assert page.title() == "Stories · sourcetrace"
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 2
    assert sorted(rows.locator("td[data-label=Articles]").all_inner_texts()) == ["2", "4"]
    page.get_by_role("link", name=re.compile("Foynes|Irish|engine", re.I)).first.click()
    page.wait_for_url(re.compile(r"/stories/s1$"))
    assert page.locator("h1").inner_text()
    assert page.locator("table.claims tbody tr").count() == int(
        page.locator(".filters a[aria-current] .n").inner_text()
    )
    assert page.locator("svg.provenance").count() == 1
    for heading in (
        "Summary",
        "Claims",
        "Check a claim",
        "Who cites whom",
        "Timeline",
        "What each article adds",
    ):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)

    first = page.locator("a.claim-link").first
    statement = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/stories/s1/claims/c\d+$"))
    assert page.locator("h1").inner_text() == statement
    reports = page.locator("li.report")
    assert reports.count() >= 2
    assert reports.first.locator("mark").count() == 1  # the sentence, highlighted in its context
    assert reports.first.locator(".attribution .chain .link").count() >= 1  # who says it, citing whom
    page.screenshot(path=str(tmp_path / "claim.png"), full_page=True)

    sentence = reports.first.locator("mark").inner_text()
    reports.first.get_by_role("link", name="Read it in the article").click()
    page.wait_for_url(re.compile(r"/articles/[^?]+\?start=\d+&end=\d+#mark$"))
    assert " ".join(page.locator("mark#mark").inner_text().split()) == " ".join(sentence.split())
    assert watched.console == [] and watched.errors == [] and watched.dialogs == []


def test_filter_and_sort_work_without_javascript(site: LiveServer, browser: Any) -> None:
    watched = Watched(browser, javascript=False)
    page = watched.page
    try:
        page.goto(site.url + "/stories/s1")
        denied = int(page.locator(".filters a.v-denied .n").inner_text())
        page.locator(".filters a.v-denied").click()
        page.wait_for_url(re.compile(r"verdict=denied"))
        verdicts = page.locator("table.claims tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.verdict)"
        )
        assert verdicts == ["denied"] * denied
        page.locator(".filters a", has_text="All").click()
        page.get_by_role("link", name="origins", exact=True).click()
        page.wait_for_url(re.compile(r"sort=origins"))
        origins = [int(x) for x in page.locator("td[data-label=Origins] strong").all_inner_texts()]
        assert origins == sorted(origins, reverse=True) and len(origins) > 3
        page.get_by_role("link", name="echoes", exact=True).click()
        echoes = [int(x) for x in page.locator("td[data-label=Echoes]").all_inner_texts()]
        assert echoes == sorted(echoes, reverse=True)
    finally:
        watched.close()


def test_check_a_claim_from_the_story_page(site: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(site.url + "/stories/s2")
    page.get_by_label("Claim", exact=True).fill("Bristol councillors approved a tram line to the Harbourside")
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url(re.compile(r"/stories/s2/check$"))
    results = page.locator("ol.check-results > li")
    assert results.count() == 2  # one per article of the story
    stances = [t.strip() for t in results.locator(".badge").all_inner_texts()]
    assert set(stances) <= {"agree", "disagree", "discuss", "unrelated"} and "agree" in stances


def test_pages_fit_a_phone(site: LiveServer, browser: Any, tmp_path: Path) -> None:
    watched = Watched(browser, viewport=PHONE)
    page = watched.page
    try:
        for path in (
            "/",
            "/stories/s1",
            "/stories/s1/claims/c1",
            "/stories/s1/articles/a1_northgate-review",
            "/add",
        ):
            page.goto(site.url + path)
            assert _fits(page), f"{path} scrolls sideways at 390px"
        page.goto(site.url + "/stories/s1")
        page.screenshot(path=str(tmp_path / "story-phone.png"))
    finally:
        watched.close()


def test_forms_need_a_csrf_token_and_adding_needs_sign_in(site: LiveServer) -> None:
    with httpx.Client(base_url=site.url, headers={"Accept": "text/html"}) as client:
        form = client.get("/add")
        assert "Sign in" in form.text and "disabled" in form.text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text)
        assert csrf and client.cookies.get("st_csrf")
        data = {"csrf": csrf.group(1), "kind": "text", "body": "Officials said the plant closed on Monday."}
        forged = client.post("/add", data={**data, "csrf": "0" * 64})
        assert forged.status_code == 403 and "reload the page" in forged.text
        assert client.post("/add", data={k: v for k, v in data.items() if k != "csrf"}).status_code == 422
        unsigned = client.post("/add", data=data)
        assert unsigned.status_code == 401 and "Sign in" in unsigned.text
        wrong = client.post("/login", data={"csrf": csrf.group(1), "token": "guess"})
        assert wrong.status_code == 401
    with httpx.Client(base_url=site.url) as other:  # a token from one browser is no good in another
        assert other.post("/add", data=data).status_code == 403


def test_a_hostile_article_runs_nothing(site: LiveServer, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(site.url + "/login")
    page.get_by_label("Token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url + "/")
    assert page.get_by_role("button", name="Sign out").count() == 1

    page.goto(site.url + "/add")
    page.get_by_role("radio", name="Pasted text").check()
    page.get_by_role("textbox", name=re.compile("^Text or HTML")).fill(HOSTILE_TEXT)
    page.get_by_role("textbox", name=re.compile("^Title")).fill(HOSTILE_TITLE)
    page.get_by_role("textbox", name=re.compile("^Outlet")).fill(HOSTILE_OUTLET)
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url(re.compile(r"/stories/s\d+\?added="), timeout=600_000)
    assert page.locator(".flash.ok").count() == 1
    story_url = page.url
    # The same payloads through the API, with a javascript: URL as the article's source.
    api = httpx.post(
        f"{site.url}/api/articles",
        json={
            "text": HOSTILE_TEXT.replace("three", "four"),
            "title": HOSTILE_TITLE,
            "source": "javascript:alert(1)",
        },
        headers=AUTH,
        timeout=600,
    )
    assert api.status_code == 201, api.text

    added = re.search(r"/stories/([^?]+)\?added=([^&#]+)", story_url)
    assert added
    story, article = added.groups()
    (via_api,) = api.json()["results"]
    visited = [story_url, f"{site.url}/stories/{story}/articles/{article}"]
    page.goto(visited[-1])
    assert "<script>" in page.locator(".article-text").inner_text()  # shown as text, not run
    assert "<svg onload" in page.locator("h1").inner_text() or "<script>" in page.locator("h1").inner_text()
    page.goto(f"{site.url}/stories/{via_api['story']}/articles/{via_api['article']}")
    visited.append(page.url)
    source = page.locator("dt:text('Source') + dd")
    assert source.inner_text() == "javascript:alert(1)" and source.locator("a").count() == 0
    claim_links = page.locator("ul.reports-here a[href*='/claims/']")
    assert claim_links.count() >= 1
    claim_links.first.click()
    visited.append(page.url)
    page.screenshot(path=str(tmp_path / "hostile-claim.png"), full_page=True)
    for url in [*visited, site.url + "/", f"{site.url}/stories/{story}"]:
        page.goto(url)
        page.mouse.move(200, 300)  # hover anything that would run on mouseover
        state = page.evaluate(
            """() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                scripts: document.scripts.length,
                handlers: [...document.querySelectorAll('*')].flatMap(
                    el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
                jsLinks: [...document.querySelectorAll('[href],[src]')].filter(el =>
                    /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || '')
                ).length,
                frames: document.querySelectorAll('iframe, embed, object').length,
                hidden: getComputedStyle(document.body).display === 'none',
            })"""
        )
        assert state == {
            "pwned": None,
            "scripts": 0,
            "handlers": [],
            "jsLinks": 0,
            "frames": 0,
            "hidden": False,
        }, url
    assert watched.dialogs == [] and watched.errors == []
    assert not [m for m in watched.console if "Content Security Policy" in m or "xss" in m]


# An invented story of a minister's resignation, told four ways: a source close to the minister quoted by
# the Harwick Herald (the origin, relayed by that outlet), the Valley Post copying that sentence a day
# later, the Coastal Times restating it in its own voice, and the Northern Ledger citing "reports" only.
RESIGNATION = (
    "A source close to the minister said that Edda Marsk, the transport minister of Lorvania, had offered "
    "her resignation to the prime minister."
)
MARSK_STORY = (
    (
        "Harwick Herald",
        "2026-03-02",
        "Marsk offers to resign",
        f"{RESIGNATION}\n\nMarsk has led the transport ministry since 2023. Her plan to close four regional "
        "rail lines drew protests in the northern provinces last autumn.\n",
    ),
    (
        "Valley Post",
        "2026-03-03",
        "Lorvania's government under pressure",
        "Lorvania's government faces a difficult spring as the budget vote approaches and the opposition "
        f"gains in the polls.\n\n{RESIGNATION}\n\nFarmers in the southern valleys have blocked roads for a "
        "week to protest against a new water tax.\n",
    ),
    (
        "Coastal Times",
        "2026-03-04",
        "Transport minister on her way out",
        "Edda Marsk, the transport minister of Lorvania, has offered her resignation to the prime minister."
        "\n\nHer departure would leave the government without its most experienced minister weeks before "
        "the budget vote. Rail unions in the northern provinces welcomed the news on Wednesday.\n",
    ),
    (
        "Northern Ledger",
        "2026-03-05",
        "Rail unions celebrate",
        "Rail unions in Lorvania held rallies in three northern cities on Thursday.\n\nThe transport "
        "minister, Edda Marsk, has offered her resignation to the prime minister, according to reports.\n",
    ),
)


def test_a_claim_shows_its_origin_relay_echoes_and_the_story_its_copied_passage(
    site: LiveServer, watched: Watched, tmp_path: Path
) -> None:
    stories = set()
    for outlet, published, title, text in MARSK_STORY:
        response = httpx.post(
            f"{site.url}/api/articles",
            json={"text": text, "title": title, "outlet": outlet, "published": published},
            headers=AUTH,
            timeout=600,
        )
        assert response.status_code == 201, response.text
        stories.update(r["story"] for r in response.json()["results"])
    assert len(stories) == 1, stories  # one story, so the four articles are judged together
    (story,) = stories

    page = watched.page
    page.goto(f"{site.url}/stories/{story}")
    assert page.get_by_role("heading", name="Copied passages", exact=True).count() == 1
    passages = page.locator("ol.passages > li")
    assert passages.count() == 1
    passage = passages.first
    assert " ".join(passage.locator("blockquote").inner_text().split()) == RESIGNATION  # whole, not clipped
    copy_line = " ".join(passage.locator("ul > li").first.inner_text().split())
    # Dated articles: the later one copies the passage from the earlier one (not "shares text with").
    assert copy_line.startswith("Valley Post copies this passage from Harwick Herald"), copy_line
    page.screenshot(path=str(tmp_path / "story-passages.png"), full_page=True)
    passage.get_by_role("link", name="Read it where it first appears").click()
    page.wait_for_url(re.compile(r"/articles/[^?]+\?start=\d+&end=\d+#mark$"))
    assert " ".join(page.locator("mark#mark").inner_text().split()) == RESIGNATION
    assert page.locator("h1").inner_text() == "Marsk offers to resign"
    page.go_back()

    # The claim that holds the resignation as all four articles tell it (the sentence's nested "offered
    # her resignation" can also stand as a claim of its own: found from the dossier, not assumed).
    dossier = httpx.get(f"{site.url}/api/stories/{story}", timeout=60).json()
    told_by_all = [
        c["id"]
        for c in dossier["claims"]
        if len({r["article"] for r in c["reports"]}) == len(MARSK_STORY)
        and all("resignation" in r["content"]["text"] for r in c["reports"])
    ]
    assert len(told_by_all) == 1, [(c["id"], [r["article"] for r in c["reports"]]) for c in dossier["claims"]]
    page.goto(f"{site.url}/stories/{story}/claims/{told_by_all[0]}")
    assert page.get_by_role("heading", name="Origins and echoes", exact=True).count() == 1
    origins = page.locator("ol.origins > li.origin")
    assert origins.count() == 1  # the copy and the own-voice repeat are not second origins
    origin = origins.first
    assert origin.locator("h3").inner_text().endswith("Harwick Herald")
    assert origin.locator(".described").inner_text() == "a source close to the minister, via Harwick Herald"
    relay = " ".join(origin.locator(".attribution .chain").first.inner_text().split())
    # The chain may end with the holder of what was offered (an intention's holder is no source).
    assert relay.startswith("Harwick Herald → a source close to the minister"), relay
    echoes = [" ".join(t.split()) for t in origin.locator("ul.echoes > li").all_inner_texts()]
    # Valley Post is the one outlet that echoes the origin (the page lists each of its reports: the
    # sentence's statement and the offer inside it may both sit in the claim), and it is a copy.
    assert echoes and all("(Valley Post)" in e for e in echoes), echoes
    assert all("copies a passage of Harwick Herald" in e for e in echoes), echoes
    # The own-voice repeat names no source of its own: an echo, listed apart from the origin's own.
    others = page.get_by_role("heading", name=re.compile(r"^Echoes not tied to one origin"))
    assert others.count() == 1
    own_voice = " ".join(page.locator("section.provenance > ul.echoes").inner_text().split())
    assert "Coastal Times" in own_voice and "own voice" in own_voice, own_voice
    untraced = page.get_by_role("heading", name=re.compile(r"^Untraced: shown, not counted"))
    assert untraced.count() == 1
    assert "Northern Ledger" in page.locator("ul.untraced").inner_text()
    # Each reference leads to its report further down the page.
    origin.locator("ul.echoes a").first.click()
    assert page.locator("li.report:target").count() == 1
    page.screenshot(path=str(tmp_path / "claim-origins.png"), full_page=True)
    assert watched.console == [] and watched.errors == [] and watched.dialogs == []
