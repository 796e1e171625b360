"""Source identity and independence: who each report of a claim rests on, and which reports only echo.

Requires the reports of one claim, the story's articles and a ``StoryIndex`` (copied passages, the
fuller descriptions of unnamed sources, "first reported by" mentions); gives one ``Trace`` per report.
The rules are written out with examples in ``docs/verdicts.md``; each has a test in
``tests/test_verdicts.py``.

Identity of a report's source (innermost link of its chain, after dropping links that name the
article's own outlet, "told Reuters" in a Reuters article):
- a named person or organisation: its name, folded (``Raymond W. Kelly`` = ``Raymond Kelly``; within a
  claim a bare surname joins the full name); a spokesperson or official *of* X speaks for X;
- an outlet: the outlet's name from the outlet table (``THR`` = ``The Hollywood Reporter``);
- an unnamed source ("a source close to the minister", "officials"): identified by its relay, the
  nearest named link outside it, or the article's own outlet when no one relays it (the outlet names a
  source of its own); a later "the source" in the same article takes the earlier, fuller description;
- a pronoun or a bare "others" that attribution could not resolve, or an unnamed source of an article
  whose outlet is unknown: **untraced**, shown, never an origin.

Independence: reports are independent origins only when their identities differ. An echo is a report
that relays an identity already counted, copies a passage of an earlier article (it carries that
passage's origin), or states the claim in the article's own voice while other reports trace it to a
source. A claim stated only in own voice rests on the earliest article that states it (or on the
outlet a text says "first reported" it); later own-voice repeats are echoes of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .claims import speakers
from .model import Article, ChainLink, Report, Trace
from .outlets import display_name, outlet_named, same_outlet

UNKNOWN_DATE = "9999"
Role = Literal["origin", "echo", "untraced", "denial", "question", "topic"]

# Descriptions that say nothing about who speaks: a pronoun, a bare quantifier, "the pair".
_UNRESOLVED = frozenset(
    "i we you he she they it one others some someone somebody many people who this that pair both "
    "latter former media".split()
)
# Nouns that make a description an unnamed source: the relay identifies it, not the words.
_UNNAMED_HEADS = frozenset(
    "source sources official officials person people insider insiders witness witnesses aide aides "
    "observer observers individual individuals diplomat diplomats expert experts analyst analysts "
    "resident residents employee employees staffer staffers".split()
)
# "a police spokeswoman", "an NYPD spokesperson", "spokesman for the ministry": the body speaks.
_SPEAKS_FOR = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<body>[\w .'’-]+?)\s+(?:spokes(?:man|woman|person)|representative|"
    r"press office|statement)$|^(?:an?\s+|the\s+)?(?:spokes(?:man|woman|person)|representative)\s+"
    r"(?:for|of)\s+(?:the\s+)?(?P<body2>[\w .'’-]+)$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an|some|several|two|three|other)\s+", re.IGNORECASE)
_FIRST_REPORTED = re.compile(
    r"(?:first|originally)\s+reported\s+by\s+(?P<a>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})"
    r"|(?P<b>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}),?\s+which\s+first\s+reported"
    r"|(?P<c>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})\s+(?:was\s+the\s+first\s+to\s+report|"
    r"first\s+reported)",
)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a report rests on. ``key`` decides sameness; ``label`` is what the dossier shows."""

    key: str
    label: str
    description: str  # "a source close to the minister, via Outlet A"
    relays: tuple[str, ...] = ()
    traced: bool = True
    entity: str | None = None  # the resolved person or organisation, when the chain names one


@dataclass(frozen=True)
class StoryIndex:
    """What the rules need from the whole story, computed once per story."""

    # (article, sentence start) -> (earlier article, its sentence start): a copied passage.
    copied: Mapping[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    # (article, folded bare description) -> the fuller description met earlier in that article.
    descriptions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # the outlet a story's text says first reported something, per article that says it
    first_reported: Mapping[str, str] = field(default_factory=dict)
    # the story's own outlets, which may relay each other without being in the outlet table
    outlets: tuple[str, ...] = ()


def fold(name: str) -> str:
    """A comparison form of a name: case, determiners, possessives, initials and dots folded."""
    text = name.lower().replace("’", "'").replace(".", " ")
    text = re.sub(r"'s\b", "", text)
    text = _DETERMINER.sub("", text.strip())
    words = [w for w in re.findall(r"[\w-]+", text) if len(w) > 1 or w.isdigit()]
    return " ".join(words)


def _head(description: str) -> str:
    words = fold(description).split()
    # The head of "a source close to the minister" is the noun before the first modifier.
    for w in words:
        if w in _UNNAMED_HEADS:
            return w
    return words[-1] if words else ""


def _is_unnamed(link: ChainLink) -> bool:
    if link.kind in ("unnamed", "document"):
        return True
    if link.kind != "other":
        return False
    if re.match(r"(?:an?|one|another)\s+[a-z]", link.source.strip()) and not _SPEAKS_FOR.match(link.source):
        return True  # "a manager", "another witness": someone the text does not name
    return bool(fold(link.source)) and _head(link.source) in _UNNAMED_HEADS


def _is_description(link: ChainLink) -> bool:
    """An unresolved common-noun description ("police", "a local barber"), not a name."""
    if link.kind != "other":
        return False
    text = _DETERMINER.sub("", link.source.strip())
    return bool(text) and text[0].islower()


def _is_unresolved(link: ChainLink) -> bool:
    """A pronoun, or a description hung on one ("his sister", "their lawyer") that was not resolved."""
    if link.kind not in ("other", "unnamed"):
        return False
    text = fold(link.source)
    possessive = re.match(r"(?:his|her|their|its)\s", link.source.strip(), re.IGNORECASE)
    return text in _UNRESOLVED or not text or bool(possessive)


def _names_own_outlet(link: ChainLink, article: Article) -> bool:
    if not article.outlet or link.kind not in ("outlet", "organisation", "other"):
        return False
    return same_outlet(link.source, article.outlet)


def _named_identity(link: ChainLink) -> tuple[str, str]:
    """(key, label) of a named link."""
    outlet = outlet_named(link.source)
    if outlet is not None or link.kind == "outlet":
        label = outlet.name if outlet is not None else link.source
        return "outlet:" + fold(label), label
    spoken = _SPEAKS_FOR.match(link.source.strip())
    if spoken:
        body = spoken.group("body") or spoken.group("body2") or ""
        if fold(body):
            return "named:" + fold(body), body.strip()
    return "named:" + fold(link.source), link.source


_NAME = r"(?P<o>(?:the\s+)?[A-Z][\w&.'’/-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’/-]*){0,4})"
# Wordings in which an outlet relays what its source gave it: the outlet belongs in the chain.
_RELAY_WORDINGS = tuple(
    re.compile(p)
    for p in (
        r"\b(?:told|tells|tell|telling|confirmed\s+to|said\s+to|spoke\s+to|speaking\s+to)\s+" + _NAME,
        _NAME + r"\s+(?:has|have|had)\s+learned\b",
        r"\b(?:seen|obtained|reviewed|viewed)\s+by\s+" + _NAME,
        r"\bin\s+an?\s+(?:interview|statement|email|conversation)\s+(?:with|to)\s+" + _NAME,
        r"(?:,|\baccording\s+to)\s+" + _NAME + r"\s+(?:reported|reports|said|says)\b",
        _NAME + r"\s+(?:is|was)\s+(?:reporting|saying)\b",
        r"\baccording\s+to\s+" + _NAME + r"(?:'s|’s)?\b",
    )
)
# A document or account that nobody in the text identifies ("according to reports").
_HEARSAY = frozenset("report reports rumor rumors rumour rumours account accounts speculation".split())



def text_relays(report: Report, article: Article, outlet_names: Sequence[str] = ()) -> tuple[ChainLink, ...]:
    """Outlets the report's sentence shows relaying its source ("told Outlet A", "documents seen by
    Outlet A", ", the Associated Press reported") that are missing from the chain, outermost first.

    A name counts only when it is a known outlet (the outlet table) or one of the story's outlets.
    """
    found: list[tuple[int, ChainLink]] = []
    in_chain = [link.source for link in report.chain]
    for pattern in _RELAY_WORDINGS:
        for match in pattern.finditer(report.sentence.text):
            name = re.sub(r"(?:'s|’s)$", "", match.group("o").strip())
            known = outlet_named(name)
            label = known.name if known else next((o for o in outlet_names if same_outlet(o, name)), None)
            if label is None or any(same_outlet(label, c) for c in in_chain):
                continue
            if all(not same_outlet(label, f.source) for _s, f in found):
                found.append((match.start(), ChainLink(label, "outlet", None, "text")))
    return tuple(link for _s, link in sorted(found, key=lambda x: x[0]))


def identify(
    report: Report, article: Article, index: StoryIndex | None = None
) -> tuple[Identity | None, bool]:
    """The identity a report's chain shows, and whether the article shows reporting of its own.

    ``None`` with ``False`` is the article's own voice with no source at all.
    """
    extra = text_relays(report, article, index.outlets if index is not None else ())
    sourced = speakers(report.chain, report.kind)  # an intention's holder is no source
    full = extra + sourced if sourced else extra
    own_shown = any(_names_own_outlet(link, article) for link in full)
    chain = [link for link in full if not _names_own_outlet(link, article)]
    outlet = display_name(article)
    if not chain:
        if own_shown:  # "Reuters has learned": the outlet's own reporting, shown in the text
            if article.outlet is None:
                untraced = Identity("untraced:" + article.id, outlet, f"own reporting of {outlet}", (), False)
                return untraced, True
            return Identity(f"outlet:{fold(outlet)}", outlet, f"own reporting of {outlet}"), True
        return None, False
    inner = chain[-1]
    relays = tuple(link.source for link in chain[:-1])
    if _is_unresolved(inner):
        return Identity(f"untraced:{article.id}:{fold(inner.source)}", inner.source,
                        f"“{inner.source}”, not identified", relays, False), own_shown
    named_outside = [link for link in chain[:-1] if not _is_unnamed(link) and not _is_unresolved(link)]
    if inner.kind == "document" and _HEARSAY & set(fold(inner.source).split()[:2]) and not named_outside:
        return Identity(f"untraced:{article.id}:{fold(inner.source)}", inner.source,
                        f"“{inner.source}”, not identified", relays, False), own_shown
    if _is_unnamed(inner) or (_is_description(inner) and named_outside):
        # A description relayed by a named source ("police said, according to the Times") is
        # identified only through that source, as an unnamed one is.
        description = inner.source
        if index is not None:
            description = index.descriptions.get((article.id, fold(inner.source)), description)
        named_relays = [link for link in chain[:-1] if not _is_unnamed(link) and not _is_unresolved(link)]
        if named_relays:
            key, label = _named_identity(named_relays[-1])
            return Identity(key, label, f"{description}, via {label}", relays,
                            entity=named_relays[-1].entity), own_shown
        if article.outlet is None:
            return Identity(f"untraced:{article.id}:{fold(description)}", description,
                            f"{description}, via {outlet}", (outlet,), False), own_shown
        # The outlet names a source of its own: its own reporting, shown in the text.
        return Identity(f"outlet:{fold(outlet)}", outlet, f"{description}, via {outlet}", (outlet,)), True
    key, label = _named_identity(inner)
    described = label + (f", via {', '.join(relays)}" if relays else "")
    return Identity(key, label, described, relays, entity=inner.entity), own_shown


def _join_names(identities: Sequence[Identity]) -> dict[str, str]:
    """Within one claim, keys that name one speaker: a shorter name that ends exactly one longer name
    ("Vale" and "Ann Vale", "Trump Jr." and "Donald Trump Jr."). Initials are already folded away."""
    named = sorted({i.key for i in identities if i.key.startswith("named:")}, key=len, reverse=True)
    canon: dict[str, str] = {}
    # Two names the entity stage resolved to one person or organisation are one speaker, however the
    # chain words them ("Pence", "Vice President Mike Pence"): the first key seen stands for them.
    by_entity: dict[str, str] = {}
    for i in identities:
        if i.entity and i.key.startswith("named:"):
            first = by_entity.setdefault(i.entity, i.key)
            if first != i.key:
                canon[i.key] = first
    for key in named:
        words = key[len("named:"):].split()
        tails = [
            longer
            for longer in named
            if longer != key
            and canon.get(longer, longer) == longer
            and len(longer[len("named:"):].split()) > len(words)
            and longer[len("named:"):].split()[-len(words):] == words
        ]
        if key not in canon:
            canon[key] = tails[0] if len(tails) == 1 else key
    return {k: canon.get(v, v) for k, v in canon.items()}


def trace_claim(
    reports: Sequence[Report],
    articles: Mapping[str, Article],
    index: StoryIndex | None = None,
    copy_of: Mapping[str, str] | None = None,
) -> tuple[Trace, ...]:
    """Origins, echoes and untraced reports of one claim, one ``Trace`` per report, in report order.

    ``copy_of`` maps a near-copy of a whole article to the article it copies.
    """
    index = index or StoryIndex()
    copy_of = copy_of or {}
    found: list[tuple[int, Report, Article, Identity | None, str]] = []
    for n, report in enumerate(reports):
        home = articles[report.article]
        why = ""
        copied = copy_source(index, report)
        if copied is not None and copied[0] in articles:
            # A shared passage carries the origin of its earliest appearance.
            home = articles[copied[0]]
            why = f"copies a passage of {display_name(home)} ({home.id})"
        elif copy_of.get(report.article, report.article) in articles and report.article in copy_of:
            home = articles[copy_of[report.article]]
            why = f"near-copy of {display_name(home)} ({home.id})"
        identity, _own = identify(report, home, index)
        found.append((n, report, home, identity, why))
    # A copy takes the identity its passage has where it first appeared, when that report is here too:
    # "..., Ann Vale said" copied as "..., a local barber told Outlet A" is still Ann Vale's.
    for k, (n, report, home, _identity, why) in enumerate(found):
        copied = copy_source(index, report) if why.startswith("copies") else None
        if copied is None:
            continue
        original = next(
            (
                f
                for f in found
                if f[1].article == copied[0] and f[1].sentence.start <= copied[1] < f[1].sentence.end
            ),
            None,
        )
        if original is not None and original[3] is not None:
            found[k] = (n, report, home, original[3], why)
    canon = _join_names([f[3] for f in found if f[3] is not None])
    # A claim of topic reports only ("the meeting with Putin") is about what its sources speak of.
    stated = any(not r.topic and r.stance in ("asserts", "hedges") for r in reports)
    traced_keys = [
        canon.get(i.key, i.key)
        for _n, r, _h, i, _w in found
        if i is not None and i.traced and r.stance in ("asserts", "hedges") and not (r.topic and stated)
    ]
    traces: list[Trace | None] = [None] * len(reports)
    counted: dict[str, str] = {}  # key -> article of the report that counted it
    # Earliest first, so that the first appearance of an identity is its origin and later ones echo it. A
    # copy is dated by the article it copies, so at equal dates the original goes before its copies, whatever
    # the article ids.
    order = sorted(
        found, key=lambda f: (f[2].published or UNKNOWN_DATE, f[1].article != f[2].id, f[1].article, f[0])
    )
    own_voice: list[tuple[int, Report, Article, str]] = []
    for n, report, home, identity, why in order:
        if report.stance == "denies":
            traces[n] = _trace(n, report.article, "denial", identity, "denies the claim")
            continue
        if report.stance == "questions":
            # "neither confirmed nor denied", "whether ...": it neither supports the claim nor denies it.
            traces[n] = _trace(n, report.article, "question", identity, "questions the claim")
            continue
        if report.topic and stated:
            # "X could not confirm the messages", "questions about it": X speaks of it and states nothing.
            traces[n] = _trace(n, report.article, "topic", identity, "speaks of it, states nothing")
            continue
        if identity is None:
            own_voice.append((n, report, home, why))
            continue
        if not identity.traced:
            traces[n] = _trace(n, report.article, "untraced", identity, why or "its source is not identified")
            continue
        key = canon.get(identity.key, identity.key)
        role: Role
        if key != identity.key:
            identity = Identity(key, next(i.label for *_x, i, _w in found if i and i.key == key),
                                identity.description, identity.relays)
        if why:
            role = "echo" if key in counted else "origin"
        elif key in counted and counted[key] != report.article:
            role, why = "echo", f"repeats {identity.label}, already counted"
        elif key in counted:
            role, why = "origin", "a further report of the same source"
        else:
            role = "origin"
            why = f"relayed by {', '.join(identity.relays)}" if identity.relays else "identified source"
        counted.setdefault(key, report.article)
        traces[n] = _trace(n, report.article, role, identity, why)
    # Own voice: an echo of what others trace to a source, else of the earliest article that states it.
    first_named = _first_reported(own_voice, index)
    for n, report, home, why in own_voice:
        if traced_keys:
            labels = {t.source for t in traces if t and t.role == "origin" and t.source}
            traces[n] = _trace(n, report.article, "echo", None,
                              why or f"own voice; others trace it to {', '.join(sorted(labels))}")
        elif first_named is not None:
            key = "outlet:" + fold(first_named)
            role = "echo" if key in counted and counted[key] != report.article else "origin"
            counted.setdefault(key, report.article)
            traces[n] = _trace(n, report.article, role,
                              Identity(key, first_named, f"first reported by {first_named}"),
                              why or "a text says who first reported it")
        elif home.outlet is None:
            traces[n] = _trace(n, report.article, "untraced", None,
                              why or f"own voice of {display_name(home)}")
        else:
            # own_voice is in date order: the first article with a known outlet is the origin.
            key = "outlet:" + fold(home.outlet)
            first_article = counted.setdefault(key, report.article) if not counted else counted.get(key)
            role = "origin" if first_article == report.article else "echo"
            traces[n] = _trace(n, report.article, role,
                              Identity(key, home.outlet, f"own voice of {home.outlet}"),
                              why or ("earliest to state it" if role == "origin"
                                      else "own voice, later than the first to state it"))
    return tuple(t for t in traces if t is not None)


def _first_reported(
    own_voice: Sequence[tuple[int, Report, Article, str]], index: StoryIndex
) -> str | None:
    for _n, report, _home, _why in own_voice:
        named = index.first_reported.get(report.article)
        if named:
            return named
    return None


def _trace(n: int, article: str, role: Role, identity: Identity | None, why: str) -> Trace:
    if identity is None:
        return Trace(n, article, role, None, "", (), why)
    return Trace(n, article, role, identity.label, identity.description, identity.relays, why)


def copy_source(index: StoryIndex, report: Report) -> tuple[str, int] | None:
    """The earlier passage a report's sentence copies, if any."""
    for (article, start), original in index.copied.items():
        if article == report.article and report.sentence.start <= start < report.sentence.end:
            return original
    return None


def origins_of(traces: Sequence[Trace]) -> tuple[str, ...]:
    """The distinct origin labels, earliest first."""
    return tuple(dict.fromkeys(t.source for t in traces if t.role == "origin" and t.source))


# ---------------------------------------------------------------------------------------- story index

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|\n|$)")
COPY_JACCARD = 0.6  # word-trigram overlap at which one sentence is a (near) copy of another
MINHASH_ABOVE = 400  # sentences in the story beyond which MinHash LSH replaces the exact pairwise check
_MIN_WORDS = 8  # shorter sentences ("He declined to comment.") are shared by chance


def sentence_spans(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().strip()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _shingles(sentence: str) -> frozenset[str]:
    words = re.findall(r"\w+", sentence.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 0)))


def copied_passages(articles: Sequence[Article]) -> dict[tuple[str, int], tuple[str, int]]:
    """Sentences that repeat, verbatim or nearly, a sentence of an earlier article of the story.

    Maps (article, sentence start) to (the earliest article with that passage, its sentence start).
    Earlier means an earlier publication date; articles with no date or the same date are ordered by
    their place in the input, which is all that is known then.
    """
    rank = {a.id: (a.published or UNKNOWN_DATE, n) for n, a in enumerate(articles)}
    items: list[tuple[str, int, frozenset[str]]] = []
    for article in articles:
        for start, sentence in sentence_spans(article.text):
            if len(sentence.split()) >= _MIN_WORDS:
                items.append((article.id, start, _shingles(sentence)))
    pairs = _similar_pairs(items)
    out: dict[tuple[str, int], tuple[str, int]] = {}
    for i, j in pairs:
        a, b = items[i], items[j]
        if a[0] == b[0]:
            continue
        first, later = (a, b) if rank[a[0]] <= rank[b[0]] else (b, a)
        key = (later[0], later[1])
        if key not in out or rank[first[0]] < rank[out[key][0]]:
            out[key] = (first[0], first[1])
    # A copy of a copy carries the passage back to its earliest appearance.
    for key, value in list(out.items()):
        seen = {key}
        while value in out and value not in seen:
            seen.add(value)
            value = out[value]
        out[key] = value
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _similar_pairs(items: Sequence[tuple[str, int, frozenset[str]]]) -> list[tuple[int, int]]:
    if len(items) <= MINHASH_ABOVE:
        return [
            (i, j)
            for i in range(len(items))
            for j in range(i + 1, len(items))
            if items[i][0] != items[j][0] and _jaccard(items[i][2], items[j][2]) >= COPY_JACCARD
        ]
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=64)
    hashes = []
    for n, (_a, _s, shingles) in enumerate(items):
        mh = MinHash(num_perm=64, seed=1)
        for sh in shingles:
            mh.update(sh.encode("utf-8"))
        hashes.append(mh)
        lsh.insert(str(n), mh)
    pairs = set()
    for n, mh in enumerate(hashes):
        for other in lsh.query(mh):
            m = int(other)
            if m != n and items[m][0] != items[n][0] and _jaccard(items[n][2], items[m][2]) >= COPY_JACCARD:
                pairs.add((min(n, m), max(n, m)))
    return sorted(pairs)


def fuller_descriptions(reports: Sequence[Report]) -> dict[tuple[str, str], str]:
    """"the source" later in an article means the unnamed source it described earlier more fully."""
    out: dict[tuple[str, str], str] = {}
    by_article: dict[str, list[tuple[int, ChainLink]]] = {}
    for report in reports:
        for link in report.chain:
            if link.kind == "unnamed" or (link.kind == "other" and _head(link.source) in _UNNAMED_HEADS):
                by_article.setdefault(report.article, []).append((report.sentence.start, link))
    for article, links in by_article.items():
        links.sort(key=lambda x: x[0])
        for n, (_start, link) in enumerate(links):
            words = fold(link.source).split()
            if not link.source.lower().startswith("the ") or len(words) != 1:
                continue
            head = words[0]
            for _s, earlier in reversed(links[:n]):
                if _head(earlier.source) == head and len(fold(earlier.source).split()) > 1:
                    out[(article, fold(link.source))] = earlier.source
                    break
    return out


def first_reported(articles: Sequence[Article]) -> dict[str, str]:
    """Per article, the outlet its text says first reported the story ("first reported by Outlet A")."""
    out: dict[str, str] = {}
    for article in articles:
        match = _FIRST_REPORTED.search(article.text)
        if match:
            name = (match.group("a") or match.group("b") or match.group("c") or "").strip().rstrip(".,")
            known = outlet_named(name)
            out[article.id] = known.name if known else re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return out


def index_story(articles: Sequence[Article], reports: Sequence[Report]) -> StoryIndex:
    """Everything the independence rules need from the story as a whole."""
    return StoryIndex(
        copied=copied_passages(articles),
        descriptions=fuller_descriptions(reports),
        first_reported=first_reported(articles),
        outlets=tuple(dict.fromkeys(a.outlet for a in articles if a.outlet)),
    )
