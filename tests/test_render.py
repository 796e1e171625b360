"""Renderers on a dossier built by hand: JSON against the schema, Markdown content, HTML safety and controls.

No model is needed: every record below is written out, so each assertion checks the renderer against
facts chosen here, never against its own output.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.errors import UsageError
from sourcetrace.model import (
    Article,
    ArticleContribution,
    ChainLink,
    Claim,
    Conflict,
    DateMention,
    Dossier,
    Edge,
    Entity,
    Node,
    Problem,
    Provenance,
    Quantity,
    Removed,
    Report,
    Span,
    Story,
    TimelineEvent,
)
from sourcetrace.render import format_for_path, render
from sourcetrace.render.html import render_html
from sourcetrace.render.jsonout import dossier_from_dict, dossier_to_dict, dossier_to_json
from sourcetrace.render.markdown import render_markdown
from sourcetrace.render.svg import layout, provenance_svg

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "spec" / "dossier.schema.json"

SPIEGEL = ChainLink("Der Spiegel", "outlet", "e-spiegel", "reported")
UNNAMED = ChainLink("unnamed sources", "unnamed", None, "according to")
BINGO = ChainLink("Bingo", "organisation", "e-bingo", "denied")
RUSSIA = ChainLink("Russian defence ministry", "organisation", "e-mod", "said")
COUNCIL = ChainLink("Bristol City Council", "organisation", "e-council", "said")


def _identity(text: str) -> str:
    return text


def _article(ident: str, sentences: list[str], **meta: str | None) -> tuple[Article, dict[str, Span]]:
    """An article whose text is its sentences; returns the spans of each sentence by its text."""
    text = " ".join(sentences)
    spans: dict[str, Span] = {}
    offset = 0
    for sentence in sentences:
        spans[sentence] = Span(offset, offset + len(sentence), sentence)
        offset += len(sentence) + 1
    return Article(id=ident, text=text, **meta), spans  # type: ignore[arg-type]


def _report(
    article: str,
    spans: dict[str, Span],
    sentence: str,
    stance: str,
    chain: tuple[ChainLink, ...],
    content: str | None = None,
    **extra: object,
) -> Report:
    span = spans[sentence]
    content_span = span
    if content is not None:
        at = sentence.index(content)
        content_span = Span(span.start + at, span.start + at + len(content), content)
    return Report(article, span, content_span, stance, chain, **extra)  # type: ignore[arg-type]


def make_dossier(tx: Callable[[str], str] = _identity) -> Dossier:
    """Two stories, four claims (one per verdict), a provenance graph, a timeline, a problem.

    ``tx`` rewrites every article-derived string, so the same dossier can carry hostile text.
    """
    s = {
        "a1.1": tx("Bingo will deliver 100 ZT-180 drones to Russia by April, according to sources."),
        "a1.2": tx("The company negotiated the deal in Moscow."),
        "a1.3": tx("Each drone carries 35-50 kg of explosives."),
        "a2.1": tx(
            "Der Spiegel reported that Bingo will deliver 100 drones by April, citing unnamed sources."
        ),
        "a2.2": tx("The drones carry between 35 and 50 kg, the Russian defence ministry said."),
        "a3.1": tx("Bingo reportedly agreed to ship more than a hundred drones, Der Spiegel said."),
        "a4.1": tx("Bingo denied any negotiations with Russia."),
        "b1.1": tx("Councillors approved the £412m tram line, the council said."),
    }
    a1, sp1 = _article(
        "a1",
        [s["a1.1"], s["a1.2"], s["a1.3"]],
        source=tx("corpus/a1_spiegel.txt"),
        title=tx("Chinese firm to build attack drones for Russia"),
        outlet=tx("Der Spiegel"),
        author=tx("Anna Schmidt"),
        published="2023-02-23",
        language="en",
    )
    a1 = replace(a1, removed=(Removed(tx("Subscribe now | 1 € per month"), tx("boilerplate")),))
    a2, sp2 = _article(
        "a2",
        [s["a2.1"], s["a2.2"]],
        source=tx("https://example.org/wire/123"),
        title=tx("Report: Bingo | drones\nfor Russia"),
        outlet=tx("Continental Wire"),
        published="2023-02-24",
        language="en",
    )
    a3, sp3 = _article(
        "a3", [s["a3.1"]], source=tx("corpus/a3.txt"), title=tx("DRONE DEAL"), outlet=tx("Daily Flare")
    )
    a4, sp4 = _article(
        "a4", [s["a4.1"]], source=tx("corpus/a4.txt"), outlet=tx("Xinhua"), published="2023-02-25"
    )
    b1, sp5 = _article("b1", [s["b1.1"]], source=tx("corpus/b1.txt"), title=tx("Tram line approved"))

    c1 = Claim(
        id="c1",
        story="s1",
        statement=tx("Bingo will deliver 100 ZT-180 drones to Russia by April."),
        reports=(
            _report(
                "a1",
                sp1,
                s["a1.1"],
                "asserts",
                (UNNAMED,),
                quantities=(Quantity(tx("100"), 100.0, 100.0, tx("drone")),),
                dates=(DateMention(tx("by April"), 60, 68, "2023-04-30", "by"),),
                predicate="deliver",
                obj="drone",
                subject="e-bingo",
                entities=("e-bingo",),
            ),
            _report("a2", sp2, s["a2.1"], "asserts", (SPIEGEL, UNNAMED)),
            _report(
                "a3",
                sp3,
                s["a3.1"],
                "hedges",
                (SPIEGEL,),
                quantities=(Quantity(tx("more than a hundred"), 100.0, math.inf, None, None, True),),
                headline=True,
            ),
        ),
        origins=(tx("Der Spiegel"),),
        echoes=3,
        conflicts=(
            Conflict("quantity", tx("100 (Der Spiegel) vs more than a hundred (Daily Flare)"), (0, 2)),
        ),
        verdict="contested",
    )
    c2 = Claim(
        id="c2",
        story="s1",
        statement=tx("Bingo negotiated the deal with Russia."),
        reports=(
            _report("a1", sp1, s["a1.2"], "asserts", ()),
            _report("a4", sp4, s["a4.1"], "denies", (BINGO,)),
        ),
        origins=(tx("Der Spiegel"),),
        echoes=2,
        denied_by=(tx("Bingo"),),
        verdict="denied",
    )
    c3 = Claim(
        id="c3",
        story="s1",
        statement=tx("The drones carry 35-50 kg of explosives."),
        reports=(
            _report("a1", sp1, s["a1.3"], "asserts", ()),
            _report(
                "a2",
                sp2,
                s["a2.2"],
                "asserts",
                (RUSSIA,),
                content="The drones carry between 35 and 50 kg",
            ),
        ),
        origins=(tx("Der Spiegel"), tx("Russian defence ministry")),
        echoes=2,
        verdict="corroborated",
    )
    c4 = Claim(
        id="c4",
        story="s2",
        statement=tx("Councillors approved the £412m tram line."),
        reports=(_report("b1", sp5, s["b1.1"], "asserts", (COUNCIL,)),),
        origins=(tx("Bristol City Council"),),
        echoes=1,
        verdict="single_origin",
    )
    nodes = (
        Node("article:a1", tx("Der Spiegel"), "article", "a1"),
        Node("article:a2", tx("Continental Wire"), "article", "a2"),
        Node("article:a3", tx("Daily Flare"), "article", "a3"),
        Node("article:a4", tx("Xinhua"), "article", "a4"),
        Node("article:b1", tx("Tram line approved"), "article", "b1"),
        Node("e-spiegel", tx("Der Spiegel"), "outlet"),
        Node("src-unnamed", tx("unnamed sources"), "unnamed"),
        Node("e-bingo", tx("Bingo"), "organisation"),
        Node("e-mod", tx("Russian defence ministry"), "organisation"),
        Node("e-council", tx("Bristol City Council"), "organisation"),
    )
    edges = (
        Edge("article:a1", "src-unnamed", "cites", ("c1",)),
        Edge("article:a2", "e-spiegel", "cites", ("c1",)),
        Edge("article:a2", "e-mod", "cites", ("c3",)),
        Edge("article:a3", "e-spiegel", "cites", ("c1",)),
        Edge("article:a4", "e-bingo", "denies", ("c2",)),
        Edge("e-spiegel", "src-unnamed", "relays", ("c1",)),
        Edge("article:a3", "article:a2", "copies", ()),
        Edge("article:b1", "e-council", "cites", ("c4",)),
    )
    return Dossier(
        articles=(a1, a2, a3, a4, b1),
        stories=(
            Story(
                "s1",
                tx("Bingo drones for Russia"),
                ("a1", "a2", "a3", "a4"),
                ("c1", "c2", "c3"),
                (("a2", "a3"),),
            ),
            Story("s2", tx("Bristol tram vote"), ("b1",), ("c4",)),
        ),
        entities=(
            Entity(
                "e-bingo",
                tx("Xi'an Bingo Intelligent Aviation"),
                "ORG",
                (tx("Bingo"), tx("Xian Bingo")),
                ("a1",),
            ),
            Entity(
                "e-spiegel",
                tx("Der Spiegel"),
                "OUTLET",
                (tx("Der Spiegel"), tx("Spiegel")),
                ("a1", "a2", "a3"),
            ),
            Entity("e-council", tx("Bristol City Council"), "ORG", (tx("the council"),), ("b1",)),
        ),
        claims=(c1, c2, c3, c4),
        provenance=Provenance(nodes, edges),
        timeline=(
            TimelineEvent("2023-02-23", "published", tx("Der Spiegel publishes the report"), "a1"),
            TimelineEvent("2023-04-30", "event", tx("deadline: 100 drones delivered"), "a1", "c1"),
            TimelineEvent("2023-03-01", "event", tx("Council vote"), "b1", "c4"),
        ),
        contributions=(
            ArticleContribution("a1", ("c2",), ("e-bingo",)),
            ArticleContribution("a2", (), ()),
            ArticleContribution("b1", ("c4",), ("e-council",)),
        ),
        summary=(
            (
                tx("Three articles report the delivery of 100 drones; all trace back to Der Spiegel."),
                ("a1", "a2", "a3"),
            ),
            (tx("Bristol approved a tram line."), ("b1",)),
        ),
        problems=(Problem(tx("corpus/broken.pdf"), tx("not a text file; convert it to .txt"), "ingest"),),
    )


DOSSIER = make_dossier()


# --- JSON --------------------------------------------------------------------------------------------


def test_json_validates_against_the_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the dossier schema is not at {SCHEMA} (shared/ must sit beside the repo)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(dossier_to_json(DOSSIER))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    # And a broken document is caught, so the check above is not vacuous.
    data["claims"][0]["verdict"] = "probably"
    assert list(validator.iter_errors(data))


def test_json_fields() -> None:
    data = dossier_to_dict(DOSSIER)
    assert data["schema"] == "sourcetrace.dossier/1"
    assert [a["id"] for a in data["articles"]] == ["a1", "a2", "a3", "a4", "b1"]
    assert data["articles"][0]["removed"] == [
        {"text": "Subscribe now | 1 € per month", "reason": "boilerplate"}
    ]
    assert data["stories"][0]["duplicates"] == [["a2", "a3"]]
    c1 = data["claims"][0]
    relay = c1["reports"][1]
    text = data["articles"][1]["text"]
    assert relay["sentence"] == text[relay["start"] : relay["end"]]
    assert relay["sentence"].startswith("Der Spiegel reported that Bingo")
    assert [link["source"] for link in relay["attribution"]] == ["Der Spiegel", "unnamed sources"]
    assert relay["attribution"][0] == {
        "source": "Der Spiegel",
        "entity": "e-spiegel",
        "cue": "reported",
        "kind": "outlet",
    }
    assert c1["reports"][0]["quantities"] == [
        {"text": "100", "low": 100.0, "high": 100.0, "unit": "drone", "per": None, "approximate": False}
    ]
    assert c1["reports"][2]["quantities"][0]["high"] is None  # "more than a hundred": no upper bound
    assert c1["reports"][2]["headline"] is True
    assert c1["reports"][0]["dates"][0]["resolved"] == "2023-04-30"
    assert c1["reports"][0]["predicate"] == "deliver"
    assert c1["conflicts"] == [
        {
            "kind": "quantity",
            "detail": "100 (Der Spiegel) vs more than a hundred (Daily Flare)",
            "reports": [0, 2],
        }
    ]
    content = data["claims"][2]["reports"][1]["content"]
    assert content["text"] == "The drones carry between 35 and 50 kg"
    assert text[content["start"] : content["end"]] == content["text"]
    assert data["claims"][1]["denied_by"] == ["Bingo"]
    assert data["claims"][1]["reports"][0]["attribution"] == []  # own voice
    assert {"from": "e-spiegel", "to": "src-unnamed", "kind": "relays", "claims": ["c1"]} in data[
        "provenance"
    ]["edges"]
    assert data["timeline"][1] == {
        "date": "2023-04-30",
        "kind": "event",
        "text": "deadline: 100 drones delivered",
        "article": "a1",
        "claim": "c1",
    }
    assert data["contributions"][0] == {
        "article": "a1",
        "unique_claims": ["c2"],
        "unique_entities": ["e-bingo"],
    }
    assert data["summary"][1] == {"text": "Bristol approved a tram line.", "articles": ["b1"]}
    assert data["problems"] == [
        {"source": "corpus/broken.pdf", "stage": "ingest", "reason": "not a text file; convert it to .txt"}
    ]


def test_json_is_deterministic_and_valid_json() -> None:
    first = dossier_to_json(DOSSIER)
    assert first == dossier_to_json(make_dossier())
    assert "Infinity" not in first and "NaN" not in first
    assert "€" in first  # ensure_ascii=False keeps text readable
    assert first.startswith('{\n  "schema": "sourcetrace.dossier/1"')


def test_json_reads_back_to_the_same_dossier() -> None:
    assert dossier_from_dict(json.loads(dossier_to_json(DOSSIER))) == DOSSIER


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(),
    outlet=st.one_of(st.none(), st.text()),
    author=st.one_of(st.none(), st.text()),
    source=st.text(),
    body=st.text(min_size=1),
    statement=st.text(),
)
def test_article_text_survives_json(
    title: str, outlet: str | None, author: str | None, source: str, body: str, statement: str
) -> None:
    article = Article("x1", source, body, title=title, outlet=outlet, author=author)
    sentence = Span(0, len(body), body)
    claim = Claim(
        "k1", "s1", statement, (Report("x1", sentence, sentence, "asserts", (ChainLink(title, "other"),)),)
    )
    dossier = Dossier(
        (article,), (Story("s1", title, ("x1",), ("k1",)),), (), (claim,), summary=((body, ("x1",)),)
    )
    data = json.loads(dossier_to_json(dossier))
    got = data["articles"][0]
    assert (got["title"], got["outlet"], got["author"], got["source"], got["text"]) == (
        title,
        outlet,
        author,
        source,
        body,
    )
    assert data["claims"][0]["statement"] == statement
    assert data["claims"][0]["reports"][0]["sentence"] == body
    assert data["claims"][0]["reports"][0]["attribution"][0]["source"] == title
    assert data["summary"][0]["text"] == body
    assert dossier_from_dict(data) == dossier


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_report() -> None:
    md = render_markdown(DOSSIER)
    for claim in DOSSIER.claims:
        assert claim.statement in md
    assert "## Bingo drones for Russia" in md and "## Bristol tram vote" in md
    assert md.index("## Bingo drones for Russia") < md.index("## Bristol tram vote")
    assert "Der Spiegel → unnamed sources" in md
    assert "own voice" in md
    # The summary cites its articles, and the citations resolve to anchors.
    assert "all trace back to Der Spiegel. [a1][a2][a3]" in md
    assert "[a1]: #article-a1" in md and '<a id="article-a1"></a>' in md
    # Reports quote the sentence with its stance.
    assert "> Bingo reportedly agreed to ship more than a hundred drones, Der Spiegel said." in md
    assert "**hedges**" in md and "**denies**" in md
    # Claims table sorted by echoes: c1 (3); then c3 (2 echoes, 2 origins) before c2 (2 echoes, 1 origin).
    story_one = md[: md.index("## Bristol tram vote")]
    rows = [line for line in story_one.splitlines() if re.match(r"\| c\d \|", line)]
    assert [row.split(" | ")[0] for row in rows] == ["| c1", "| c3", "| c2"]
    assert "| Contested | 3 |" in rows[0]
    assert "quantity" in rows[0]
    # Who said what, entities with aliases, timeline, contributions, problems.
    assert "| Bingo | organisation | — | — | c2 |" in md
    assert "| Der Spiegel | outlet | c1, c2, c3 | — | — |" in md
    assert "Xi'an Bingo Intelligent Aviation" in md and "Xian Bingo" in md
    assert "**2023-04-30** · event · deadline: 100 drones delivered" in md
    assert "names: Xi'an Bingo Intelligent Aviation" in md
    assert "## Problems" in md and "not a text file; convert it to .txt" in md


def test_markdown_escapes_table_breakers() -> None:
    md = render_markdown(DOSSIER)
    # The title "Report: Bingo | drones\nfor Russia" stays on one line with its pipe escaped.
    assert "Report: Bingo \\| drones for Russia" in md
    hostile = make_dossier(lambda t: t + " | <b>x</b>\n- y")
    out = render_markdown(hostile)
    for line in out.splitlines():
        if re.match(r"\| c\d+ \|", line):
            assert len(re.findall(r"(?<!\\)\|", line)) == 8, line  # 7 columns: 8 unescaped pipes
    assert "<b>" not in out
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(out)
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    tables = re.findall(r"<table>.*?</table>", html, re.DOTALL)
    claims_table = next(t for t in tables if "Statement" in t)
    assert all(row.count("<td") == 7 for row in re.findall(r"<tr>(.*?)</tr>", claims_table, re.DOTALL)[1:])


# --- HTML --------------------------------------------------------------------------------------------

URL_ATTRIBUTES = ("src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data")
PAYLOADS = ("<script>alert(1)</script>", '" onmouseover="x', "javascript:alert(1)", "' onfocus='y")


def _hostile(text: str) -> str:
    return f"{PAYLOADS[2]} {text} {PAYLOADS[0]}{PAYLOADS[1]}{PAYLOADS[3]}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_html_escapes_every_article_string() -> None:
    hostile = make_dossier(_hostile)
    page = render_html(hostile)
    for payload in PAYLOADS[:2] + PAYLOADS[3:]:
        assert payload not in page, payload
    # The strings are shown, escaped, not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Xi&#39;an Bingo Intelligent Aviation" in page
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1  # only the page's own
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in URL_ATTRIBUTES:
                assert not value.strip().lower().startswith("javascript:"), (tag, name, value)
    # Sentences, entity names, sources and problem reasons all came through the escaping.
    assert "Bingo denied any negotiations with Russia." in page
    assert "Bristol City Council" in page and "corpus/broken.pdf" in page and "convert it to .txt" in page


def test_html_has_no_external_assets() -> None:
    page = render_html(DOSSIER)
    parsed = _parse(page)
    tags = [t for t, _ in parsed.tags]
    assert "link" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in parsed.tags:
        for name in URL_ATTRIBUTES:
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", page, re.IGNORECASE)
    assert not re.search(r"url\(|@import", "".join(parsed.styles))
    # The source URL of a2 is shown as text, not linked.
    assert "https://example.org/wire/123" in page
    assert '<meta name="viewport"' in page


def test_html_content_security_policy_allows_exactly_the_page_assets() -> None:
    page = render_html(DOSSIER)
    parsed = _parse(page)
    csp = next(
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    assert len(parsed.scripts) == 1 and len(parsed.styles) == 1
    assert f"script-src {digest(parsed.scripts[0])}" in csp
    assert f"style-src {digest(parsed.styles[0])}" in csp


def test_html_claims_table_controls_and_order() -> None:
    page = render_html(DOSSIER)
    parsed = _parse(page)
    filters = {a["data-filter"] for t, a in parsed.tags if t == "button" and "data-filter" in a}
    assert filters == {"all", "corroborated", "single_origin", "contested", "denied"}
    sorts = {a["data-sort"] for t, a in parsed.tags if t == "button" and "data-sort" in a}
    assert sorts == {"echoes", "origins"}
    rows = [a for t, a in parsed.tags if t == "tr" and "data-verdict" in a]
    assert [(r["data-verdict"], r["data-echoes"], r["data-origins"]) for r in rows] == [
        ("contested", "3", "1"),
        ("corroborated", "2", "2"),
        ("denied", "2", "1"),
        ("single_origin", "1", "1"),
    ]
    # Controls start hidden (the script reveals them), so without JS the page shows no dead buttons.
    controls = [a for t, a in parsed.tags if t == "div" and a.get("class") == "controls"]
    assert controls and all("hidden" in a for a in controls)
    for verdict, label in (
        ("corroborated", "Corroborated"),
        ("denied", "Denied"),
        ("contested", "Contested"),
    ):
        assert f'class="badge verdict v-{verdict}"' in page
        assert f"</span> {label}</span>" in page  # a text label, not colour alone


def test_html_links_resolve_and_sentences_are_marked() -> None:
    page = render_html(DOSSIER)
    parsed = _parse(page)
    ids = {a["id"] for _, a in parsed.tags if "id" in a}
    targets = {a["href"][1:] for _, a in parsed.tags if a.get("href", "").startswith("#")}
    assert targets and targets <= ids, targets - ids
    assert "article-a1" in targets  # summary citations point at the articles
    # The relay sentence is marked inside its context, with the text before it.
    assert (
        "<mark>Der Spiegel reported that Bingo will deliver 100 drones by April, "
        "citing unnamed sources.</mark> The drones carry between 35 and 50 kg" in page
    )
    assert '<span class="content">The drones carry between 35 and 50 kg</span>' in page
    assert (
        'Der Spiegel</span><span class="arrow" aria-label="citing"> → </span><span class="link k-unnamed"'
        in page
    )
    assert "<svg" in page and "Who cites whom" in page
    assert "Timeline" in page and "2023-04-30" in page
    assert "What each article adds" in page and "Problems" in page


# --- SVG ---------------------------------------------------------------------------------------------


def test_svg_layout_reads_left_to_right() -> None:
    nodes, edges = DOSSIER.provenance.nodes, DOSSIER.provenance.edges
    placed, width, height, columns = layout(nodes, edges)
    assert columns == 3
    assert {placed[f"article:{a}"].column for a in ("a1", "a2", "a3", "a4", "b1")} == {0}
    assert placed["e-spiegel"].column == 1  # relays for a2 and a3
    assert placed["src-unnamed"].column == 2  # the innermost source
    assert placed["e-bingo"].column == 2 and placed["e-mod"].column == 2
    assert placed["article:a1"].x < placed["e-spiegel"].x < placed["src-unnamed"].x
    rows = [(p.column, p.y) for p in placed.values()]
    assert len(rows) == len(set(rows))  # no two boxes on top of each other
    assert width > 0 and height > 0
    svg = provenance_svg(nodes, edges)
    assert svg == provenance_svg(nodes, edges)  # deterministic
    assert svg.count('<path class="edge') == len(edges)
    assert 'marker-end="url(#pg-arrow-relays)"' in svg


def test_svg_escapes_labels_and_stays_sized_for_many_nodes() -> None:
    nodes = [Node(f"article:{i}", f"<b>Outlet {i}</b>", "article", str(i)) for i in range(20)]
    nodes += [Node("o", '" onload="x', "person")]
    edges = [Edge(f"article:{i}", "o", "cites", ("c1",)) for i in range(20)]
    svg = provenance_svg(nodes, edges)
    assert "<b>" not in svg and '" onload="x' not in svg
    placed, _, height, _ = layout(nodes, edges)
    assert height >= 20 * 26  # one row per article, never squeezed
    assert placed["o"].column == 1


# --- Choosing a format -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("out.json", "json"),
        ("r.md", "markdown"),
        ("r.markdown", "markdown"),
        ("x/y.HTML", "html"),
        ("p.htm", "html"),
    ],
)
def test_format_for_path(path: str, fmt: str) -> None:
    assert format_for_path(path) == fmt


@pytest.mark.parametrize("path", ["out.txt", "dossier", "a.json.bak"])
def test_format_for_unknown_extension_names_the_valid_ones(path: str) -> None:
    with pytest.raises(UsageError) as info:
        format_for_path(path)
    message = str(info.value)
    assert path in message
    for extension in (".json", ".md", ".markdown", ".html", ".htm"):
        assert extension in message


def test_render_dispatches_on_format() -> None:
    assert json.loads(render(DOSSIER, "json"))["schema"] == "sourcetrace.dossier/1"
    assert render(DOSSIER, "markdown").startswith("# sourcetrace dossier")
    assert render(DOSSIER, "html").startswith("<!doctype html>")
    with pytest.raises(UsageError):
        render(DOSSIER, "pdf")  # type: ignore[arg-type]


def test_claims_and_articles_outside_every_story_are_still_shown() -> None:
    stray = Claim(
        "c9", "s-missing", "A claim whose story was lost.", DOSSIER.claims[3].reports, verdict="single_origin"
    )
    dossier = replace(DOSSIER, claims=(*DOSSIER.claims, stray))
    assert "A claim whose story was lost." in render_markdown(dossier)
    assert "A claim whose story was lost." in render_html(dossier)


def test_empty_dossier_renders() -> None:
    empty = Dossier((), (), (), ())
    assert json.loads(dossier_to_json(empty))["claims"] == []
    assert "0 article(s)" in render_markdown(empty)
    assert "<main" in render_html(empty)
