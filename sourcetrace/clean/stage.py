"""The cleaning stage: title, standfirst, the rules table over each paragraph, glued words, metadata."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..model import Article, RawDocument, Removed
from ..outlets import identify_outlet
from .html import Extracted, extract_html
from .language import _main_script, detect_language
from .metadata import parse_date
from .patterns import COPYRIGHT_OUTLET, DATELINE_OUTLET, GLUED, GLUED_REAL_WORDS, QUOTE_CHARS
from .rules import RULES, Context, Rule
from .text import (
    Paragraph,
    Segment,
    _headline_like,
    _is_sentence_like,
    _norm,
    _paragraphs_from_text,
    _same_headline,
    _words,
)

# The steps around the rules table, each measured like a rule (``eval/extraction.py``): the page's
# title and the labels above it, the standfirst repeating the description, glued words split.
STEPS: tuple[str, ...] = ("title", "standfirst", "glued_words")


@dataclass(frozen=True, slots=True)
class CleanText:
    """What ``clean_text`` returns: the body, the title it found, what it removed, and text cues.

    ``segments`` is the whole input in order, each paragraph kept or removed with its reason, so that a
    caller can rebuild any view of it (the extraction eval puts the subheadings back).
    """

    text: str
    title: str | None
    language: str | None
    removed: tuple[Removed, ...]
    segments: tuple[Segment, ...] = ()
    author: str | None = None
    outlet: str | None = None
    published: str | None = None


def clean_text(
    text: str,
    *,
    title: str | None = None,
    rules: Sequence[Rule] = RULES,
    steps: Collection[str] = STEPS,
) -> CleanText:
    """Clean plain article text: find the title, drop page chrome (recorded), repair glued words.

    Requires the article's text with paragraphs separated by blank lines (or one per line); ``title``
    when metadata already knows it (then a first line repeating it is dropped as the title). Adds the
    cleaned body with paragraphs joined by a blank line and every removal with its reason.
    """
    return clean_paragraphs(_paragraphs_from_text(text), title=title, rules=rules, steps=steps)


def _leading_title(
    paragraphs: Sequence[Paragraph], title: str | None
) -> tuple[int, str | None, list[Segment]]:
    """Where the body starts after its title; the title (found or given); what went before it.

    With a known ``title``, one of the first three paragraphs repeating it is the title, and short
    labels before it ("Review", a section name) go with it. Without one, a first short line without a
    final stop, followed by a blank line or a longer paragraph, is the title.
    """
    if not paragraphs:
        return 0, title, []
    if paragraphs[0].heading and not _is_sentence_like(paragraphs[0].text) and len(paragraphs) > 1:
        # The page's own headline opens the body; the metadata title may be a different (SEO) wording.
        shown = paragraphs[0].text
        if title and _norm(shown) != _norm(title) and not _same_headline(shown, title):
            return 1, title, [Segment(shown, "headline shown on the page")]
        return (
            1,
            title or shown,
            []
            if not title or _norm(shown) == _norm(title)
            else [Segment(shown, "title repeated in the body")],
        )
    if title:
        for index, paragraph in enumerate(paragraphs[:3]):
            if _is_sentence_like(paragraph.text) and not paragraph.heading and index > 0:
                break
            if _same_headline(paragraph.text, title):
                labels = paragraphs[:index]
                if all(len(_words(p.text)) <= 6 and _headline_like(p.text) for p in labels):
                    before = [Segment(p.text, "section label above the title") for p in labels]
                    if _norm(paragraph.text) != _norm(title):
                        before.append(Segment(paragraph.text, "title repeated in the body"))
                    return index + 1, title, before
                break
        return 0, title, []
    first = paragraphs[0].text
    words = _words(first)
    if not 1 <= len(words) < 20 or len(paragraphs) < 2:
        return 0, None, []
    if first.rstrip(QUOTE_CHARS).endswith((".", "!", ",", ";", "…")) or first.endswith(":"):
        return 0, None, []
    if paragraphs[0].alone or paragraphs[0].heading or len(_words(paragraphs[1].text)) > len(words):
        return 1, first, []
    return 0, None, []


def _standfirst(paragraph: Paragraph, description: str) -> bool:
    """The blurb under the headline that repeats the page's description: marked up as a heading, or
    without a final stop. A lede the description merely quotes is a paragraph of the story and stays."""
    shown, meta = _norm(paragraph.text), _norm(description)
    if not shown:
        return False
    if paragraph.heading:
        return shown == meta or (len(shown) >= 40 and meta.startswith(shown))
    return shown == meta and _headline_like(paragraph.text, max_words=60)


def clean_paragraphs(
    paragraphs: list[Paragraph],
    *,
    title: str | None,
    description: str | None = None,
    rules: Sequence[Rule] = RULES,
    steps: Collection[str] = STEPS,
) -> CleanText:
    """Find the title and standfirst, then run the rules table over each body paragraph in order.

    ``rules`` and ``steps`` (a subset of ``STEPS``) are there for ablation; the defaults are the stage.
    """
    if "title" in steps:
        start, found_title, segments = _leading_title(paragraphs, title)
    else:
        start, found_title, segments = 0, title, []
    if (
        "standfirst" in steps
        and description
        and start < len(paragraphs)
        and _standfirst(paragraphs[start], description)
    ):
        segments.append(Segment(paragraphs[start].text, "standfirst (the page's description)"))
        start += 1
    author: str | None = None
    outlet: str | None = None
    published: str | None = None

    body = paragraphs[start:]
    all_text = " ".join(p.text for p in body)
    main_script = _main_script(all_text)
    sentences_only = " ".join(p.text for p in body if _is_sentence_like(p.text))
    article_language = detect_language(sentences_only or all_text)
    capitalised = frozenset(re.sub(r"['’]s$", "", w.lower()) for w in _words(all_text) if w[:1].isupper())

    kept_before = 0
    previous_at: int | None = None  # index in ``segments`` of the last kept paragraph
    in_more_block = False
    for index, paragraph in enumerate(body):
        text = paragraph.text
        context = Context(
            body=body,
            index=index,
            previous=segments[previous_at] if previous_at is not None else None,
            kept_before=kept_before,
            capitalised=capitalised,
            all_text=all_text,
            main_script=main_script,
            article_language=article_language,
            in_more_block=in_more_block,
        )
        hit = next((found for rule in rules if (found := rule.test(context)) is not None), None)
        in_more_block = hit is not None and hit.more_block
        if hit is None:
            segments.append(Segment(text))
            previous_at = len(segments) - 1
            kept_before += 1
            continue
        if hit.relabel_previous is not None and previous_at is not None:
            segments[previous_at] = Segment(segments[previous_at].text, hit.relabel_previous)
            kept_before -= 1
            earlier = range(previous_at - 1, -1, -1)
            previous_at = next((i for i in earlier if segments[i].reason is None), None)
        taken = hit.taken if hit.taken is not None else text
        if taken != text and text.endswith(taken):
            segments.append(Segment(text[: len(text) - len(taken)].rstrip()))
            previous_at = len(segments) - 1
            kept_before += 1
            segments.append(Segment(taken, hit.reason))
        else:
            segments.append(Segment(text, hit.reason))
        author = author or hit.author
        published = published or hit.published
        if hit.reason in {"imprint", "terms/copyright notice"} and outlet is None:
            copyright_match = COPYRIGHT_OUTLET.search(text)
            if copyright_match:
                outlet = copyright_match.group("outlet").strip(" .,")

    repairs: list[Removed] = []
    if "glued_words" in steps:
        segments, repairs = _split_glued_words(segments)
    kept = [s.text for s in segments if s.reason is None]
    text = "\n\n".join(kept)
    if outlet is None and kept:
        dateline = DATELINE_OUTLET.match(kept[0])
        if dateline:
            outlet = dateline.group("outlet")
    removed = tuple(Removed(s.text, s.reason) for s in segments if s.reason is not None) + tuple(repairs)
    language = detect_language(text) if text else article_language
    return CleanText(
        text,
        found_title,
        language,
        removed,
        tuple(segments),
        author=author,
        outlet=outlet,
        published=published,
    )


def _split_glued_words(segments: list[Segment]) -> tuple[list[Segment], list[Removed]]:
    """Split ``Ukrainereports`` into ``Ukraine reports`` in the kept text where that is unambiguous.

    Unambiguous means: a capitalised word glued to a reporting word, the glued form occurs nowhere else
    as a word, the head does occur on its own in the same text, and the whole is not an English word.
    """
    kept_text = "\n\n".join(s.text for s in segments if s.reason is None)
    standalone = set(re.findall(r"\b[^\W\d_]+\b", kept_text))
    repairs: list[Removed] = []

    def fix(match: re.Match[str]) -> str:
        whole, head, tail = match.group(0), match.group("head"), match.group("tail")
        if whole.lower() in GLUED_REAL_WORDS or head not in standalone:
            return whole
        if len(re.findall(rf"\b{re.escape(whole)}\b", kept_text)) > 1:
            return whole
        fixed = f"{head} {tail}"
        repairs.append(Removed(whole, f"split glued words -> {fixed!r}"))
        return fixed

    repaired = [Segment(GLUED.sub(fix, s.text), None) if s.reason is None else s for s in segments]
    return repaired, repairs




def clean_document(raw: RawDocument, *, article_id: str) -> Article:
    """Turn one raw document into an article: body text, metadata and the record of what was removed.

    Requires a ``RawDocument`` (text or HTML) and the id the article is to have. Adds ``text`` (the
    cleaned body, paragraphs joined by a blank line), ``title``, ``outlet`` (metadata, else the URL's
    host, else an imprint or dateline in the text), ``author``, ``published`` (metadata first, then the
    `` date`` line ingest read, then a reliable text cue), ``language`` (ISO 639-1) and ``removed``.
    """
    return clean_raw(raw, article_id=article_id)[0]


def clean_raw(
    raw: RawDocument,
    *,
    article_id: str,
    rules: Sequence[Rule] = RULES,
    steps: Collection[str] = STEPS,
    extracted: Extracted | None = None,
) -> tuple[Article, tuple[Segment, ...]]:
    """``clean_document``, plus every paragraph of the input in order, kept or removed with its reason.

    ``rules`` replaces the table (the extraction eval switches rules off); ``extracted`` is the HTML
    stage's output when the caller has it already (the eval caches trafilatura's work).
    """
    extra_removed: list[Removed] = []
    if raw.kind == "html":
        if extracted is None:
            extracted = extract_html(raw.content, raw.url)
        # trafilatura has done the work the text-only rules do; see ``Rule.html``.
        rules = tuple(rule for rule in rules if rule.html)
        cleaned = clean_paragraphs(
            extracted.paragraphs,
            title=raw.title or extracted.title,
            description=extracted.description,
            rules=rules,
            steps=steps,
        )
        meta_outlet = raw.outlet or extracted.outlet
        meta_author = raw.author or extracted.author
        meta_published = raw.published or extracted.published
        url = extracted.url or raw.url
    else:
        cleaned = clean_text(raw.content, title=raw.title, rules=rules, steps=steps)
        meta_outlet, meta_author, meta_published, url = raw.outlet, raw.author, raw.published, raw.url
    published = None
    if meta_published:
        published = parse_date(meta_published)
        if published is None:
            extra_removed.append(Removed(meta_published, "published date in an unreadable format"))
    source_url = url or (raw.source if raw.source.lower().startswith(("http://", "https://")) else None)
    article = Article(
        id=article_id,
        source=raw.source,
        text=cleaned.text,
        title=cleaned.title,
        outlet=identify_outlet(meta_outlet, source_url, cleaned.text, cleaned.outlet),
        author=meta_author or cleaned.author,
        published=published or cleaned.published,
        language=cleaned.language,
        removed=cleaned.removed + tuple(extra_removed),
    )
    return article, cleaned.segments
