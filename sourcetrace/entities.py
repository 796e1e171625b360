"""Entities: find named things in each article and merge them across articles, on evidence only.

Requires parsed articles; adds ``Mention`` records (with their entity id) and ``Entity`` records.

Merging rules, in order (see docs/architecture.md for why each exists):
1. the same normal form (NFKC, diacritics and apostrophes folded, hyphens to spaces, "the" dropped):
   Xi'an / Xian Bingo, Shahed 136 / Shahed-136, The Wall Street Journal / Wall Street Journal;
2. a spelling variant: one edit in one long token, every other token equal (Anthony / Antony
   Blinken, Zelensky / Zelenskyy);
3. initials of a multi-word name (WSJ);
4. a short form that is a contiguous run of tokens of exactly one longer name (Bingo, Spiegel); for
   people only inside the article that names the full person (Wang -> Wang Yi where only Wang Yi is
   named; a surname the parser tagged ORG joins the one person of that surname named in full before it
   in the article), and never a country or region into something longer (China is not China Daily); across
   articles, a lone name that is part of exactly one person's full name in the whole input
   ("Pence" -> Mike Pence);
5. a full name with middle names or initials is the same name without them;
6. the names and aliases of one known outlet in the packaged table (THR, The Hollywood Reporter) are
   one entity, named as the table names it.
Never merged: two full person names whose given names differ (Wang Yi, Wang Wenbin), a person with a
thing, or names sharing only a token (Xi Jinping, Xi'an Bingo).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from .lexicon import HONORIFICS, KNOWN_OUTLETS, MONTH_NAMES, OUTLET_NOUNS
from .model import Entity, Mention
from .outlets import outlet_named
from .sentences import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "FAC", "EVENT", "LAW", "NORP_ORG"})
_MONTHS = frozenset(MONTH_NAMES)
# Capitalised words NER takes for names inside titles ("Secretary of State").
_GENERIC = frozenset("state house ministry army government department office council".split())
_PRODUCT = re.compile(r"\b([A-Z][A-Za-z]{0,6})[- ]?(\d{2,4}[A-Z]?)\b")


_LEADING = frozenset("the mr ms mrs miss dr prof sir dame".split())


def normal_form(name: str) -> str:
    """The form names are compared in: folded case, accents, apostrophes and hyphens; no leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`´]s\b", "", text)  # possessive
    text = re.sub(r"['’‘`´]", "", text)
    text = re.sub(r"\b([A-Za-z])\.", r"\1", text)  # "U.S." is "US", "U.N." is "UN"
    text = re.sub(r"[-‐‑–—_./]", " ", text)
    text = re.sub(r"[^\w\s]", "", text).lower()
    tokens = text.split()
    while tokens and tokens[0] in _LEADING:
        tokens = tokens[1:]
    return " ".join(tokens)


@cache
def _places() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(normal_form(value))
    for sub in pycountry.subdivisions:
        names.add(normal_form(sub.name))
    names.update(
        {
            "us",
            "usa",
            "uk",
            "eu",
            "united states",
            "russia",
            "moscow",
            "beijing",
            "kyiv",
            "kiev",
            "washington",
            "berlin",
            "london",
            "paris",
            "brussels",
            "tehran",
        }
    )
    return frozenset(names)


@cache
def _outlet_normals() -> frozenset[str]:
    return frozenset(normal_form(name) for name in KNOWN_OUTLETS)


def is_known_outlet(name: str) -> bool:
    return normal_form(name) in _outlet_normals()


def extract_mentions(parsed: Parsed) -> list[Mention]:
    """Named-entity mentions of one article, typed; outlets get type OUTLET."""
    doc = parsed.doc
    article = parsed.article.id
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in KEPT_LABELS:
            continue
        start, end = ent.start, ent.end
        # Trim a leading determiner and a trailing possessive from the span.
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        # "Iran's Shahed-136": the possessor is a mention of its own, not part of the name.
        for i in range(start, end - 1):
            if doc[i].tag_ == "POS":
                start = i + 1
        if start >= end:
            continue
        span = doc[start:end]
        text = span.text
        if normal_form(text) in ("", *_MONTHS) or not text[0].isupper() or text.lower() in _GENERIC:
            continue
        entity_type = label
        described = label in ("ORG", "PERSON", "GPE") and (
            _follows_outlet_noun(doc, start) or _outlet_name(text)
        )
        if ent.ent_id_ == "outlet" or is_known_outlet(text) or described:
            entity_type = "OUTLET"
        mentions.append(Mention(article, span.start_char, span.end_char, text, entity_type))
        taken.append((span.start_char, span.end_char))
    # Model designations ("ZT-180", "Shahed 136", "Su-27") that NER misses or mislabels.
    for match in _PRODUCT.finditer(parsed.article.text):
        s, e = match.span()
        if match.group(1).lower() in _MONTHS or not any(c.isalpha() for c in match.group(1)):
            continue
        if any(a < e and s < b for a, b in taken):
            # Extend an overlapping NER mention rather than duplicating it.
            continue
        mentions.append(Mention(article, s, e, match.group(0), "PRODUCT"))
        taken.append((s, e))
    mentions.extend(_missed_surnames(doc, article, mentions, taken))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _missed_surnames(
    doc: Doc, article: str, mentions: Sequence[Mention], taken: Sequence[tuple[int, int]]
) -> list[Mention]:
    """A person's surname standing alone after the article named them in full, where NER saw nothing
    ("Simon Beaufoy ... word was that Beaufoy was at work"): a proper noun, capitalised, not sentence-initial
    and not inside another mention, with no other proper noun beside it."""
    first: dict[str, int] = {}
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            first.setdefault(words[-1], m.end)
    if not first:
        return []
    out: list[Mention] = []
    for tok in doc:
        after = first.get(tok.text)
        if after is None or tok.idx < after or tok.pos_ != "PROPN" or tok.is_sent_start:
            continue
        beside = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
        if any(t.pos_ == "PROPN" and t.lower_.rstrip(".") not in HONORIFICS for t in beside):
            continue  # part of a longer name NER missed ("D'Arcy Aeromotive plant", "Albany Ave.")
        s, e = tok.idx, tok.idx + len(tok.text)
        if any(a < e and s < b for a, b in taken):
            continue
        out.append(Mention(article, s, e, tok.text, "PERSON"))
    return out


_OUTLET_NAME_WORDS = frozenset(
    "review times post journal herald news wire gazette chronicle daily tribune telegraph observer bulletin "
    "magazine press agency courier standard guardian mirror express independent examiner monitor record "
    "dispatch sentinel inquirer recorder weekly".split()
)


def _outlet_name(text: str) -> bool:
    """ "The Northgate Review", "Estuary Herald", "Continental Wire Service": a publication's name."""
    words = normal_form(text).split()
    if len(words) < 2:
        return False
    tail = words[-2:] if words[-1] in ("service", "online", "network") else words[-1:]
    return any(w in _OUTLET_NAME_WORDS for w in tail)


def _follows_outlet_noun(doc: object, start: int) -> bool:
    """ "German newspaper Der Spiegel", "news outlet CNN": an outlet noun right before the name."""
    tokens = doc  # a spaCy Doc; typed loosely to keep spaCy out of this module's signatures
    return start > 0 and tokens[start - 1].lemma_.lower() in OUTLET_NOUNS  # type: ignore[index]


@dataclass
class _Group:
    key: str
    coarse: str  # PERSON or THING
    surfaces: Counter[str]
    types: Counter[str]
    articles: set[str]

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def resolve_entities(mentions: Sequence[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Merge mentions from all articles into entities; returns the entities and the resolved mentions."""
    groups: dict[tuple[str, str], _Group] = {}
    first_index: dict[tuple[str, str], int] = {}
    for index, m in enumerate(mentions):
        key = normal_form(m.text)
        if not key:
            continue
        coarse = "PERSON" if m.type == "PERSON" else "THING"
        group = groups.setdefault((coarse, key), _Group(key, coarse, Counter(), Counter(), set()))
        group.surfaces[m.text] += 1
        group.types[m.type] += 1
        group.articles.add(m.article)
        first_index.setdefault((coarse, key), index)
    # A name tagged PERSON once and as an organisation or outlet elsewhere is the thing.
    for (coarse, key), group in list(groups.items()):
        if coarse == "PERSON" and ("THING", key) in groups:
            other = groups[("THING", key)]
            other.surfaces.update(group.surfaces)
            other.types.update(group.types)
            other.articles |= group.articles
            first_index[("THING", key)] = min(first_index[("THING", key)], first_index[(coarse, key)])
            del groups[(coarse, key)]

    # A lone word tagged PERSON that is no person's name but part of an organisation's ("Spiegel").
    person_tokens = {t for (c, k) in groups if c == "PERSON" and len(k.split()) > 1 for t in k.split()}
    for (coarse, key), group in list(groups.items()):
        if coarse != "PERSON" or " " in key or key in person_tokens:
            continue
        if any(c == "THING" and _contains_run(k.split(), [key]) for (c, k) in groups):
            target = groups.setdefault(("THING", key), _Group(key, "THING", Counter(), Counter(), set()))
            target.surfaces.update(group.surfaces)
            target.types.update(group.types)
            target.articles |= group.articles
            first_index[("THING", key)] = min(
                first_index.get(("THING", key), 10**9), first_index[(coarse, key)]
            )
            del groups[(coarse, key)]

    parent: dict[tuple[str, str], tuple[str, str]] = {k: k for k in groups}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # Keep the longer name as the root so the canonical name is the fullest form.
            if len(ra[1]) < len(rb[1]):
                ra, rb = rb, ra
            parent[rb] = ra

    keys = sorted(groups, key=lambda k: (-len(k[1].split()), k[1]))
    places = _places()
    # Rule 2: spelling variants, and given-name variants of the same person.
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a[0] == b[0] and _spelling_variant(a[1], b[1]):
                union(a, b)
    # Rule 3: initials.
    for a in keys:
        ta = a[1].split()
        if a[0] != "THING" or len(ta) != 1 or not 2 <= len(ta[0]) <= 5:
            continue
        surface = groups[a].surfaces.most_common(1)[0][0]
        if not surface.isupper():
            continue
        matches = [
            b
            for b in keys
            if b[0] == "THING" and len(b[1].split()) >= 2 and "".join(t[0] for t in b[1].split()) == ta[0]
        ]
        if len(matches) == 1:
            union(matches[0], a)
    # Rule 4: short forms of things, across articles, when they fit exactly one longer name.
    for a in keys:
        ta = a[1].split()
        if a[0] != "THING" or a[1] in places:
            continue
        longer = {
            find(b)
            for b in keys
            if b[0] == "THING"
            and len(b[1].split()) > len(ta)
            and _contains_run(b[1].split(), ta)
            and find(b) != find(a)
        }
        if len(longer) == 1:
            union(next(iter(longer)), a)

    # Rule 5 for people, across articles: a full name with middle names or initials is the one same name
    # without them ("Raymond W. Kelly", "Hillary Rodham Clinton"), and a name of two or more words that
    # ends exactly one longer name is that person ("Trump Jr."). A lone surname is left to rule 4.
    people = [k for k in keys if k[0] == "PERSON" and len(k[1].split()) >= 2]
    for a in people:
        ta = a[1].split()
        fuller = {
            find(b)
            for b in people
            if len(b[1].split()) > len(ta)
            and (
                (b[1].split()[0] == ta[0] and b[1].split()[-1] == ta[-1] and _in_order(ta, b[1].split()))
                or b[1].split()[-len(ta) :] == ta
            )
        }
        if len(fuller) == 1 and find(a) not in fuller:
            union(next(iter(fuller)), a)

    # Rule 4 for people: inside each article, a surname or given name alone joins the one full name.
    person_article_links: dict[tuple[str, str], tuple[str, str]] = {}
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    for article, ms in by_article.items():
        full_names = {
            normal_form(m.text) for m in ms if m.type == "PERSON" and len(normal_form(m.text).split()) >= 2
        }
        first_full: dict[str, int] = {}
        for m in ms:
            key = normal_form(m.text)
            if m.type == "PERSON" and key in full_names:
                first_full.setdefault(key, m.start)
        for m in ms:
            key = normal_form(m.text)
            if len(key.split()) != 1:
                continue
            if m.type == "PERSON":
                owners = {f for f in full_names if key in f.split()}
            elif m.type == "ORG" and key not in places and not is_known_outlet(m.text):
                # The parser tags a surname ORG now and then ("Pence said"): after the full name in the
                # same article, the surname of exactly one person is that person.
                owners = {
                    f for f in full_names if f.split()[-1] == key and first_full.get(f, m.start) < m.start
                }
            else:
                continue
            if len(owners) == 1:
                person_article_links[(article, key)] = ("PERSON", next(iter(owners)))

    # Rule 4 for people, across articles: a lone name that no article resolves and that is part of exactly
    # one person's full name in the whole input is that person ("Pence" in an article that never names
    # Mike Pence in full). Two full names sharing it (Wang Yi, Wang Wenbin) leave it alone.
    for a in keys:
        if a[0] != "PERSON" or len(a[1].split()) != 1 or find(a) != a:
            continue
        holders = {find(b) for b in people if a[1] in b[1].split()}
        if len(holders) == 1:
            union(next(iter(holders)), a)
    # Rule 6: the names and aliases of one known outlet (the packaged table: "THR", "The Hollywood
    # Reporter") are one entity.
    by_outlet: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in keys:
        if a[0] == "THING":
            known = outlet_named(groups[a].surfaces.most_common(1)[0][0])
            if known is not None:
                by_outlet[known.name].append(a)
    for named in by_outlet.values():
        for b in named[1:]:
            union(named[0], b)
    outlet_of_root = {find(named[0]): outlet for outlet, named in by_outlet.items()}

    # Build entities.
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in groups:
        members[find(k)].append(k)
    entity_of_group: dict[tuple[str, str], str] = {}
    entities: list[Entity] = []
    used_ids: set[str] = set()
    order = sorted(members, key=lambda r: min(first_index[k] for k in members[r]))
    for root in order:
        ks = members[root]
        surfaces: Counter[str] = Counter()
        types: Counter[str] = Counter()
        arts: set[str] = set()
        for k in ks:
            surfaces.update(groups[k].surfaces)
            types.update(groups[k].types)
            arts |= groups[k].articles
        name = _canonical(root, ks, groups)
        etype = _entity_type(types)
        if root in outlet_of_root:  # the table's name, as users know it ("The Hollywood Reporter")
            name, etype = outlet_of_root[root], "OUTLET"
        new_id = _entity_id(name, used_ids)
        for k in ks:
            entity_of_group[k] = new_id
        aliases = tuple(sorted(set(surfaces) | {name}))
        entities.append(Entity(new_id, name, etype, aliases, tuple(sorted(arts))))

    resolved: list[Mention] = []
    extra_aliases: dict[str, set[str]] = defaultdict(set)
    extra_articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        key = normal_form(m.text)
        if not key:
            resolved.append(m)
            continue
        eid: str | None = None
        link = person_article_links.get((m.article, key))
        if link is not None and link in groups:
            eid = entity_of_group[link]
            if key != link[1]:
                extra_aliases[eid].add(m.text)
                extra_articles[eid].add(m.article)
        if eid is None:
            coarse = "PERSON" if m.type == "PERSON" else "THING"
            k = (coarse, key) if (coarse, key) in groups else ("THING", key)
            eid = entity_of_group.get(k)
        resolved.append(replace(m, entity=eid))
    if extra_aliases:
        entities = [
            replace(
                e,
                aliases=tuple(sorted(set(e.aliases) | extra_aliases[e.id])),
                articles=tuple(sorted(set(e.articles) | extra_articles[e.id])),
            )
            if e.id in extra_aliases
            else e
            for e in entities
        ]
    # Drop entities that only ever appear as a surname resolved into someone else.
    used = {m.entity for m in resolved}
    entities = [e for e in entities if e.id in used]
    return entities, resolved


def _spelling_variant(a: str, b: str) -> bool:
    """Transliteration or typing variants: every differing token is long and one edit away, the edit
    an insertion, a deletion or a vowel swap (Anthony/Antony, Zelensky/Zelenskyy, Timur/Temur
    Bakhtiyarov/Bakhtiarov); never a consonant swap (Wang Yi/Wang Wenbin are not close anyway)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or ta == tb:
        return False
    diffs = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(diffs) > 2 or (len(diffs) == len(ta) == 1 and min(len(ta[0]), len(tb[0])) < 6):
        return False
    return all(min(len(x), len(y)) >= 5 and _one_soft_edit(x, y) for x, y in diffs)


def _one_soft_edit(x: str, y: str) -> bool:
    if Levenshtein.distance(x, y) != 1:
        return False
    if len(x) != len(y):
        return True
    (i,) = [k for k in range(len(x)) if x[k] != y[k]]
    return x[i] in "aeiouy" and y[i] in "aeiouy"


def _in_order(short: list[str], long: list[str]) -> bool:
    """Every token of ``short`` appears in ``long`` in the same order (middle names may sit between)."""
    rest = iter(long)
    return all(token in rest for token in short)


def _contains_run(tokens: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(tokens[i : i + n] == run for i in range(len(tokens) - n + 1))


def _canonical(
    root: tuple[str, str], keys: list[tuple[str, str]], groups: dict[tuple[str, str], _Group]
) -> str:
    longest = max(len(k[1].split()) for k in keys)
    candidates: Counter[str] = Counter()
    for k in keys:
        if len(k[1].split()) == longest:
            candidates.update(groups[k].surfaces)
    # The most frequent surface of the fullest form; ties go to the one with typographic apostrophes
    # folded to plain ones last, so the choice is stable.
    return sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _entity_type(types: Counter[str]) -> str:
    if types.get("OUTLET"):
        return "OUTLET"
    return types.most_common(1)[0][0]


def _entity_id(name: str, used: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", normal_form(name)).strip("-")[:40] or "entity"
    candidate, n = f"e-{slug}", 2
    while candidate in used:
        candidate, n = f"e-{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def mentions_by_article(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        out[m.article].append(m)
    return out


def mark_outlets(
    entity_list: Sequence[Entity], mentions: Sequence[Mention], outlets: Iterable[str]
) -> tuple[list[Entity], list[Mention]]:
    """Entities named like one of the articles' own outlets are outlets ("the Daily Flare" reported ...),
    whatever type NER gave them; their mentions follow."""
    names = {normal_form(o) for o in outlets if o} - {""}
    if not names:
        return list(entity_list), list(mentions)
    outlet_ids = {
        e.id
        for e in entity_list
        if e.type != "OUTLET" and any(normal_form(a) in names for a in (e.name, *e.aliases))
    }
    if not outlet_ids:
        return list(entity_list), list(mentions)
    marked = [replace(e, type="OUTLET") if e.id in outlet_ids else e for e in entity_list]
    moved = [replace(m, type="OUTLET") if m.entity in outlet_ids else m for m in mentions]
    return marked, moved


def outlet_from_filename(source: str, entities: Iterable[Entity]) -> str | None:
    """The outlet a saved article's file name names: ``a1_northgate-review.txt`` -> The Northgate Review.

    Used only when no metadata names the outlet; the outlet must also be an entity the text mentions:
    an outlet whose name the file name holds or shortens (``continental-wire`` -> Continental Wire
    Service), or any organisation the file name spells out in full (``daily-flare`` -> Daily Flare)."""
    stem = re.split(r"[\\/]", source)[-1].rsplit(".", 1)[0]
    stem_tokens = {t for t in normal_form(stem.replace("_", " ")).split() if not any(c.isdigit() for c in t)}
    best: tuple[int, str] | None = None
    for entity in entities:
        tokens = set(normal_form(entity.name).split())
        if not tokens:
            continue
        if entity.type == "OUTLET":
            specific = len(tokens) > 1 or len(next(iter(tokens))) > 3
            named = (tokens <= stem_tokens and specific) or (len(stem_tokens) >= 2 and stem_tokens <= tokens)
        else:
            named = entity.type == "ORG" and len(tokens) > 1 and tokens == stem_tokens
        if named and (best is None or len(tokens) > best[0]):
            best = (len(tokens), entity.name)
    return best[1] if best else None
