"""Outlet identification: metadata, the registered domain, bylines and datelines, self-references."""

from __future__ import annotations

import publicsuffixlist

from sourcetrace import outlets
from sourcetrace.model import Article
from sourcetrace.outlets import (
    display_name,
    identify_outlet,
    is_self_reference,
    outlet_table,
    registered_domain,
    same_outlet,
)


def test_subdomains_fold_into_the_registered_domain() -> None:
    assert registered_domain("https://usatoday30.usatoday.com/news/x.html") == "usatoday.com"
    assert registered_domain("http://news.bbc.co.uk/2/hi/x.stm") == "bbc.co.uk"
    assert registered_domain("not a url") is None
    assert registered_domain("http://127.0.0.1/x") is None


def test_a_known_domain_gives_the_outlet_name() -> None:
    assert identify_outlet(None, "https://usatoday30.usatoday.com/news/story") == "USA Today"
    assert identify_outlet(None, "http://news.bbc.co.uk/2/hi/uk_news/1.stm") == "BBC News"
    assert identify_outlet(None, "https://www.hollywoodreporter.com/news/x-1") == "The Hollywood Reporter"


def test_a_listed_host_deeper_than_its_registered_domain_wins() -> None:
    assert identify_outlet(None, "https://abcnews.go.com/US/story?id=1") == "ABC News"


def test_metadata_naming_a_known_outlet_is_normalised_and_other_metadata_kept() -> None:
    assert identify_outlet("THE ASSOCIATED PRESS", None) == "Associated Press"
    assert identify_outlet("The Daily Flare", "https://dailyflare.example.org/a") == "The Daily Flare"


def test_an_unlisted_domain_is_still_a_named_publisher() -> None:
    assert identify_outlet(None, "https://www.northgate-review.org/2024/story") == "northgate-review.org"


def test_a_byline_or_dateline_credit_names_the_outlet_when_nothing_else_does() -> None:
    assert identify_outlet(None, None, "PORTVILLE (AP) — The harbour closed on Monday.") == "Associated Press"
    assert identify_outlet(None, None, "By Jane Roe, Reuters\n\nThe harbour closed.") == "Reuters"
    assert identify_outlet(None, None, "The harbour closed on Monday.") is None


def test_an_article_with_no_outlet_is_shown_as_unknown_with_its_id() -> None:
    assert display_name(Article("a3", "a3.txt", "text")) == "unknown outlet (article a3)"
    assert display_name(Article("a3", "a3.txt", "text", outlet="Reuters")) == "Reuters"


def test_told_reuters_in_a_reuters_article_is_a_self_reference() -> None:
    reuters = Article("a1", "x", "text", outlet="Reuters")
    other = Article("a2", "y", "text", outlet="The Daily Flare")
    assert is_self_reference(reuters, "Reuters")
    assert not is_self_reference(other, "Reuters")


def test_aliases_name_one_outlet_and_shared_aliases_name_none() -> None:
    assert same_outlet("THR", "The Hollywood Reporter")
    assert not same_outlet("THR", "Variety")
    # "ABC" is both ABC News and Australia's ABC: it must not pick one.
    assert "abc" not in outlet_table().by_name


def test_the_table_is_large_and_each_domain_listed_once() -> None:
    table = outlet_table()
    assert len(table.by_domain) >= 150
    assert all("." in domain and domain == domain.lower() for domain in table.by_domain)


def test_the_public_suffix_list_is_the_bundled_file() -> None:
    # The list must be read from the package's own snapshot: no URL is ever handed to the library.
    outlets._suffixes.cache_clear()
    opened: list[str] = []
    real_init = publicsuffixlist.PublicSuffixList.__init__

    def spy(self: publicsuffixlist.PublicSuffixList, source: object = None, **kw: object) -> None:
        opened.append(getattr(source, "name", repr(source)))
        real_init(self, source, **kw)  # type: ignore[arg-type]

    publicsuffixlist.PublicSuffixList.__init__ = spy  # type: ignore[method-assign]
    try:
        assert registered_domain("https://a.b.example.co.uk/") == "example.co.uk"
    finally:
        publicsuffixlist.PublicSuffixList.__init__ = real_init  # type: ignore[method-assign]
        outlets._suffixes.cache_clear()
    assert opened == [publicsuffixlist.PSLFILE]
