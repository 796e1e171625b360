from __future__ import annotations

import numpy as np

from sourcetrace.stories import average_linkage, near_duplicates

BASE = (
    "The council approved the new tram line on Tuesday after a long debate about costs, routes and the "
    "timetable for construction, which is due to start next spring and finish within four years."
)


def test_near_copies_are_grouped_and_different_texts_are_not() -> None:
    copy = BASE + " Reporting by a wire service."  # a syndicated copy with a credit line
    other = "A drone maker denied selling engines abroad, saying it had no commercial contact with the buyer."
    groups = near_duplicates([BASE, other, copy])
    assert groups == [{0, 2}]


def test_average_linkage_respects_threshold_and_floor() -> None:
    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.8], [0.1, 0.8, 1.0]])
    # {0, 1} joins 2 at a mean of (0.1 + 0.8) / 2 = 0.45.
    assert sorted(map(sorted, average_linkage(sim, 0.5))) == [[0, 1], [2]]
    assert sorted(map(sorted, average_linkage(sim, 0.4))) == [[0, 1, 2]]
    # With a floor, 0 and 2 (0.1 apart) never end up together.
    assert sorted(map(sorted, average_linkage(sim, 0.4, floor=0.5))) == [[0, 1], [2]]
