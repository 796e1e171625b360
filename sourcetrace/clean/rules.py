"""The cleaning rules: an ordered table of (name, reason, test), one row per kind of page furniture.

``RULES`` is what ``stage.clean_paragraphs`` loops over: for each paragraph of the body, the first
rule whose test returns a ``Hit`` removes it (or, for a caption credit glued to a long paragraph, the
tail the hit names) and records the hit's reason; a paragraph no rule takes is kept. Order matters
where two rules could take the same paragraph ("More stories" before the headline-like rules, the
other-language rules before the English patterns, subheadings last).

Every test is conservative: a paragraph made of ordinary sentences is never removed. A row is in the
table only while it helps on pages it was not written from (``eval/extraction.py --kfold`` and
``--set extraction2``; ``docs/extraction.md`` has the figures per rule, ``docs/contributing.md`` the
discipline). To switch rules off for a measurement, pass a shorter table to ``clean_raw(rules=...)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..lexicon import MONTHS, WEEKDAYS
from .language import LANGUAGE_NAMES, _foreign_script, _language_name, _other_language_by_stopwords
from .metadata import parse_date
from .patterns import (
    AGENCY_TAIL,
    BYLINE,
    CAMEL_NAMES,
    CAPTION_START,
    CHROME_SENTENCE,
    CONTACT,
    CREDIT_LOWER,
    CREDIT_TAIL,
    CREDIT_WORDS,
    CREDITS,
    FUNCTION_WORDS,
    GLUED_TEASER,
    IMPRINT,
    LINK_LABEL,
    MORE_BLOCK,
    PERSONAL_CONTACT,
    PUBLISHED_LINE,
    QUOTE_CHARS,
    READ_NEXT,
    READING_TIME,
    SOCIAL,
    SOCIAL_AUTHOR,
    TERMINAL,
    TIMESTAMP,
)
from .text import Paragraph, Segment, _headline_like, _is_sentence_like, _norm, _sentences, _words


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at: the paragraph, its neighbours, and facts about the whole body."""

    body: Sequence[Paragraph]
    index: int  # of the paragraph in ``body``
    previous: Segment | None  # the last paragraph kept so far
    kept_before: int  # how many paragraphs were kept before this one
    capitalised: frozenset[str]  # words the body writes with a capital (lower-cased)
    all_text: str  # the body's paragraphs joined by a space
    main_script: str | None  # the script most of the body's letters are in
    article_language: str | None  # of the body's sentences
    in_more_block: bool  # the paragraphs before were a "More stories" heading and its headlines

    @property
    def paragraph(self) -> Paragraph:
        return self.body[self.index]

    @property
    def text(self) -> str:
        return self.body[self.index].text


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's verdict on one paragraph: remove it (or only ``taken``, a tail of it) for ``reason``.

    A rule may also read metadata from what it removes (``author``, ``published``), relabel the kept
    paragraph before it (a headline repeated above its "Read next" link), or say that the paragraphs
    after it are in a "More stories" block.
    """

    reason: str
    taken: str | None = None
    author: str | None = None
    published: str | None = None
    relabel_previous: str | None = None
    more_block: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table: a short name (for ablation), the reason it records, its test, and whether
    it runs on HTML pages.

    ``html`` is False for a rule that did not earn its place on HTML (``docs/extraction.md``): it helped
    only the one development page it was written from, or cost on pages it was not written from. On
    HTML trafilatura has already dropped most of that furniture; such a rule then runs on plain-text
    inputs only, where it is the only cleaning there is and its tests on invented text hold it.
    """

    name: str
    reason: str  # the reason recorded; a rule with kinds (captions, chrome) refines it in its Hit
    test: Callable[[Context], Hit | None]
    html: bool = True


# ----------------------------------------------------------------------------------------- helpers

def _caption(text: str) -> tuple[str, str] | None:
    """(removed text, reason) when ``text`` is a photo caption or ends with a photo credit."""
    credit = CREDIT_TAIL.search(text)
    if credit is not None and not _credit_like(credit.group("credit") or credit.group("courtesy") or ""):
        credit = None
    credit = credit or AGENCY_TAIL.search(text)
    if credit is None:
        if CAPTION_START.match(text) and len(_words(text)) <= 30 and len(_sentences(text)) <= 2:
            return text, "photo caption"
        return None
    before = text[: credit.start()].strip()
    if not before:
        return text, "photo credit"
    # A caption is one or two short sentences; a long paragraph only loses the credit glued to it.
    if len(_sentences(before)) <= 2 and len(_words(before)) <= 45:
        return text, "photo caption with credit"
    return credit.group(0).strip(), "photo credit"


def _credit_like(credit: str) -> bool:
    """Names, not prose: at most a dozen words, lower-case ones only from a few connectors."""
    words = credit.replace("/", " ").split()
    if not words or len(words) > 12:
        return False
    return all(not w[:1].islower() or w.lower().strip(".,") in CREDIT_LOWER for w in words)


def _credits_line(text: str) -> bool:
    """Names and the few words of a credits line, nothing else: "(Reporting by X; Editing by Y)"."""
    words = _words(text)
    return 0 < len(words) <= 40 and all(w[:1].isupper() or w.lower() in CREDIT_WORDS for w in words)


def _date_line(text: str) -> bool:
    """A line that holds a date and nothing else but its label, weekday, time and zone ("Published:
    Thursday, March 16, 2023 10:00 GMT"): not a sentence about a date."""
    words = _words(text)
    labels = {"published", "posted", "updated", "last", "date", "first", "on", "at", "am", "pm", "a", "p"}
    labels.add("m")
    rest = [w for w in words if w.lower() not in labels | WEEKDAYS and w.lower() not in MONTHS]
    return len(words) <= 10 and all(w.isupper() or w in {"st", "nd", "rd", "th"} for w in rest)


def _chrome_reason(sentence: str) -> str | None:
    s = sentence.strip().rstrip(".!").strip()
    if not s or not CHROME_SENTENCE.match(s):
        return None
    lowered = s.lower()
    if "cookie" in lowered or "privacy" in lowered or "consent" in lowered or "do not sell" in lowered:
        return "cookie/privacy notice"
    if lowered.startswith(("terms", "all rights", "©", "copyright")):
        return "terms/copyright notice"
    if re.match(r"(editor|chief editor|publisher)", lowered):
        return "imprint"
    if re.search(r"signing up|subscri|inbox|you(?:'re|’re| are) (?:all )?set", lowered):
        return "newsletter sign-up"
    return "page chrome"


def _chrome(text: str) -> str | None:
    """The reason when every sentence of ``text`` is page chrome (cookies, terms, imprint, buttons)."""
    if len(text) > 400:
        return None
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\s+[|•·]\s+", text) if p.strip()]
    reasons = [_chrome_reason(p) for p in parts]
    if not parts or any(r is None for r in reasons):
        return None
    if IMPRINT.match(text) and "imprint" in reasons:
        return "imprint"
    return next(r for r in reasons if r)


def _contact_only(text: str) -> bool:
    """A paragraph made of nothing but e-mail addresses, profile links and handles."""
    rest = PERSONAL_CONTACT.sub(" ", text)
    return rest != text and not _words(
        re.sub(r"\b(?:email|e-mail|twitter|follow|at|on|or|and)\b", " ", rest, flags=re.IGNORECASE)
    )


def _tag_list(paragraph: Paragraph, previous: str | None, capitalised: frozenset[str]) -> bool:
    """Keywords in lower case on a line of their own, most of them names the article capitalises."""
    text = paragraph.text
    if paragraph.kind in ("item", "cell") or re.search(r"[^\w\s'’-]", text):
        return False
    words = text.split()
    if not 2 <= len(words) <= 12 or any(not w.islower() for w in words):
        return False
    if any(w in FUNCTION_WORDS for w in words):
        return False
    named = sum(1 for w in words if w in capitalised)
    # Prose has function words; a keyword line without any, naming what the article names, is tags.
    if named < (1 if len(words) >= 4 else 2):
        return False
    # A wrapped fragment of a sentence continues the line before; a tag line follows a finished one.
    return paragraph.alone or previous is None or bool(TERMINAL.search(previous)) or previous.endswith(":")


def _subheading(paragraphs: Sequence[Paragraph], index: int, kept_before: int) -> bool:
    """A crosshead inside the body: alone, short, between paragraphs of sentences (or a markup heading)."""
    paragraph = paragraphs[index]
    text = paragraph.text
    words = _words(text)
    if not words or kept_before == 0 or paragraph.kind in ("item", "cell"):
        return False
    if paragraph.heading:
        return len(words) <= 20
    if len(words) > 14 or not paragraph.alone:
        return False
    if text.endswith((".", "!", "?", ",", ";", ":", "…")) or text[:1] in QUOTE_CHARS:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return (
        following is not None
        and _is_sentence_like(following.text)
        and len(_words(following.text)) > len(words)
    )


def _teaser_run(paragraphs: Sequence[Paragraph], index: int, all_text: str) -> bool:
    """Part of a run of three or more short paragraphs that are each a headline glued to its blurb."""

    def teaser(p: Paragraph) -> bool:
        if len(_words(p.text)) > 45:
            return False
        glued = GLUED_TEASER.findall(CAMEL_NAMES.sub(" ", CONTACT.sub(" ", p.text)))
        # A brand name is camel-cased wherever it occurs; a glue seam is unique to its teaser.
        return any(all_text.count(token) == 1 for token in glued)

    if not teaser(paragraphs[index]):
        return False
    start = index
    while start > 0 and teaser(paragraphs[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(paragraphs) and teaser(paragraphs[end + 1]):
        end += 1
    return end - start >= 2



# ------------------------------------------------------------------------------------------- tests


def more_block_item(ctx: Context) -> Hit | None:
    """A related headline under a "More stories" heading: short, no final stop, not a markup heading."""
    if ctx.in_more_block and _headline_like(ctx.text, max_words=30) and not ctx.paragraph.heading:
        return Hit("related headline in a 'More stories' block", more_block=True)
    return None


def more_heading(ctx: Context) -> Hit | None:
    """The heading of a block of related links: "More stories", "Most read", "You may also like"."""
    if len(ctx.text) < 60 and MORE_BLOCK.match(ctx.text):
        return Hit("'More stories' heading", more_block=True)
    return None


def read_next(ctx: Context) -> Hit | None:
    """A "Read next: <headline>" link; the headline itself, when it stands just above, goes with it."""
    match = READ_NEXT.match(ctx.text)
    if not match or not _headline_like(match.group("headline"), max_words=25):
        return None
    repeated = ctx.previous is not None and _norm(ctx.previous.text) == _norm(match.group("headline"))
    return Hit(
        "'Read Next' link",
        relabel_previous="related headline repeated before 'Read Next'" if repeated else None,
    )


def foreign_script(ctx: Context) -> Hit | None:
    """A paragraph mostly in another script than the article's (a Russian notice on an English page)."""
    if not _foreign_script(ctx.text, ctx.main_script):
        return None
    name = _language_name(ctx.text)
    return Hit(f"other language ({name})" if name else "other language")


def foreign_words(ctx: Context) -> Hit | None:
    """A same-script paragraph plainly in another language by its function words (a German banner on
    an English page). Quotations are left alone: a quote in its original language is the story's."""
    if re.search(r"[\"“”«»„]", ctx.text):
        return None
    code = _other_language_by_stopwords(ctx.text, ctx.article_language)
    return Hit(f"other language ({LANGUAGE_NAMES.get(code, code)})") if code else None


def link_label(ctx: Context) -> Hit | None:
    """Upper-case link-list labels glued to what they introduce: "DON'T MISSPlague and ...", "READ MORE:"."""
    if LINK_LABEL.match(ctx.text) and len(_words(ctx.text)) <= 80:
        return Hit("related links")
    return None


def caption(ctx: Context) -> Hit | None:
    """A photo caption, a credit line, or the credit glued to the end of a paragraph (only that goes)."""
    found = _caption(ctx.text)
    if found is None:
        return None
    taken, reason = found
    return Hit(reason, taken=taken)


def social(ctx: Context) -> Hit | None:
    """A social or app promo: "Follow us on Twitter", "Sign up for our newsletter", "Share this"; a
    "Follow Jane Doe on Twitter" near the end names the author."""
    if not SOCIAL.match(ctx.text) or len(_words(ctx.text)) > 30:
        return None
    author = SOCIAL_AUTHOR.match(ctx.text)
    near_end = ctx.index + 1 >= len(ctx.body) - 3
    return Hit("social promo", author=author.group("name") if author and near_end else None)


def chrome(ctx: Context) -> Hit | None:
    """A paragraph of nothing but page chrome sentences: cookies, terms, buttons, "Advertisement"."""
    reason = _chrome(ctx.text)
    return Hit(reason) if reason is not None else None


def imprint(ctx: Context) -> Hit | None:
    """An imprint line: "Editor-in-chief ...", "Copyright ...", "Registered as ..."; not a sentence."""
    text = ctx.text
    if IMPRINT.match(text) and len(_words(text)) <= 25 and not _is_sentence_like(text.split(".")[0] + "."):
        return Hit("imprint")
    return None


def reading_time(ctx: Context) -> Hit | None:
    """"5 min read", "Reading time: 3 minutes" and their equivalents in a few languages."""
    return Hit("reading time") if READING_TIME.match(ctx.text) else None


def timestamp(ctx: Context) -> Hit | None:
    """"Updated 10:32 GMT": a time stamp on a line of its own."""
    return Hit("timestamp line") if TIMESTAMP.match(ctx.text) else None


def credits(ctx: Context) -> Hit | None:
    """"(Reporting by X; Editing by Y)", "Z contributed reporting to this story": names and labels only."""
    if CREDITS.search(ctx.text.strip("()[] ")) and _credits_line(ctx.text):
        return Hit("contributor credits")
    return None


def contact(ctx: Context) -> Hit | None:
    """A paragraph of nothing but e-mail addresses, profile links and handles."""
    return Hit("contact details") if _contact_only(ctx.text) else None


def byline(ctx: Context) -> Hit | None:
    """"By Jane Doe, Staff Writer": names the author. "By Monday, the troops had withdrawn." stays."""
    match = BYLINE.match(ctx.text)
    if match is None or len(_words(ctx.text)) > 14:
        return None
    return Hit("byline", author=match.group("name"))


def date_line(ctx: Context) -> Hit | None:
    """"Published: Thursday, March 16, 2023 10:00 GMT": a date and its label; gives the date."""
    stamp = PUBLISHED_LINE.match(ctx.text)
    if stamp is None or not _date_line(ctx.text):
        return None
    when = parse_date(stamp.group("date"))
    return Hit("publication date line", published=when) if when else None


def tag_list(ctx: Context) -> Hit | None:
    """Keywords in lower case on a line of their own, naming what the article names."""
    previous = ctx.previous.text if ctx.previous else None
    return Hit("tag list") if _tag_list(ctx.paragraph, previous, ctx.capitalised) else None


def teaser_run(ctx: Context) -> Hit | None:
    """Three or more short paragraphs, each a related headline glued to its blurb."""
    return Hit("related headline (teaser)") if _teaser_run(ctx.body, ctx.index, ctx.all_text) else None


def subheading(ctx: Context) -> Hit | None:
    """A crosshead: short and alone between paragraphs of sentences, or a markup heading. Body, not
    furniture, but not a sentence of the story either; the extraction eval puts it back."""
    return Hit("subheading") if _subheading(ctx.body, ctx.index, ctx.kept_before) else None


# ------------------------------------------------------------------------------------------- table

# The rows in the order they are tried. ``html=False``: plain-text inputs only (see ``Rule``): on the
# 70 dev pages (5 folds) and the 150 pages of extraction2 such a rule helped on one fold at most and
# nowhere on extraction2, or cost on one of them (docs/extraction.md has the figures per rule).
# ``subheading`` stays on HTML although the benchmarks cannot see it: a crosshead is body, which they
# count in, and it only keeps crossheads out of ``Article.text``. Removed after measurement:
# ``heading_run`` (three markup headings in a row), which exists only on HTML and cost extraction2 recall.
RULES: tuple[Rule, ...] = (
    Rule("more_block_item", "related headline in a 'More stories' block", more_block_item, html=False),
    Rule("more_heading", "'More stories' heading", more_heading, html=False),
    Rule("read_next", "'Read Next' link", read_next),
    Rule("foreign_script", "other language", foreign_script, html=False),
    Rule("foreign_words", "other language", foreign_words, html=False),
    Rule("link_label", "related links", link_label, html=False),
    Rule("caption", "photo caption / photo credit", caption),
    Rule("social", "social promo", social, html=False),
    Rule("chrome", "page chrome / cookie/privacy notice / terms/copyright notice", chrome),
    Rule("imprint", "imprint", imprint),
    Rule("reading_time", "reading time", reading_time, html=False),
    Rule("timestamp", "timestamp line", timestamp, html=False),
    Rule("credits", "contributor credits", credits, html=False),
    Rule("contact", "contact details", contact, html=False),
    Rule("byline", "byline", byline, html=False),
    Rule("date_line", "publication date line", date_line, html=False),
    Rule("tag_list", "tag list", tag_list, html=False),
    Rule("teaser_run", "related headline (teaser)", teaser_run, html=False),
    Rule("subheading", "subheading", subheading),
)
RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)


def rules_without(names: Sequence[str]) -> tuple[Rule, ...]:
    """The table less the named rules (for ablation). Raises ``KeyError`` for a name not in it."""
    unknown = set(names) - set(RULE_NAMES)
    if unknown:
        raise KeyError(f"no cleaning rule named {', '.join(sorted(unknown))}; rules: {', '.join(RULE_NAMES)}")
    return tuple(rule for rule in RULES if rule.name not in names)
