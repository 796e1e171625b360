"""Parse helpers under every cue: token ranges, trimming, the record of one found attribution.

The bottom layer of the package: it imports nothing from the modules above it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


Range = tuple[int, int]  # token offsets, end exclusive


_QUOTE_OPEN = frozenset(("“", '"', "‘", "«", "„", "''", "``"))


_QUOTE_CLOSE = frozenset(("”", '"', "’", "»", "“", "''"))


# Double quotation marks; "''" is how some newspapers' archives write both marks.
_DOUBLE_MARKS = frozenset(("“", "”", '"', "''", "``", "«", "»", "„"))


_PUNCT = frozenset([*",.;:—–-“”\"‘’'()[]…", "''", "``"])


@dataclass(frozen=True)
class _Found:
    cue: Range
    source: Range | None  # the words written as the source
    content: tuple[Range, ...]  # one or more pieces, in text order
    cue_kind: str  # verb according passive raising copula noun colon transcript headline frame signed
    cue_token: int
    speaker: Range | None = None  # what the source stands for, when it is a relative pronoun
    statement: bool = True  # reports what the source says or holds, not what it wants, does or seems

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    def contains(self, token: int) -> bool:
        return any(a <= token < b for a, b in self.content)


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _cue_start(doc: Doc, tok: Token) -> int:
    """Auxiliaries, negation and adverbs right before a cue verb belong to it: "has also repeatedly said"."""
    start = tok.i
    while start - 1 >= 0:
        prev = doc[start - 1]
        if prev.head != tok or not (
            prev.dep_ in ("aux", "auxpass", "neg")
            or (prev.dep_ == "advmod" and prev.tag_ == "RB" and prev.is_lower and not list(prev.children))
        ):
            break
        start -= 1
    return start


def _framing_according(doc: Doc, sent: SpacySpan) -> set[int]:
    """An "according to X" that opens or closes a sentence frames all of it, cues included."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        end = doc[tok.i + 1].right_edge.i + 1
        if _only_punct(doc, sent.start, tok.i) or _only_punct(doc, end, sent.end):
            out.update(range(tok.i, end))
    return out


def _capitalised(tok: Token) -> bool:
    """Written with a capital, as headline words are ("McCain" too, which ``str.istitle`` refuses)."""
    return tok.text[:1].isupper()


_DASHES = frozenset(("—", "–", "--", "-"))


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _subtree_range(tok: Token) -> Range:
    return tok.left_edge.i, tok.right_edge.i + 1


def _source_range(tok: Token) -> Range:
    """The subject's phrase, without relative clauses or trailing clauses after a comma."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i and not _acl_is_source(child):
            right = min(right, child.left_edge.i)
        if child.dep_ == "punct" and child.i > tok.i and child.text == ",":
            # "the Foreign Ministry, whose response ..." – stop at the comma unless an apposition follows.
            nxt = child.i + 1
            if nxt < len(tok.doc) and tok.doc[nxt].dep_ != "appos":
                right = min(right, child.i)
    while right > left + 1 and tok.doc[right - 1].tag_ == "POS":
        right -= 1  # "the government's support for ...": the source is "the government"
    return _trim(tok.doc, left, right)


def _acl_is_source(acl: Token) -> bool:
    """ "information obtained by Der Spiegel", "experts cited by Spiegel": the agent names the source."""
    return any(c.dep_ == "agent" for c in acl.children)


def _trim(doc: Doc, start: int, end: int, exclude: Iterable[int] = ()) -> Range:
    skip = set(exclude)
    while start < end and (doc[start].text in _PUNCT or doc[start].is_space or start in skip):
        start += 1
    while end > start and (doc[end - 1].text in _PUNCT or doc[end - 1].is_space or (end - 1) in skip):
        end -= 1
    return start, end


def _pieces(doc: Doc, ranges: Iterable[Range], exclude: set[int]) -> tuple[Range, ...]:
    """Token ranges minus the excluded tokens, trimmed, merged when only punctuation separates them."""
    tokens = sorted({i for a, b in ranges for i in range(max(a, 0), min(b, len(doc))) if i not in exclude})
    runs: list[Range] = []
    for i in tokens:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    trimmed = [r for r in (_trim(doc, a, b) for a, b in runs) if r[0] < r[1]]
    merged: list[Range] = []
    for a, b in trimmed:
        if (
            merged
            and all(doc[k].text in _PUNCT or doc[k].is_space for k in range(merged[-1][1], a))
            and not any(k in exclude for k in range(merged[-1][1], a))
        ):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return tuple(merged)


def _only_punct(doc: Doc, start: int, end: int) -> bool:
    return all(doc[k].text in _PUNCT or doc[k].is_space for k in range(start, end))


def _only_commas(doc: Doc, start: int, end: int) -> bool:
    return all(doc[k].text == "," or doc[k].is_space for k in range(start, end))


def _overlaps_any(rng: Range, regions: list[Range]) -> bool:
    return any(rng[0] < b and a < rng[1] for a, b in regions)
