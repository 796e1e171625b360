"""Why a gold claim of the development stories is not found whole: the pair score or the clustering.

For every gold claim of ``../shared/eval/stories`` (dev1-3), and of the ECB+ stories with our claim
gold (``eval/ecb_claims.py``), the pipeline runs up to alignment (the aligner's inputs are recorded, as
in ``eval/alignment_cv.py``), and each claim is put in one of five kinds:

- ``whole``: one dossier claim holds a report of every gold place (the stories' scorer's "claims" part);
- ``no report``: some gold place has no report at all (extraction or check-worthiness lost it);
- ``two stories``: every place has a report, but story grouping put them in different stories;
- ``clustering``: every gold place is linked to the others by pair scores at or above the merge
  threshold (through the gold places alone), yet the claims split them: the clustering, not the pair
  score, kept them apart;
- ``pair score``: some gold place is not linked to the rest at the merge threshold.

For the claims not found whole it also prints the *bottleneck*: the highest pair-score level at which the
gold places are still connected through the story's reports, and how many of the story's reports that
connected part holds. A bottleneck reached only through a large part of the story means the pair score
does not tell this claim's reports from the rest of the story.

    python eval/alignment_census.py
    python eval/alignment_census.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import ecb_claims  # noqa: E402
from alignment_cv import record  # noqa: E402
from stories import SHARE, STORIES, story_scorer  # noqa: E402

from sourcetrace import align  # noqa: E402
from sourcetrace.model import Report  # noqa: E402
from sourcetrace.nlp import Models  # noqa: E402

LEVELS = np.round(np.arange(0.98, 0.0, -0.02), 2)


@dataclass(frozen=True)
class Finding:
    story: str
    claim: str
    kind: str
    bottleneck: float | None = None  # highest level at which the gold places connect through the story
    component: int | None = None  # reports in that connected part
    reports: int | None = None  # reports of the story


def _components(sim: np.ndarray, level: float) -> np.ndarray:
    """Connected parts of the graph of pairs scoring at least ``level``: a label per report."""
    n = len(sim)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(*np.nonzero(np.triu(sim >= level, 1)), strict=True):
        parent[find(int(a))] = find(int(b))
    return np.array([find(i) for i in range(n)])


def _linked(sim: np.ndarray, places: list[list[int]], level: float) -> bool:
    """Whether the gold places form one connected group through each other at ``level``."""
    n = len(places)
    seen, stack = {0}, [0]
    while stack:
        a = stack.pop()
        for b in range(n):
            if b not in seen and max(sim[i, j] for i in places[a] for j in places[b]) >= level:
                seen.add(b)
                stack.append(b)
    return len(seen) == n


def classify_places(
    story: str,
    name: str,
    places: list[list[int]],
    reports: Sequence[Report],
    sim: np.ndarray,
    claims: list[set[int]],
) -> Finding:
    """The kind of one gold claim, given for each of its places the indexes of the reports holding it."""
    if not all(places):
        return Finding(story, name, "no report")
    if any(all(any(i in c for i in p) for p in places) for c in claims):
        return Finding(story, name, "whole")
    kind = "clustering" if _linked(sim, places, align.load_pair_model().threshold) else "pair score"
    for level in LEVELS:
        label = _components(sim, float(level))
        common = set.intersection(*({int(label[i]) for i in p} for p in places))
        if common:
            size = int(np.sum(label == common.pop()))
            return Finding(story, name, kind, float(level), size, len(reports))
    return Finding(story, name, kind)


Prepared = list[tuple[list[Report], np.ndarray, list[set[int]]]]  # per aligner call: reports, scores, claims


def _prepared(corpus: str, models: Models) -> tuple[Prepared, list[tuple[str, str]]]:
    calls, articles = record(corpus, models)
    prepared = []
    for reports, persons, places in calls:
        rows = align.claim_indexes(reports)
        kept = [reports[i] for i in rows]
        index = {id(r): n for n, r in enumerate(kept)}
        scores = align.pair_scores(reports, models, persons)
        grouped = align.align_reports(reports, models, persons=persons, places=places, scores=scores)
        claims = [{index[id(r)] for r in c.reports} for c in grouped]
        prepared.append((kept, scores[0][np.ix_(rows, rows)], claims))
    return prepared, articles


def _judge(
    story: str, name: str, places_in: Callable[[list[Report]], list[list[int]]], prepared: Prepared
) -> Finding:
    """One gold claim, judged in the story (aligner call) that holds a report of every place; a corpus
    may hold several stories. ``places_in(reports)``: for each place, the indexes of the reports holding
    it. A claim whose places all have reports, but in different stories, is split by story grouping."""
    located = [(places_in(kept), kept, sim, claims) for kept, sim, claims in prepared]
    options = [classify_places(story, name, *item) for item in located]
    found = next((f for f in options if f.kind != "no report"), None)
    if found is not None:
        return found
    reported = all(any(places[k] for places, *_ in located) for k in range(len(located[0][0])))
    return replace(options[0], kind="two stories") if reported and len(options) > 1 else options[0]


def _story_places(
    reports: list[Report],
    want: list[tuple[str, str]],
    keys: dict[str, str | None],
    norm: Callable[[str], str],
) -> list[list[int]]:
    """For each (article key, fragment) of a development story's gold claim, the reports holding it."""
    return [
        [i for i, r in enumerate(reports) if keys.get(r.article) == k and f in norm(r.sentence.text)]
        for k, f in want
    ]


def _ecb_places(reports: list[Report], places: list[ecb_claims.Place]) -> list[list[int]]:
    return [[i for i, r in enumerate(reports) if ecb_claims.holds(r, p)] for p in places]


def census(stories: Sequence[str] = STORIES, ecb: bool = True) -> list[Finding]:
    """The development stories' gold claims, then (``ecb``) those of the ECB+ stories with our gold."""
    models = Models()
    findings = []
    for story in stories:
        scorer = story_scorer(SHARE / f"{story}-gold.json")
        prepared, articles = _prepared(story, models)
        keys = {i: scorer.article_key({"id": i, "source": s}) for i, s in articles}
        for claim in scorer.GOLD["claims"]:
            want = [
                (k if k in scorer.GOLD["articles"] else k[:-1], scorer.norm(f))
                for k, f in claim["reports"].items()
            ]
            located = partial(_story_places, want=want, keys=keys, norm=scorer.norm)
            findings.append(_judge(story, str(claim["id"]), located, prepared))
    for path in ecb_claims.gold_files("train") if ecb else []:
        gold = ecb_claims.load_gold(path)
        prepared, _ = _prepared(f"ecb:{gold['subtopic']}", models)
        for name, places in gold["claims"]:
            findings.append(_judge(gold["subtopic"], name, partial(_ecb_places, places=places), prepared))
    return findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    findings = census()
    for f in findings:
        where = (
            f"  bottleneck {f.bottleneck:.2f}: through {f.component} of the story's {f.reports} reports"
            if f.bottleneck is not None
            else ""
        )
        print(f"{f.story} {f.claim:5} {f.kind}{where}")
    print("kinds, development stories:", dict(Counter(f.kind for f in findings if f.story in STORIES)))
    print("kinds, ECB+ stories:", dict(Counter(f.kind for f in findings if f.story not in STORIES)))
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in findings], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
