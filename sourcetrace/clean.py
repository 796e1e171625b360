"""Cleaning: one ``RawDocument`` in, one ``Article`` out, with every removal recorded.

Requires a ``RawDocument`` from ``ingest``; adds the article's cleaned body text (paragraphs joined by a
blank line), its title, outlet, author, published date and language, and ``removed``: every stretch of
the input that is not in ``text`` (page chrome, captions, subheadings, repaired glued words), each with
its reason. Nothing leaves the text without a record.

Stages, in the order they run::

    HTML  --trafilatura (body + metadata)--> paragraphs ─┐
    text  --blocks, wrapped lines joined----> paragraphs ─┴-> title -> chrome rules -> glued words
          -> language -> metadata (outlet, author, published)

The chrome rules look at one paragraph at a time, with a little context (the paragraph before, whether
it stands alone between blank lines, whether it opens a "More stories" block). They are written to be
conservative: a paragraph made of ordinary sentences is never removed, and a caption credit glued to a
long paragraph takes only the credit with it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from .model import Article, RawDocument, Removed
from .outlets import identify_outlet

__all__ = [
    "CleanText", "Segment", "clean_document", "clean_raw", "clean_text", "detect_language",
    "outlet_from_url", "parse_date",
]

# ------------------------------------------------------------------------------------------ patterns

_TERMINAL = re.compile(r"""[.!?…][\"'”’»)\]]*$""")
_QUOTE_CHARS = "\"'“”‘’«»„"
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net)/\S*|@\w{2,}"
)
# Only addresses that reach a person: e-mail, a social-network profile, a handle. Bare links can be
# content (a list of products, the documents a story cites) and stay.
_PERSONAL_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|threads)"
    r"\.(?:com|net)/\S+|@\w{2,}"
)

_CREDIT_AGENCIES = (
    r"AFP|AP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|Xinhua|TASS|Sputnik|"
    r"Anadolu(?: Agency)?|ANSA|DPA|dpa|Kyodo|Yonhap|PA(?: Wire)?|Associated Press|NurPhoto|SOPA Images|"
    r"LightRocket|Wikimedia Commons|Wikipedia|Unsplash|Pexels|Flickr|iStock(?:photo)?|ZUMA(?: Press)?"
)
# "Photo: Yasuyoshi CHIBA / AFP", "(Image source: Wikimedia Commons)", "Credit: Reuters", "Picture by X"
_CREDIT_TAIL = re.compile(
    # Only at the start, after a finished sentence, or opening a bracket: "a picture by the lake" is prose.
    r"""(?:^|(?<=[.!?…”’"'])|(?<=[.!?…”’"']\s)|(?<=\s)(?=[(\[]))[(\[]?\s*"""
    r"""(?:(?:Photo(?:graph)?|Picture|Image|Foto|Video|Illustration|Graphic|Pic|Credit|Image source|"""
    r"""Photo credit|Photo source|Image credit|Main image credit)s?(?:\s+(?:credit|source|courtesy))?"""
    r"""\s*(?::|by\b|courtesy\b)(?P<credit>[^()\[\]]{1,120}?)"""
    r"""|(?:Courtesy of|Photographer:)(?P<courtesy>\s[^()\[\]]{1,80}?))\s*[)\]]?\s*$""",
    re.IGNORECASE,
)
# Words that may stand in lower case inside a credit ("Jane Doe for The Times via Getty Images").
_CREDIT_LOWER = frozenset(
    {"via", "for", "and", "of", "the", "by", "de", "van", "von", "da", "courtesy", "from"}
)
_AGENCY_TAIL = re.compile(
    rf"(?:[/|©]\s*(?:{_CREDIT_AGENCIES})(?:\s+via\s+[\w .]+)?|\((?:{_CREDIT_AGENCIES})\))\s*$"
)
# A caption without a credit is recognised by its label only: "A photo released by the ministry shows
# ..." opens sentences of stories too.
_CAPTION_START = re.compile(
    r"^(?:(?:File )?(?:Photo|Picture|Image|Caption|Illustration|Pictured)\b\s*:|FILE PHOTO\b)", re.IGNORECASE
)
_READ_NEXT = re.compile(
    r"^(?:read next|read more|read also|also read|see also|related|related article|related story|"
    r"recommended|recommended reading|watch|watch now|listen|more|more on this|latest|don't miss|don’t miss)"
    r"\s*[:|–—>»-]\s*(?P<headline>.+)$",
    re.IGNORECASE,
)
# Upper-case link-list labels glued to what they introduce: "DON'T MISSPlague and ...", "READ MORE: ..."
_LINK_LABEL = re.compile(
    r"^(?:DON['’]T MISS|READ MORE|READ NEXT|SEE ALSO|ALSO READ|RELATED|MORE:)\s*:?\s*(?=[A-Z\[])"
)
_MORE_BLOCK = re.compile(
    r"^(?:more (?:stories|news|articles|from [\w .'-]{1,40}|on this (?:story|topic))|related (?:stories|"
    r"articles|news|coverage|content|reading|posts)|recommended(?: for you| stories| articles)?|"
    r"most (?:read|popular|viewed|shared)|you (?:may|might) also (?:like|be interested in)|"
    r"also on [\w .'-]{1,40}|"
    r"top stories|latest (?:news|stories|articles)|what to read next|trending(?: now| stories)?|"
    r"popular (?:stories|now|articles)|editor(?:'s|’s|s)? picks?|further reading|in other news|"
    r"more in [\w .'-]{1,40}|read more|related|don['’]t miss)\s*:?$",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    # Whom to follow is "us", a pronoun, a handle or a capitalised name: "Like many on Twitter, ..." is prose.
    r"^(?i:follow|like|join|subscribe to|find)\s+(?:(?i:us|him|her|them|me)|@\w+|[A-Z0-9][\w.’'&-]*"
    r"(?:\s+(?:[A-Z0-9][\w.’'&-]*|of|on|the))*?)\s+(?i:on|at|via)\s+"
    r"(?i:twitter|x|facebook|instagram|linkedin|telegram|tiktok|threads|mastodon|bluesky|youtube|whatsapp|"
    r"google news|our (?:website|channel))\b[^.!?]{0,80}[.!]?$"
    r"|^(?i:follow|read|see|get)\s+(?:(?i:our|the)|[\w’'.-]+(?:'s|’s))\s+(?i:full|complete|latest|live)\s+"
    r"(?i:coverage)\b[^!?]{0,120}$"
    r"|^(?i:share (?:this|on)|download (?:our|the) app|get (?:our|the) (?:newsletter|app)"
    r"|listen to (?:this|the) (?:article|story)|email this|print this)\b[^?]{0,120}$"
    # "Sign up for the army has doubled" is news; a sign-up promo names what you sign up for.
    r"|^(?i:sign up(?: (?:for|to)|:)|subscribe (?:to|for|now))(?=.{0,80}\b(?i:our|newsletters?|podcasts?|"
    r"channel|updates|alerts|app|youtube|email|e-mail|rss|notifications|free|now|today|here)\b)[^?]{0,120}$"
)
_IMPRINT = re.compile(
    r"^(?:editor[- ]in[- ]chief|chief editor|editor|publisher|managing editor|executive editor|"
    r"founder and editor|copyright|©|\(c\)|all rights reserved|registered as|media registration)\b",
    re.IGNORECASE,
)
# Short sentences that are page chrome wherever they occur; a paragraph made only of these goes.
_CHROME_SENTENCE = re.compile(
    r"^(?:(?:we|this (?:site|website))(?: and our partners)? uses? cookies\b.*|cookies? (?:policy|settings|"
    r"preferences)|accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|consent|preferences)|"
    r"privacy(?: policy| notice| statement| settings)?|terms(?: of (?:use|service))?(?: and conditions)?|"
    r"terms & conditions|all rights reserved|contact us|about us|advertise(?: with us)?|sitemap|"
    r"advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top|log ?in|sign ?in|"
    r"sign up|subscribe|register|newsletter|share(?: this(?: article| story)?)?|tweet|email|print|comments?|"
    r"close|menu|search|explore further|"
    r"by continuing to (?:browse|use)\b(?=[^.]*\b(?:site|website|service|cookies?|agree)\b).*|"
    r"do not sell my (?:personal )?information|your privacy choices|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"scroll to continue(?: with content)?|"
    r"thanks? (?:you )?for (?:signing up|subscribing|registering)|there was an error processing your \w+|"
    r"(?:keep an eye on|check) your inbox\b.*|you(?:'re|’re| are) (?:all )?(?:set|subscribed)|"
    r"loading(?:\.\.\.)?|(?:editor[- ]in[- ]chief|chief editor|publisher)\s*[—–:-].*|©.*|"
    r"copyright\s*(?:©|\(c\)|\d{4}).*)$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read|(?:estimated )?read(?:ing)? time\s*:?\s*\d+\s*min.{0,10}|"
    r"(?:tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|leestijd|tempo di lettura)"
    r"\s*:?\s*\d.{0,15}|"
    r"\d+\s*min(?:ute)?s? (?:de )?(?:leitura|lectura|lecture|lesezeit))$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"^(?:updated|published|posted|last updated)(?: at| on)?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,4})?\.?$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"contributed (?:reporting )?to this (?:report|story|article)\.?$"
    r"|^(?:additional |with )?reporting (?:by|from)\b"
    r"|^(?:writing|editing|edited|compiled|produced) by\b",
    re.IGNORECASE,
)
# The only lower-case words a credits line has; anything else makes it a sentence of the story
# ("Reporting by the BBC suggests ...").
_CREDIT_WORDS = frozenset(
    (
        "reporting", "by", "and", "in", "from", "with", "additional", "editing", "edited", "writing",
        "written", "compiled", "produced", "contributed", "to", "this", "report", "story", "article",
        "writers", "writer", "reporters", "reporter", "staff", "correspondent", "correspondents", "the",
        "of", "for", "via", "also",
    )
)
_BYLINE = re.compile(
    # Two capitalised words at least, no final stop: "By Monday, the troops had withdrawn." is a sentence.
    r"^(?i:by|written by|words by)\s+(?P<name>[A-Z][\w.’'-]+(?:\s+(?:[A-Z][\w.’'-]+|and|de|van|von|al))"
    r"{1,5})(?:\s*[,|/–—-]\s*[^.!?]{0,60})?$",
)
_PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|updated|last updated|date|first published)\s*(?:on|at)?\s*:?\s*(?P<date>.{6,60})$",
    re.IGNORECASE,
)
_DATELINE_OUTLET = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}\s*\((?P<outlet>Reuters|AP|AFP|Bloomberg|CNN|Xinhua|TASS|UPI|dpa)\)\s*[-–—]"
)
_COPYRIGHT_OUTLET = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<outlet>[A-Z][\w&.’' -]{1,50}?)"
    r"\s*(?:\.|,|$|all rights reserved)",
    re.IGNORECASE,
)
_SOCIAL_AUTHOR = re.compile(
    r"^follow\s+(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})\s+on\s+(?:twitter|x|instagram|threads|bluesky|"
    r"mastodon)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "said", "says", "that", "this",
        "these", "those", "it", "its", "he", "she", "they", "we", "you", "i", "not", "no", "as", "than",
        "then", "there", "their", "his", "her", "our", "who", "which", "what", "when", "where", "will",
        "would", "could", "should", "can", "may", "might", "do", "does", "did"
    ]
)
# The commonest function words of the languages whose pages we meet most; a paragraph with none of
# its article's and several of another's is in that other language. Cheap and, unlike a character
# n-gram model on one short line, not fooled by names and numbers.
_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to in is that for it with as was on be by this are from at or have has an not but "
        "which will they their were been would said its who we you he she",
        "de": "der die das und ist nicht mit sich des auf für ein eine dem den von zu im wir sie es auch bei "
        "werden wird oder aber um ihre ihr diese können sind",
        "fr": "le la les et des est une un du que qui dans pour pas sur au avec ce il elle nous vous sont "
        "par plus ne se son aux cette été",
        "es": "el la los las y de que en un una es por para con no se del al lo su como más pero sus le ya "
        "está son este esta ha",
        "it": "il lo la gli le di che è e per un una non con del della dei si sono da al nel alla questo "
        "come più anche ma ha ci",
        "pt": "o a os as de que e do da em um uma para com não no na por se dos das mais como ao foi é são "
        "seu sua mas está",
        "nl": "de het een en van is dat op te in niet met voor zijn er die ook aan als bij maar om wordt "
        "door worden naar dan kan wij we",
    }.items()
}
_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                   "pt": "Portuguese", "nl": "Dutch"}
_REPORTING_SUFFIXES = (
    "reports", "reported", "said", "says", "told", "added", "adds", "claimed", "claims", "noted", "notes",
    "wrote", "writes", "stated", "states", "announced", "confirmed", "denied", "reportedly", "according",
)
_GLUED = re.compile(r"\b(?P<head>[A-Z][a-z]{2,}?)(?P<tail>" + "|".join(_REPORTING_SUFFIXES) + r")\b")
_GLUED_REAL_WORDS = frozenset({"untold", "foretold", "retold", "unsaid", "aforesaid", "gainsaid", "undenied"})
# A teaser: a related headline glued to its blurb by careless extraction ("Pats place Olszewski on
# IRNew England's roster ..."). Brand names are camel-cased too, so only runs of them count.
_GLUED_TEASER = re.compile(r"\S*(?:[a-z0-9?!’')\]][A-Z][a-z]|[A-Z]{2}[A-Z][a-z]{2})\S*")
_CAMEL_NAMES = re.compile(
    r"\b(?:Mc|Mac|De|Di|Le|La|Van|Von|O['’]|i|e|You|Play|Java|Linked|Whats|Face|Power)[A-Z]"
)

# ---------------------------------------------------------------------------------------- paragraphs


@dataclass(slots=True)
class _Paragraph:
    text: str
    alone: bool = True  # stands between blank lines (or is a block of its own in the markup)
    heading: bool = False  # the markup says it is a heading
    kind: str = "p"  # markup kind for HTML: p, head, item, quote, cell


@dataclass(frozen=True, slots=True)
class Segment:
    """One paragraph (or part of one) of the input, in order: kept (``reason`` None) or removed."""

    text: str
    reason: str | None = None


def _paragraphs_from_text(text: str) -> list[_Paragraph]:
    """Split plain text into paragraphs: blocks between blank lines; in a block, each line is one
    paragraph unless it plainly continues the line before (a hard wrap)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    paragraphs: list[_Paragraph] = []
    for block in re.split(r"\n[ \t\u00a0\u3000]*\n", text):
        lines = [_squash(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        joined: list[str] = [lines[0]]
        for line in lines[1:]:
            if _continues(joined[-1], line, lines):
                joined[-1] = joined[-1] + " " + line
            else:
                joined.append(line)
        for line in joined:
            paragraphs.append(_Paragraph(line, alone=len(joined) == 1))
    return paragraphs


def _continues(previous: str, line: str, block: Sequence[str]) -> bool:
    """Whether ``line`` is the rest of ``previous`` broken by a hard wrap, not a line of its own."""
    if _TERMINAL.search(previous) or previous.endswith(":"):
        return False
    first = line[:1]
    if first.islower() or (first.isdigit() and not previous[-1:].isdigit()):
        return True
    # Hard-wrapped text: several long lines of similar length, none ending a sentence.
    long_lines = [x for x in block[:-1] if len(x) >= 55]
    return len(block) >= 3 and len(long_lines) >= len(block) - 1 and len(previous) >= 55


def _squash(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u2009\u200a\u202f\u3000]+", " ", line).strip(" \t\u00a0\u200b\ufeff")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-ZА-Я0-9])", text)
    return [p.strip() for p in parts if p.strip()]


def _is_sentence_like(text: str) -> bool:
    return bool(_TERMINAL.search(text)) and len(_words(text)) >= 4


def _headline_like(text: str, *, max_words: int = 30) -> bool:
    """A short line without a full stop at its end: a headline, a teaser, a heading."""
    words = _words(text)
    return 0 < len(words) <= max_words and not _TERMINAL.search(text)


def _norm(text: str) -> str:
    return " ".join(_words(text.lower()))


def _same_headline(a: str, b: str) -> bool:
    """Whether two headlines are the same up to case, punctuation and a site name added to one."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long = sorted((na, nb), key=len)
    if len(short) >= 0.6 * len(long) and (long.startswith(short) or long.endswith(short)):
        return True
    sa, sb = set(na.split()), set(nb.split())
    return len(sa & sb) >= 0.85 * len(sa | sb)


# ------------------------------------------------------------------------------------------- rules


def _caption(text: str) -> tuple[str, str] | None:
    """(removed text, reason) when ``text`` is a photo caption or ends with a photo credit."""
    credit = _CREDIT_TAIL.search(text)
    if credit is not None and not _credit_like(credit.group("credit") or credit.group("courtesy") or ""):
        credit = None
    credit = credit or _AGENCY_TAIL.search(text)
    if credit is None:
        if _CAPTION_START.match(text) and len(_words(text)) <= 30 and len(_sentences(text)) <= 2:
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
    return all(not w[:1].islower() or w.lower().strip(".,") in _CREDIT_LOWER for w in words)


def _credits_line(text: str) -> bool:
    """Names and the few words of a credits line, nothing else: "(Reporting by X; Editing by Y)"."""
    words = _words(text)
    return 0 < len(words) <= 40 and all(w[:1].isupper() or w.lower() in _CREDIT_WORDS for w in words)


def _date_line(text: str) -> bool:
    """A line that holds a date and nothing else but its label, weekday, time and zone ("Published:
    Thursday, March 16, 2023 10:00 GMT"): not a sentence about a date."""
    words = _words(text)
    labels = {"published", "posted", "updated", "last", "date", "first", "on", "at", "am", "pm", "a", "p"}
    labels.add("m")
    rest = [w for w in words if w.lower() not in labels | _WEEKDAYS and w.lower() not in _MONTHS]
    return len(words) <= 10 and all(w.isupper() or w in {"st", "nd", "rd", "th"} for w in rest)


def _chrome_reason(sentence: str) -> str | None:
    s = sentence.strip().rstrip(".!").strip()
    if not s or not _CHROME_SENTENCE.match(s):
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
    if _IMPRINT.match(text) and "imprint" in reasons:
        return "imprint"
    return next(r for r in reasons if r)


def _contact_only(text: str) -> bool:
    """A paragraph made of nothing but e-mail addresses, profile links and handles."""
    rest = _PERSONAL_CONTACT.sub(" ", text)
    return rest != text and not _words(
        re.sub(r"\b(?:email|e-mail|twitter|follow|at|on|or|and)\b", " ", rest, flags=re.IGNORECASE)
    )


def _tag_list(paragraph: _Paragraph, previous: str | None, capitalised: set[str]) -> bool:
    """Keywords in lower case on a line of their own, most of them names the article capitalises."""
    text = paragraph.text
    if paragraph.kind in ("item", "cell") or re.search(r"[^\w\s'’-]", text):
        return False
    words = text.split()
    if not 2 <= len(words) <= 12 or any(not w.islower() for w in words):
        return False
    if any(w in _FUNCTION_WORDS for w in words):
        return False
    named = sum(1 for w in words if w in capitalised)
    # Prose has function words; a keyword line without any, naming what the article names, is tags.
    if named < (1 if len(words) >= 4 else 2):
        return False
    # A wrapped fragment of a sentence continues the line before; a tag line follows a finished one.
    return paragraph.alone or previous is None or bool(_TERMINAL.search(previous)) or previous.endswith(":")


def _subheading(paragraphs: Sequence[_Paragraph], index: int, kept_before: int) -> bool:
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
    if text.endswith((".", "!", "?", ",", ";", ":", "…")) or text[:1] in _QUOTE_CHARS:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return (
        following is not None
        and _is_sentence_like(following.text)
        and len(_words(following.text)) > len(words)
    )


def _heading_run(paragraphs: Sequence[_Paragraph], index: int) -> bool:
    """Part of a run of three or more markup headings with nothing between them: a list of links."""
    start = index
    while start > 0 and paragraphs[start - 1].heading:
        start -= 1
    end = index
    while end + 1 < len(paragraphs) and paragraphs[end + 1].heading:
        end += 1
    return paragraphs[index].heading and end - start >= 2


def _teaser_run(paragraphs: Sequence[_Paragraph], index: int, all_text: str) -> bool:
    """Part of a run of three or more short paragraphs that are each a headline glued to its blurb."""

    def teaser(p: _Paragraph) -> bool:
        if len(_words(p.text)) > 45:
            return False
        glued = _GLUED_TEASER.findall(_CAMEL_NAMES.sub(" ", _CONTACT.sub(" ", p.text)))
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


# ----------------------------------------------------------------------------------------- scripts


def _script_of(char: str) -> str | None:
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    for script in (
        "LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "CJK", "HIRAGANA", "KATAKANA", "HANGUL",
        "DEVANAGARI", "THAI", "GEORGIAN", "ARMENIAN", "BENGALI", "TAMIL",
    ):
        if name.startswith(script):
            return {"HIRAGANA": "CJK", "KATAKANA": "CJK"}.get(script, script)
    return "OTHER"


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in _CONTACT.sub(" ", text):
        script = _script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def _main_script(text: str) -> str | None:
    counts = _script_counts(text)
    return max(counts, key=lambda s: counts[s]) if counts else None


def _foreign_script(text: str, main: str | None) -> bool:
    """Mostly letters of another script than the article's (a Russian notice in an English article)."""
    counts = _script_counts(text)
    total = sum(counts.values())
    if not main or total - counts.get(main, 0) < 8:
        return False
    return counts.get(main, 0) < 0.3 * total


def _other_language_by_stopwords(text: str, article_language: str | None) -> str | None:
    """The code of another language a same-script paragraph is plainly in, from its function words."""
    own = _STOPWORDS.get(article_language or "")
    if own is None:
        return None
    words = [w.lower() for w in _words(text)]
    if len(words) < 6 or any(w in own for w in words):
        return None
    best, hits = None, 0
    for code, stopwords in _STOPWORDS.items():
        if code == article_language:
            continue
        count = sum(1 for w in words if w in stopwords)
        if count > hits:
            best, hits = code, count
    return best if hits >= 3 and hits >= 0.2 * len(words) else None


# ------------------------------------------------------------------------------------------ language

_LANGUAGE_LOCK = threading.Lock()
_DETECTOR: list[Any] = []
# The languages news in our inputs comes in. Lingua's low-accuracy lazy mode over these 24 costs about
# 35 MB and 0.4 s; over all 75 languages about 76 MB and 1.5 s (measured 2026-11, see docs).
_LANGUAGES = (
    "ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN", "UKRAINIAN",
    "POLISH", "CZECH", "SWEDISH", "DANISH", "BOKMAL", "FINNISH", "TURKISH", "ARABIC", "PERSIAN", "HEBREW",
    "CHINESE", "JAPANESE", "KOREAN", "HINDI", "INDONESIAN",
)


def _detector() -> Any:
    """Lingua's detector over ``_LANGUAGES``, low-accuracy mode, models loaded lazily; built once."""
    with _LANGUAGE_LOCK:
        if not _DETECTOR:
            try:
                from lingua import Language, LanguageDetectorBuilder
            except ImportError:
                _DETECTOR.append(None)
            else:
                languages = [getattr(Language, name) for name in _LANGUAGES if hasattr(Language, name)]
                _DETECTOR.append(
                    LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
                )
        return _DETECTOR[0]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is mostly written in, or None when unsure or too short."""
    sample = _CONTACT.sub(" ", text[:3000])
    if len(_words(sample)) < 3:
        return None
    detector = _detector()
    if detector is None:
        return None
    language = detector.detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None


def _language_name(text: str) -> str | None:
    code = detect_language(text)
    if code is None:
        return None
    from lingua import IsoCode639_1, Language

    return str(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title())


# ------------------------------------------------------------------------------------------ cleaning


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


def clean_text(text: str, *, title: str | None = None) -> CleanText:
    """Clean plain article text: find the title, drop page chrome (recorded), repair glued words.

    Requires the article's text with paragraphs separated by blank lines (or one per line); ``title``
    when metadata already knows it (then a first line repeating it is dropped as the title). Adds the
    cleaned body with paragraphs joined by a blank line and every removal with its reason.
    """
    return _clean_paragraphs(_paragraphs_from_text(text), title=title)


def _leading_title(
    paragraphs: Sequence[_Paragraph], title: str | None
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
    if first.rstrip(_QUOTE_CHARS).endswith((".", "!", ",", ";", "…")) or first.endswith(":"):
        return 0, None, []
    if paragraphs[0].alone or paragraphs[0].heading or len(_words(paragraphs[1].text)) > len(words):
        return 1, first, []
    return 0, None, []


def _standfirst(paragraph: _Paragraph, description: str) -> bool:
    """The blurb under the headline that repeats the page's description: marked up as a heading, or
    without a final stop. A lede the description merely quotes is a paragraph of the story and stays."""
    shown, meta = _norm(paragraph.text), _norm(description)
    if not shown:
        return False
    if paragraph.heading:
        return shown == meta or (len(shown) >= 40 and meta.startswith(shown))
    return shown == meta and _headline_like(paragraph.text, max_words=60)


def _clean_paragraphs(
    paragraphs: list[_Paragraph], *, title: str | None, description: str | None = None
) -> CleanText:
    start, found_title, segments = _leading_title(paragraphs, title)
    if description and start < len(paragraphs) and _standfirst(paragraphs[start], description):
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
    capitalised = {re.sub(r"['’]s$", "", w.lower()) for w in _words(all_text) if w[:1].isupper()}

    def kept_count() -> int:
        return sum(1 for s in segments if s.reason is None)

    index = 0
    in_more_block = False
    while index < len(body):
        paragraph = body[index]
        text = paragraph.text
        previous = next((s for s in reversed(segments) if s.reason is None), None)
        reason: str | None = None
        taken = text
        index += 1

        if in_more_block:
            if _headline_like(text, max_words=30) and not paragraph.heading:
                segments.append(Segment(text, "related headline in a 'More stories' block"))
                continue
            in_more_block = False
        if len(text) < 60 and _MORE_BLOCK.match(text):
            segments.append(Segment(text, "'More stories' heading"))
            in_more_block = True
            continue
        read_next = _READ_NEXT.match(text)
        if read_next and _headline_like(read_next.group("headline"), max_words=25):
            if previous is not None and _norm(previous.text) == _norm(read_next.group("headline")):
                at = len(segments) - 1 - segments[::-1].index(previous)
                segments[at] = Segment(previous.text, "related headline repeated before 'Read Next'")
            segments.append(Segment(text, "'Read Next' link"))
            continue

        if _foreign_script(text, main_script):
            name = _language_name(text)
            reason = f"other language ({name})" if name else "other language"
        elif not re.search(r"[\"“”«»„]", text) and (
            code := _other_language_by_stopwords(text, article_language)
        ):
            reason = f"other language ({_LANGUAGE_NAMES.get(code, code)})"
        elif _LINK_LABEL.match(text) and len(_words(text)) <= 80:
            reason = "related links"
        elif (caption := _caption(text)) is not None:
            taken, reason = caption
        elif _SOCIAL.match(text) and len(_words(text)) <= 30:
            reason = "social promo"
            social_author = _SOCIAL_AUTHOR.match(text)
            if social_author and index >= len(body) - 3:
                author = author or social_author.group("name")
        elif (chrome := _chrome(text)) is not None:
            reason = chrome
        elif (
            _IMPRINT.match(text)
            and len(_words(text)) <= 25
            and not _is_sentence_like(text.split(".")[0] + ".")
        ):
            reason = "imprint"
        elif _READING_TIME.match(text):
            reason = "reading time"
        elif _TIMESTAMP.match(text):
            reason = "timestamp line"
        elif _CREDITS.search(text.strip("()[] ")) and _credits_line(text):
            reason = "contributor credits"
        elif _contact_only(text):
            reason = "contact details"
        elif (byline := _BYLINE.match(text)) is not None and len(_words(text)) <= 14:
            reason = "byline"
            author = author or byline.group("name")
        elif (
            (stamp := _PUBLISHED_LINE.match(text)) is not None
            and _date_line(text)
            and (when := parse_date(stamp.group("date")))
        ):
            reason = "publication date line"
            published = published or when
        elif _tag_list(paragraph, previous.text if previous else None, capitalised):
            reason = "tag list"
        elif _heading_run(body, index - 1):
            reason = "headline list"
        elif _teaser_run(body, index - 1, all_text):
            reason = "related headline (teaser)"
        elif _subheading(body, index - 1, kept_count()):
            reason = "subheading"

        if reason is None:
            segments.append(Segment(text))
        elif taken != text and text.endswith(taken):
            segments.append(Segment(text[: len(text) - len(taken)].rstrip()))
            segments.append(Segment(taken, reason))
        else:
            segments.append(Segment(text, reason))
        if reason in {"imprint", "terms/copyright notice"} and outlet is None:
            copyright_match = _COPYRIGHT_OUTLET.search(text)
            if copyright_match:
                outlet = copyright_match.group("outlet").strip(" .,")

    segments, repairs = _split_glued_words(segments)
    kept = [s.text for s in segments if s.reason is None]
    text = "\n\n".join(kept)
    if outlet is None and kept:
        dateline = _DATELINE_OUTLET.match(kept[0])
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
        if whole.lower() in _GLUED_REAL_WORDS or head not in standalone:
            return whole
        if len(re.findall(rf"\b{re.escape(whole)}\b", kept_text)) > 1:
            return whole
        fixed = f"{head} {tail}"
        repairs.append(Removed(whole, f"split glued words -> {fixed!r}"))
        return fixed

    repaired = [Segment(_GLUED.sub(fix, s.text), None) if s.reason is None else s for s in segments]
    return repaired, repairs


# ------------------------------------------------------------------------------------------ metadata


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL's host names: ``https://www.vice.com/en/...`` -> ``vice.com``."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for prefix in ("www.", "www1.", "www2.", "m.", "mobile.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host or None


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december",
        ],
        start=1,
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = frozenset(
    (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    )
)


def parse_date(value: str | None) -> str | None:
    """An ISO date (``2023-03-16``, or date and time when the input has one) from common formats.

    Accepts ISO 8601, RFC 2822 (feeds, e-mail) and written dates such as ``March 16, 2023`` or
    ``16 March 2023``; returns None for anything else, never a guess.
    """
    if not value:
        return None
    value = value.strip()
    iso = re.match(
        r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?)?", value
    )
    if iso:
        try:
            day = date.fromisoformat(iso.group(1))
        except ValueError:
            return None
        if not iso.group(2):
            return day.isoformat()
        try:
            return datetime.fromisoformat(iso.group(0).replace("Z", "+00:00")).isoformat()
        except ValueError:
            return day.isoformat()
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    written = re.search(
        r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
        r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))\b",
        value,
    )
    if written:
        month = _MONTHS.get((written.group("m1") or written.group("m2")).lower())
        day_text = written.group("d1") or written.group("d2")
        year = int(written.group("y1") or written.group("y2"))
        if month:
            try:
                return date(year, month, int(day_text)).isoformat()
            except ValueError:
                return None
    return None


# ---------------------------------------------------------------------------------------------- HTML


@dataclass(frozen=True, slots=True)
class _Extracted:
    paragraphs: list[_Paragraph]
    description: str | None
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    url: str | None


def _extract_html(html: str, url: str | None) -> _Extracted:
    """Body paragraphs (with their markup kind) and metadata from trafilatura."""
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=False
    )
    if document is None or getattr(document, "body", None) is None:
        return _Extracted(_fallback_paragraphs(html), None, None, None, None, None, url)
    paragraphs = _body_paragraphs(document.body)
    sitename = (document.sitename or "").strip() or None
    return _Extracted(
        paragraphs=paragraphs,
        description=(document.description or "").strip() or None,
        title=(document.title or "").strip() or None,
        author=(document.author or "").strip() or None,
        published=parse_date(document.date),
        outlet=sitename,
        url=document.url or url,
    )


def _body_paragraphs(body: Any) -> list[_Paragraph]:
    """Paragraphs of trafilatura's XML body: ``p``, ``head``, list ``item``, ``quote``, table rows.

    A line break (``<lb/>``) inside a block starts a new paragraph of the same block, and text
    standing between blocks (an element's tail) is a paragraph of its own.
    """
    out: list[_Paragraph] = []

    def inline_text(element: Any) -> str:
        parts: list[str] = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag == "lb":
                parts.append("\n")
            elif isinstance(child.tag, str):
                parts.append(inline_text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def add(text: str | None, *, heading: bool = False, kind: str = "p") -> None:
        lines = [_squash(line) for line in (text or "").split("\n")]
        lines = [line for line in lines if line]
        for line in lines:
            out.append(_Paragraph(line, alone=len(lines) == 1, heading=heading, kind=kind))

    block_tags = {"list", "table", "p", "quote", "head", "div", "code"}

    def walk(element: Any) -> None:
        add(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("p", "head", "quote", "code") and not any(
                isinstance(c.tag, str) and c.tag in block_tags for c in child
            ):
                add(inline_text(child), heading=tag == "head", kind=tag)
            elif tag == "list":
                for item in child:
                    if isinstance(item.tag, str) and item.tag == "item":
                        add(inline_text(item), kind="item")
                    add(item.tail)
            elif tag == "table":
                for row in child.iter("row"):
                    cells = [_squash(" ".join(inline_text(cell).split())) for cell in row]
                    add(" | ".join(cell for cell in cells if cell), kind="cell")
            elif tag in block_tags:
                walk(child)
            elif tag == "lb":
                pass
            else:
                add(inline_text(child))
            add(child.tail)

    walk(body)
    return out


def _fallback_paragraphs(html: str) -> list[_Paragraph]:
    """When trafilatura finds no body, the page's visible text, so that nothing is lost silently."""
    from .ingest import html_fragment_to_text

    text = html_fragment_to_text(html)
    return _paragraphs_from_text(text)


# ------------------------------------------------------------------------------------------- the stage


def clean_document(raw: RawDocument, *, article_id: str) -> Article:
    """Turn one raw document into an article: body text, metadata and the record of what was removed.

    Requires a ``RawDocument`` (text or HTML) and the id the article is to have. Adds ``text`` (the
    cleaned body, paragraphs joined by a blank line), ``title``, ``outlet`` (metadata, else the URL's
    host, else an imprint or dateline in the text), ``author``, ``published`` (metadata first, then the
    `` date`` line ingest read, then a reliable text cue), ``language`` (ISO 639-1) and ``removed``.
    """
    return clean_raw(raw, article_id=article_id)[0]


def clean_raw(raw: RawDocument, *, article_id: str) -> tuple[Article, tuple[Segment, ...]]:
    """``clean_document``, plus every paragraph of the input in order, kept or removed with its reason."""
    extra_removed: list[Removed] = []
    if raw.kind == "html":
        extracted = _extract_html(raw.content, raw.url)
        cleaned = _clean_paragraphs(
            extracted.paragraphs, title=raw.title or extracted.title, description=extracted.description
        )
        meta_outlet = raw.outlet or extracted.outlet
        meta_author = raw.author or extracted.author
        meta_published = raw.published or extracted.published
        url = extracted.url or raw.url
    else:
        cleaned = clean_text(raw.content, title=raw.title)
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
