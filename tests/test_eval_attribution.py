"""Arithmetic of the PolNeAR attribution scorer (eval/attribution.py) on hand-made examples."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
attr = importlib.import_module("eval.attribution")

Predicted = attr.Predicted
GoldAttribution = attr.GoldAttribution

#        0         1         2         3         4         5         6         7
#        0123456789012345678901234567890123456789012345678901234567890123456789012345
TEXT = '"Taxes will rise," the minister said. Critics claimed that the plan would fail.'
# spans used below
Q_CONTENT = (1, 16)  # Taxes will rise
Q_CONTENT_QUOTED = (0, 18)  # "Taxes will rise,"
MINISTER = (19, 31)  # the minister
SAID = (32, 36)  # said
CRITICS = (38, 45)  # Critics
CLAIMED = (46, 53)  # claimed
THAT_CONTENT = (54, 78)  # that the plan would fail


def gold(source: list[tuple[int, int]], cue: list[tuple[int, int]], content: list[tuple[int, int]]) -> object:
    return GoldAttribution(id="E", source=tuple(source), cue=tuple(cue), content=tuple(content))


GOLD = [gold([MINISTER], [SAID], [Q_CONTENT]), gold([CRITICS], [CLAIMED], [THAT_CONTENT])]


def test_offsets_in_fixture() -> None:
    assert TEXT[slice(*Q_CONTENT)] == "Taxes will rise"
    assert TEXT[slice(*MINISTER)] == "the minister"
    assert TEXT[slice(*SAID)] == "said"
    assert TEXT[slice(*CRITICS)] == "Critics"
    assert TEXT[slice(*CLAIMED)] == "claimed"
    assert TEXT[slice(*THAT_CONTENT)] == "that the plan would fail"


def test_strip_and_normalize() -> None:
    assert attr.strip_span(TEXT, Q_CONTENT_QUOTED) == Q_CONTENT
    assert attr.strip_span(TEXT, (16, 19)) is None  # '," ' is only punctuation and space
    # fragments separated only by punctuation/space are joined; by words they are not
    assert attr.normalize(TEXT, [(19, 23), (23, 31)]) == (MINISTER,)
    assert attr.normalize(TEXT, [(54, 62), (67, 78)]) == ((54, 62), (68, 78))
    assert attr.normalize(TEXT, [(18, 19)]) == ()  # whitespace only
    # a punctuation-only unit (PolNeAR cue ":" or "—") keeps its punctuation, minus whitespace
    assert attr.normalize(TEXT, [(16, 19)]) == ((16, 18),)


def test_perfect_prediction_scores_one() -> None:
    pred = [
        Predicted(source=[MINISTER], cue=[SAID], content=[Q_CONTENT_QUOTED]),
        Predicted(source=[CRITICS], cue=[CLAIMED], content=[(54, 79)]),
    ]  # content with the full stop
    s = attr.score_article(TEXT, GOLD, pred)
    for role in attr.ROLES:
        assert s.exact[role].f1 == 1.0
        assert s.overlap[role].f1 == 1.0
    assert (s.attribution.tp, s.attribution.pred, s.attribution.gold) == (2, 2, 2)


def test_exact_vs_overlap_and_attribution() -> None:
    # 1st: content too short ("Taxes will") -> overlap only; 2nd: source "Critics" right, cue right,
    # content "the plan would fail" (without "that") -> overlap only. Plus a spurious third prediction.
    pred = [
        Predicted(source=[MINISTER], cue=[SAID], content=[(1, 11)]),
        Predicted(source=[CRITICS], cue=[CLAIMED], content=[(59, 78)]),
        Predicted(source=[], cue=[(63, 67)], content=[(68, 78)]),  # "plan" / "would fail"
    ]
    s = attr.score_article(TEXT, GOLD, pred)
    # content: 3 predicted, 2 gold; exact 0; overlap: (1,11)~Q, (59,78)~THAT; (68,78) also overlaps THAT
    # but THAT is already taken by the larger overlap (19 chars vs 10).
    assert (s.exact["content"].tp, s.exact["content"].pred, s.exact["content"].gold) == (0, 3, 2)
    assert s.overlap["content"].tp == 2
    assert s.overlap["content"].precision == pytest.approx(2 / 3)
    assert s.overlap["content"].recall == 1.0
    # cue: 3 predicted, 2 gold, 2 exact
    assert s.exact["cue"].tp == 2
    assert s.exact["cue"].f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))
    # source: the empty source of the 3rd prediction is not a unit
    assert (s.exact["source"].tp, s.exact["source"].pred, s.exact["source"].gold) == (2, 2, 2)
    # attributions: the first two match (all roles overlap), the third overlaps content but not cue
    assert (s.attribution.tp, s.attribution.pred, s.attribution.gold) == (2, 3, 2)
    assert s.attribution.precision == pytest.approx(2 / 3)


def test_role_spans_are_pooled_across_attributions() -> None:
    # Cue and source swapped between attributions: span scores don't care, attribution F1 does.
    pred = [
        Predicted(source=[CRITICS], cue=[SAID], content=[Q_CONTENT]),
        Predicted(source=[MINISTER], cue=[CLAIMED], content=[THAT_CONTENT]),
    ]
    s = attr.score_article(TEXT, GOLD, pred)
    assert s.exact["source"].f1 == 1.0
    assert s.exact["cue"].f1 == 1.0
    assert s.attribution.tp == 0
    assert s.attribution.f1 == 0.0


def test_missing_source_rules() -> None:
    g = [gold([], [CLAIMED], [THAT_CONTENT])]
    both_none = [Predicted(source=[], cue=[CLAIMED], content=[THAT_CONTENT])]
    pred_has_source = [Predicted(source=[CRITICS], cue=[CLAIMED], content=[THAT_CONTENT])]
    assert attr.score_article(TEXT, g, both_none).attribution.tp == 1
    assert attr.score_article(TEXT, g, pred_has_source).attribution.tp == 0
    s = attr.score_article(TEXT, g, pred_has_source)
    assert (s.exact["source"].tp, s.exact["source"].pred, s.exact["source"].gold) == (0, 1, 0)
    assert s.exact["source"].precision == 0.0
    assert s.exact["source"].recall == 0.0  # no gold: recall defined as 0, f1 0
    g2 = [gold([CRITICS], [CLAIMED], [THAT_CONTENT])]
    assert attr.score_article(TEXT, g2, both_none).attribution.tp == 0


def test_punctuation_cue_is_scored() -> None:
    text = "Trump: I will win."
    g = [gold([(0, 5)], [(5, 6)], [(7, 17)])]
    s = attr.score_article(text, g, [Predicted(source=[(0, 5)], cue=[(5, 7)], content=[(7, 18)])])
    assert (s.exact["cue"].tp, s.exact["cue"].gold) == (1, 1)
    assert s.attribution.tp == 1
    s = attr.score_article(text, g, [])
    assert (s.exact["cue"].tp, s.exact["cue"].gold) == (0, 1)


def test_overlap_greedy_one_to_one() -> None:
    g = [((0, 10),), ((12, 20),)]
    p = [((5, 15),), ((8, 30),)]
    # overlaps: g0-p0 5, g0-p1 2, g1-p0 3, g1-p1 8 -> g1-p1 (8) then g0-p0 (5)
    assert attr.overlap_counts(g, p).tp == 2
    # a single prediction covering both gold spans matches only one of them
    c = attr.overlap_counts(g, [((0, 20),)])
    assert (c.tp, c.pred, c.gold) == (1, 1, 2)
    assert c.recall == 0.5
    assert c.precision == 1.0


def test_exact_is_multiset() -> None:
    g = [((0, 4),), ((0, 4),), ((6, 9),)]
    p = [((0, 4),), ((0, 4),), ((6, 9),), ((6, 9),)]
    c = attr.exact_counts(g, p)  # min(2, 2) + min(1, 2): each gold unit matched at most once
    assert (c.tp, c.pred, c.gold) == (3, 4, 3)


def test_discontinuous_content() -> None:
    text = '"We will win," she said, "no matter what."'
    frag1, frag2 = (1, 12), (26, 40)
    assert text[slice(*frag1)] == "We will win" and text[slice(*frag2)] == "no matter what"
    g = [GoldAttribution(id="E1", source=((15, 18),), cue=((19, 23),), content=(frag1, frag2))]
    exact = [Predicted(source=[(15, 18)], cue=[(19, 23)], content=[(0, 14), (25, 42)])]
    one_fragment = [Predicted(source=[(15, 18)], cue=[(19, 23)], content=[(1, 12)])]
    whole = [Predicted(source=[(15, 18)], cue=[(19, 23)], content=[(0, 42)])]
    assert attr.score_article(text, g, exact).exact["content"].tp == 1
    for pred in (one_fragment, whole):
        s = attr.score_article(text, g, pred)
        assert s.exact["content"].tp == 0
        assert s.overlap["content"].tp == 1
        assert s.attribution.tp == 1


def test_attribution_matching_is_maximum() -> None:
    # p0 could match g0 or g1, p1 only g0: a greedy choice p0->g0 would leave p1 unmatched.
    text = "a" * 100
    g = [gold([], [(0, 5)], [(10, 30)]), gold([], [(0, 5)], [(40, 60)])]
    p = [Predicted(cue=[(0, 5)], content=[(10, 60)]), Predicted(cue=[(0, 5)], content=[(12, 14)])]
    assert attr.attribution_counts(text, g, p).tp == 2


def test_micro_average_over_articles() -> None:
    a1 = attr.GoldArticle(name="a", annotator="x", text=TEXT, attributions=tuple(GOLD))
    a2 = attr.GoldArticle(name="b", annotator="x", text=TEXT, attributions=(GOLD[0],))
    preds = [[Predicted(source=[MINISTER], cue=[SAID], content=[Q_CONTENT])], []]
    s = attr.score_split([a1, a2], preds)
    assert s.articles == 2
    assert (s.exact["cue"].tp, s.exact["cue"].pred, s.exact["cue"].gold) == (1, 1, 3)
    assert s.exact["cue"].recall == pytest.approx(1 / 3)
    assert s.attribution.f1 == pytest.approx(2 * 1 * (1 / 3) / (1 + 1 / 3))


def test_parse_ann_roles_and_fragments() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 3\tShe",
            "T2\tCue 4 8\tsaid",
            "T3\tContent 9 14;20 25\tabcde fghij",
            "T4\tAttribution 4 8\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tCue 30 34\tsaid",
            "T6\tContent 40 50\tsomething",
            "T7\tContent 55 60\tmore",
            "T8\tAttribution-no-source 30 34\tsaid",
            "E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7",
            "T9\tAttribution-no-source 70 74\tx",
            "E3\tAttribution-no-source:T9 ",
            "#1\tAnnotatorNotes T1\ta note",
            "continuation of a multi-line span",
            "T10\tDiscuss 80 90\tignored",
        ]
    )
    parsed = attr.parse_ann(ann)
    assert len(parsed) == 2
    assert parsed[0].source == ((0, 3),) and parsed[0].cue == ((4, 8),)
    assert parsed[0].content == ((9, 14), (20, 25))
    assert parsed[1].source == () and parsed[1].content == ((40, 50), (55, 60))


def test_pipeline_adapter_span_access() -> None:
    span = SimpleNamespace
    one = SimpleNamespace(cue=span(start=1, end=2), source=None, content=span(start=3, end=9))
    many = SimpleNamespace(
        cue=span(start=1, end=2),
        source=span(start=0, end=1),
        content=span(start=3, end=20),
        content_spans=(span(start=3, end=9), span(start=12, end=20)),
    )
    assert attr._spans_of(one, "source") == []
    assert attr._spans_of(one, "content") == [(3, 9)]
    assert attr._spans_of(many, "content") == [(3, 9), (12, 20)]
    assert attr._spans_of(many, "source") == [(0, 1)]


def test_evaluate_with_custom_predictor(tmp_path: Path) -> None:
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "art_ab12.ann").write_text(
        'T1\tSource 19 31\tthe minister\nT2\tCue 32 36\tsaid\nT3\tContent 0 18\t"Taxes will rise,"\n'
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    result = attr.evaluate(
        lambda text: [Predicted(source=[MINISTER], cue=[SAID], content=[Q_CONTENT])], "dev", data_dir=tmp_path
    )
    assert result["articles"] == 1
    assert result["roles"]["content"]["exact"]["f1"] == 1.0
    assert result["attribution"]["f1"] == 1.0


DATA = attr.DEFAULT_DATA_DIR


@pytest.mark.skipif(
    not (DATA / "dev" / "attributions").is_dir(),
    reason=f"PolNeAR not found at {DATA} (it lives in ../shared/eval/polnear, outside the repo)",
)
def test_polnear_dev_article_spans_line_up() -> None:
    articles = attr.load_split(None, "dev", limit=1)
    assert len(articles) == 1
    art = articles[0]
    assert art.attributions
    ann_path = DATA / "dev" / "attributions" / f"{art.name}_{art.annotator}.ann"
    # every T line's recorded text equals the article text at its offsets (fragments joined by a space)
    checked = 0
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].startswith("T"):
            continue
        frags = [tuple(map(int, piece.split())) for piece in parts[1].split(" ", 1)[1].split(";")]
        assert " ".join(art.text[s:e] for s, e in frags) == parts[2]
        checked += 1
    assert checked > 0
    for a in art.attributions:
        assert a.cue, a
        for role in attr.ROLES:
            for s, e in getattr(a, role):
                assert 0 <= s < e <= len(art.text)
