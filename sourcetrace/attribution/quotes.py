"""Quotations: where they are, the cue that frames them, their continuation, signed quotations."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .tree import (
    _DASHES,
    _DOUBLE_MARKS,
    _PUNCT,
    _QUOTE_CLOSE,
    _QUOTE_OPEN,
    Range,
    _capitalised,
    _Found,
    _is_break,
    _only_commas,
    _overlaps_any,
    _pieces,
    _trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


class _Text:
    """The parse of one article with its quotations and paragraphs, as token offsets."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.quotations = _quotations(doc)
        self._quote_of: dict[int, Range] = {}
        for q in self.quotations:
            for i in range(*q):
                self._quote_of[i] = q

    def quoted(self, token: int) -> Range | None:
        """The quotation a token is inside, if any."""
        return self._quote_of.get(token)

    def quotation_starting(self, token: int) -> Range | None:
        q = self._quote_of.get(token)
        return q if q is not None and q[0] == token else None

    def quotation_ending(self, token: int) -> Range | None:
        q = self._quote_of.get(token)
        return q if q is not None and q[1] == token + 1 else None

    def paragraph_end(self, token: int) -> int:
        doc = self.doc
        i = token
        while i < len(doc) and not _is_break(doc[i]):
            i += 1
        return i

    def paragraph_start(self, token: int) -> int:
        doc = self.doc
        i = token
        while i > 0 and not _is_break(doc[i - 1]):
            i -= 1
        return i


def _quotations(doc: Doc) -> list[Range]:
    """Token ranges inside double quotation marks, never across a paragraph.

    Whether a mark opens or closes is read from the spacing around it as much as from its shape: news
    text mixes curly and straight marks and sometimes types one for the other (“... here,“ said X).
    A quotation still open at the end of its paragraph ends there: news leaves the closing mark off a
    quotation that goes on in the next paragraph.
    """
    regions: list[Range] = []
    opened: int | None = None
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if opened is not None and tok.i > opened + 1:
                regions.append((opened + 1, tok.i))
            opened = None
            continue
        if tok.text not in _DOUBLE_MARKS:
            continue
        role = _mark_role(doc, tok, opened is not None)
        if role == "open":
            opened = tok.i  # a second opening mark: the first was never closed
        elif opened is not None:
            if tok.i > opened + 1:
                regions.append((opened + 1, tok.i))
            opened = None
    if opened is not None and len(doc) > opened + 1:
        regions.append((opened + 1, len(doc)))
    return [_trim(doc, a, b) for a, b in regions if _trim(doc, a, b)[0] < _trim(doc, a, b)[1]]


def _mark_role(doc: Doc, tok: Token, inside: bool) -> str:
    """ "open" or "close" for a double quotation mark."""
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    glued_left = (
        before is not None
        and not before.whitespace_
        and not before.is_space
        and before.text not in _DOUBLE_MARKS
        and before.text not in "([{—–-"
    )
    glued_right = (
        after is not None and not tok.whitespace_ and not after.is_space and after.text not in ",.;:!?)]}"
    )
    if glued_left and not glued_right:
        return "close"
    if glued_right and not glued_left:
        return "open"
    if tok.text in ("“", "``", "«", "„"):
        return "open"
    if tok.text in ("”", "»"):
        return "close"
    return "close" if inside else "open"


def _with_quotations(text: _Text, found: list[_Found]) -> list[_Found]:
    """A quotation belongs whole to the cue that frames it: "“A. B,” she said" -> A. B; "“A,” she said, “B”";
    and so does the quotation that follows at once: "“A,” she said. “B.”" -> A | B."""
    doc, regions = text.doc, text.quotations
    if not regions:
        return found
    cues = sorted(f.cue_token for f in found)
    starting = {q0: (q0, q1) for q0, q1 in regions}
    out: list[_Found] = []
    for f in found:
        content = list(f.content)
        quoted = False
        for q0, q1 in regions:
            if q0 <= f.cue_token < q1:
                continue
            overlaps = any(a < q1 and q0 < b for a, b in f.content)
            if overlaps:
                quoted = True
                if not any(a <= q0 and q1 <= b for a, b in f.content):
                    content.append((q0, q1))
            elif (
                f.cue_kind == "verb"
                and q0 > f.cue[1]
                and _only_commas(doc, f.cue[1], q0 - 1)
                and any(b <= f.cue[0] and _overlaps_any((a, b), regions) for a, b in f.content)
            ):
                content.append((q0, q1))  # the quotation resumes after the cue
        if quoted and f.cue_kind in ("verb", "colon"):
            content += _continued_quotations(doc, starting, cues, f, max(b for _, b in content))
        if content != list(f.content):
            exclude = set(range(*f.cue)) | (set(range(*f.source)) if f.source is not None else set())
            pieces = _pieces(doc, content, exclude)
            if pieces:
                f = replace(f, content=pieces)
        out.append(f)
    return out


def _continued_quotations(
    doc: Doc, starting: dict[int, Range], cues: list[int], f: _Found, after: int
) -> list[Range]:
    """Quotations that follow a quoted attribution straight away in its paragraph, with no cue of their own;
    the end of the cue's sentence ("he said Tuesday.") may come between."""
    out: list[Range] = []
    position = max(after, f.cue[1], f.source[1] if f.source is not None else 0)
    while True:
        i = position
        while (
            i < len(doc)
            and i - position < 8
            and doc[i].text not in _QUOTE_OPEN
            and (
                doc[i].is_space
                or doc[i].text in _PUNCT
                or (doc[i].dep_ in ("advmod", "npadvmod", "prep", "pobj") and not doc[i].is_sent_start)
            )
        ):
            i += 1
        if i >= len(doc) or doc[i].text not in _QUOTE_OPEN or (i + 1) not in starting:
            return out
        if "\n" in doc[position:i].text:
            return out  # a new paragraph may be anyone's
        region = starting[i + 1]
        if any(position <= c < region[1] + 6 for c in cues if c != f.cue_token):
            return out  # the quotation has its own cue: "“B,” he added."
        out.append(region)
        position = region[1]


_SIGNATURE_DASHES = _DASHES | {"―"}  # a signature may also follow a quotation dash


_SIGNATURE_SKIP = _QUOTE_CLOSE | {".", ",", "!", "?"}  # between a quotation and its signature


def _signed_quotations(text: _Text) -> list[_Found]:
    """A quotation signed after a dash at the end of its paragraph: "“We will win.” ― Jane Doe" or
    "“...” — @handle", as readers' comments and round-ups of reactions are printed. The quotations of
    the paragraph are the content, the dash is the cue and the name is the source."""
    doc = text.doc
    found: list[_Found] = []
    for _, q1 in text.quotations:
        i = q1
        while i < len(doc) and doc[i].text in _SIGNATURE_SKIP:
            i += 1
        while i < len(doc) and doc[i].is_space and not _is_break(doc[i]):
            i += 1
        if i >= len(doc) or doc[i].text not in _SIGNATURE_DASHES:
            continue
        dash = i
        end = text.paragraph_end(dash)
        name = _trim(doc, dash + 1, end)
        words = [t for t in doc[name[0] : name[1]] if not t.is_punct]
        if not words or len(words) > 8 or not (words[0].text[:1].isupper() or words[0].text.startswith("@")):
            continue
        if any(t.pos_ in ("VERB", "AUX") and not _capitalised(t) for t in words):
            continue  # "“...” — said nobody": a sentence, not a signature
        head = text.paragraph_start(dash)  # the paragraph's quotations before the dash
        pieces = [(a, b) for a, b in text.quotations if head <= a and b <= dash]
        if not pieces:
            continue
        found.append(_Found((dash, dash + 1), name, tuple(pieces), "signed", dash))
    return found


def _said_after(text: _Text, sent: SpacySpan, tok: Token) -> Range | None:
    """What follows the cue: "X said: ...", "X said, “...”", "He said:" and a quotation in the next
    paragraph."""
    doc = text.doc
    i = tok.i + 1
    colon = False
    # "told the crowd: ...", "said in a statement: ...": who was told and where come between.
    between = {
        k
        for c in tok.children
        if c.i > tok.i and c.dep_ in ("dobj", "dative", "prep", "npadvmod") and not text.quoted(c.i)
        for k in range(c.left_edge.i, c.right_edge.i + 1)
    }
    while i < len(doc) and (
        (doc[i].dep_ in ("advmod", "npadvmod", "prt") and doc[i].head == tok and i < sent.end)
        or (i in between and i < sent.end and doc[i].text not in _QUOTE_OPEN)
        or doc[i].text in (",", ":")
        or doc[i].is_space
    ):
        colon = colon or doc[i].text == ":"
        if doc[i].is_space and "\n" in doc[i].text and not colon:
            return None
        i += 1
    if i >= len(doc):
        return None
    quotation = text.quotation_starting(i + 1) if doc[i].text in _QUOTE_OPEN else text.quotation_starting(i)
    if quotation is not None and (colon or i < sent.end):
        return quotation
    if colon:
        end = text.paragraph_end(i)
        return (i, end) if end > i else None
    return None


def _quoted_before(text: _Text, tok: Token, source_start: int) -> Range | None:
    """A quotation that ends right before the source and cue: "“...,” Trump said." (also across a
    sentence)."""
    doc = text.doc
    k = min(tok.i, source_start) - 1
    while k >= 0 and (doc[k].text in (",", ".", "?", "!") or (doc[k].is_space and "\n" not in doc[k].text)):
        k -= 1
    if k < 0 or doc[k].text not in _QUOTE_CLOSE:
        return None
    j = k - 1
    while j >= 0 and doc[j].text in (",", ".", "?", "!", "…"):
        found = text.quotation_ending(j)
        if found is not None:
            return found
        j -= 1
    return text.quotation_ending(j) if j >= 0 else None
