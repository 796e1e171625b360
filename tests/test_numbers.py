from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcetrace.dates import find_dates
from sourcetrace.model import Quantity
from sourcetrace.numbers import conflicting, find_quantities, parse_number


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_parse_to_themselves(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a hundred", 100),
        ("one hundred", 100),
        ("twenty-five", 25),
        ("two hundred", 200),
        ("a dozen", 12),
        ("three thousand", 3000),
        ("a hundred and twenty", 120),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert parse_number(text) == value


def one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_intervals_for_modifiers_and_ranges() -> None:
    assert (one("more than a hundred drones").low, one("more than a hundred drones").high) == (
        math.nextafter(100, math.inf),
        math.inf,
    )
    up_to = one("up to a hundred aircraft per month")
    assert (up_to.low, up_to.high, up_to.per) == (0.0, 100.0, "month")
    assert (
        one("between 35 and 50 kg").low,
        one("between 35 and 50 kg").high,
        one("between 35 and 50 kg").unit,
    ) == (35, 50, "kg")
    dash = one("launching 35-50 kilogram warheads")
    assert (dash.low, dash.high, dash.unit) == (35, 50, "kg")
    assert one("around 100 drones").approximate


def test_designations_and_years_are_not_quantities() -> None:
    assert find_quantities("the ZT-180 and the Su-27 flew in 2023") == []


def counted(text: str, noun: str = "drone") -> Quantity:
    """A count as the claims stage gives it: with the thing counted as its unit."""
    return replace(one(text), unit=noun)


def test_conflict_only_when_intervals_are_disjoint() -> None:
    hundred = counted("100 drones")
    assert conflicting(hundred, counted("more than a hundred drones"))
    assert not conflicting(hundred, counted("around 100 drones"))
    assert not conflicting(hundred, counted("up to a hundred drones"))
    # A rate is not a total: 100 by April and 100 per month are different propositions.
    assert not conflicting(hundred, counted("100 drones per month"))


def test_only_like_is_compared_with_like() -> None:
    assert not conflicting(counted("120 engines", "engine"), one("€31 million"))
    assert not conflicting(one("120"), one("a hundred"))  # nothing says what either counts
    assert conflicting(one("€31 million"), one("about €9 million"))
    assert one("a hundred and twenty").low == 120


def test_dates_resolve_against_the_article_date() -> None:
    found = {
        d.text: d
        for d in find_dates(
            "Earlier on Feb. 23 and on Thursday, by April, earlier this month.", 0, "2023-03-16"
        )
    }
    assert found["on Feb. 23"].resolved == "2023-02-23"
    assert found["on Thursday"].resolved == "2023-03-16"  # 16 March 2023 was a Thursday
    assert found["by April"].resolved == "2023-04" and found["by April"].relation == "by"
    assert found["earlier this month"].resolved == "2023-03"


def test_dates_without_an_anchor_stay_unresolved() -> None:
    (thursday,) = find_dates("on Thursday", 0, None)
    assert thursday.resolved is None
