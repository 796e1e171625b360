"""Outlets: which publication an article comes from, and how the outlet names itself in text.

Requires an article's metadata (outlet field, URL, byline) and optionally its text; gives the outlet's
display name (``https://usatoday30.usatoday.com/...`` -> ``USA Today``).

Method, first hit wins:
1. a metadata outlet that names a known outlet or one of its aliases -> that outlet's name;
2. the URL's registered domain (the public-suffix list folds ``news.bbc.co.uk`` into ``bbc.co.uk``)
   looked up in ``data/outlets.tsv``, a maintained table of domains and outlet names;
3. any other metadata outlet, as written;
4. the registered domain itself when the table does not know it (``examiner.com``): a publisher
   identified by its address is still identified;
5. a byline or dateline credit in the text ("By Jane Roe, Reuters", "LONDON (AP) -").
Otherwise the outlet is unknown and the article is shown as ``unknown outlet (article a3)``.

The public-suffix list is the one ``publicsuffixlist`` ships in its package: it is read from that file,
never fetched, so the result is the same offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import publicsuffixlist

from .model import Article


@dataclass(frozen=True, slots=True)
class Outlet:
    domain: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletTable:
    by_domain: dict[str, Outlet]
    by_name: dict[str, Outlet]  # folded name or alias -> outlet


def _fold(name: str) -> str:
    name = re.sub(r"[^\w]+", " ", name.lower().replace("’", "'")).strip()
    return re.sub(r"^the ", "", name)


@lru_cache(maxsize=1)
def outlet_table() -> OutletTable:
    """The packaged domain -> outlet table (``data/outlets.tsv``)."""
    text = resources.files("sourcetrace").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    by_domain: dict[str, Outlet] = {}
    by_name: dict[str, Outlet] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("domain\t"):
            continue
        cells = line.split("\t")
        domain, name = cells[0].strip().lower(), cells[1].strip()
        aliases = tuple(a.strip() for a in cells[2].split("|") if a.strip()) if len(cells) > 2 else ()
        outlet = Outlet(domain, name, aliases)
        by_domain[domain] = outlet
        by_name.setdefault(_fold(name), outlet)
        for alias in aliases:
            # An alias shared by two outlets ("ABC", "the Post") names neither of them on its own.
            folded = _fold(alias)
            if folded in by_name and by_name[folded].name != name:
                by_name[folded] = Outlet("", "", ())
            else:
                by_name.setdefault(folded, outlet)
    return OutletTable(by_domain, {k: v for k, v in by_name.items() if v.name})


@lru_cache(maxsize=1)
def _suffixes() -> publicsuffixlist.PublicSuffixList:
    # The bundled snapshot, passed explicitly: the library never downloads unless asked to.
    with open(publicsuffixlist.PSLFILE, "rb") as handle:
        return publicsuffixlist.PublicSuffixList(handle, only_icann=True)


def _host(url: str | None) -> str | None:
    """The lower-case host of a web URL, or None for anything that is not one."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".") or None
    except ValueError:
        return None


def registered_domain(url: str | None) -> str | None:
    """The registered domain of a URL: ``https://usatoday30.usatoday.com/x`` -> ``usatoday.com``."""
    host = _host(url)
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    return _suffixes().privatesuffix(host) or None


def outlet_for_domain(url: str | None) -> Outlet | None:
    """The known outlet at a URL: the longest listed domain the host ends with, else its registered domain."""
    host = _host(url)
    if not host:
        return None
    table = outlet_table()
    labels = host.split(".")
    # A listed host deeper than the registered domain (abcnews.go.com) wins over the domain (go.com).
    for n in range(len(labels) - 1):
        outlet = table.by_domain.get(".".join(labels[n:]))
        if outlet is not None:
            return outlet
    return None


def outlet_named(name: str | None) -> Outlet | None:
    """The known outlet a written name or alias refers to ("the Hollywood Reporter", "THR")."""
    if not name:
        return None
    return outlet_table().by_name.get(_fold(name))


_CREDIT = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'’-]{1,40}\s*)?\((?P<wire>[A-Z][A-Za-z]{1,15})\)\s*[-–—]"  # LONDON (AP) -
    r"|^\s*By\s+[A-Z][\w.'’ -]{1,60}?,\s*(?P<byline>[A-Z][\w&.'’ -]{1,40}?)\s*$",  # By Jane Roe, Reuters
    re.MULTILINE,
)


def outlet_from_text(text: str) -> Outlet | None:
    """A known outlet credited in a byline or dateline near the top of the text."""
    for match in _CREDIT.finditer(text[:600]):
        outlet = outlet_named(match.group("wire") or match.group("byline"))
        if outlet is not None:
            return outlet
    return None


def identify_outlet(
    metadata_outlet: str | None, url: str | None, text: str = "", fallback: str | None = None
) -> str | None:
    """The outlet's display name from metadata, URL, byline and dateline (see the module docstring).

    ``fallback`` is what another cue of the caller's found (an imprint line); it is used when nothing
    better is known.
    """
    named = outlet_named(metadata_outlet)
    if named is not None:
        return named.name
    by_domain = outlet_for_domain(url)
    if by_domain is not None:
        return by_domain.name
    if metadata_outlet and metadata_outlet.strip():
        return metadata_outlet.strip()
    domain = registered_domain(url)
    if domain:
        return domain
    credited = outlet_from_text(text)
    if credited is not None:
        return credited.name
    if fallback:
        known = outlet_named(fallback)
        return known.name if known else fallback
    return None


def display_name(article: Article) -> str:
    """How an article is named as a publisher: its outlet, or ``unknown outlet (article a3)``."""
    return article.outlet or f"unknown outlet (article {article.id})"


def names_of(outlet_name: str | None) -> frozenset[str]:
    """Every folded name an outlet goes by in text: its own and its table aliases."""
    if not outlet_name:
        return frozenset()
    known = outlet_named(outlet_name)
    names = {_fold(outlet_name)}
    if known is not None:
        names |= {_fold(known.name), *(_fold(a) for a in known.aliases)}
    return frozenset(n for n in names if n)


def is_self_reference(article: Article, source_name: str) -> bool:
    """A source that names the article's own outlet ("told Reuters" in a Reuters article)."""
    return bool(article.outlet) and _fold(source_name) in names_of(article.outlet)


def same_outlet(a: str, b: str) -> bool:
    """Two written names of one outlet ("THR", "The Hollywood Reporter")."""
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    oa, ob = outlet_named(a), outlet_named(b)
    return oa is not None and ob is not None and oa.name == ob.name
