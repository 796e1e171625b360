"""Claim alignment on more real multi-outlet stories: ECB+ sub-topics with our own claim gold.

The three development stories are few, and a claim found whole or not is one point out of ten, so a
change to the aligner moves them by noise. ``eval/gold/ecb_claims/`` holds claim gold for further
ECB+ train sub-topics (``../shared/eval/ecbplus/train.jsonl``), labelled by hand from the texts before
any run of the pipeline on them, in the shape of the development stories' gold but with places given
as character offsets into a document's text (no article text in this repository):

    {"subtopic": "20_ecbplus",
     "claims": [{"id": "c1", "gist": "...", "places": [{"doc": "20_3ecbplus", "start": 10, "end": 52}],
                 "independence": "several", "origins": [["police"], ["20_3ecbplus"]]}],
     "apart": [[place, place], ...], "nonclaims": [place, ...]}

A gold file with ``"split": "test"`` is a sealed test story: nothing is fitted, chosen or studied on
it (the same-claim model, ``eval/alignment_cv.py`` and ``eval/alignment_census.py`` read only the other
files); it is only scored here, to measure a change on text it was not made from.

A report holds a place when it is in the place's document and its sentence contains the place. The
parts are those of the stories' scorer: a claim is found whole when one dossier claim holds a report
of every place; an apart pair is kept when no claim holds both; a non-claim is left out when no claim
holds it. ``pairwise`` is the seeds' pairwise same-claim precision / recall / F1 over one report per
place (the one with the shortest content holding the place, else the one overlapping it most), a
smoother figure than claims found whole.

Where a claim also carries ``"independence"`` (labelled by hand from the texts alone: "single" when every
place traces to one origin, "several" when the texts show two independent origins, "unclear"
otherwise) and ``"origins"`` (the names of each origin), its origins are checked on the dossier claim
holding most of its places (``origin_checks``): as the stories' scorer counts them (a "single" claim
shows one origin, a "several" one two or more) and by the verdict word (a "single" claim is not called
corroborated, a "several" one is); "corroborated precision" is how many of the matched claims called
corroborated are "several".

    python eval/ecb_claims.py            # analyse every labelled sub-topic and score it
    python eval/ecb_claims.py 7_ecbplus  # only these sub-topics, with the totals over them
    python eval/ecb_claims.py --split test   # only the sealed test stories
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.alignment import pair_counts, precision_recall_f1  # noqa: E402
from sourcetrace.model import Article, Claim, Report  # noqa: E402

ECBPLUS = (ROOT / ".." / "shared" / "eval" / "ecbplus").resolve()
GOLD = ROOT / "eval" / "gold" / "ecb_claims"
INDEPENDENCE = ("single", "several")


@dataclass(frozen=True)
class Place:
    doc: str
    start: int
    end: int


def _place(item: dict[str, Any]) -> Place:
    return Place(str(item["doc"]), int(item["start"]), int(item["end"]))


def gold_files(split: Literal["train", "test"] | None = None) -> list[Path]:
    """The gold files: every one, or with ``split`` only those of that split (a file without a
    ``split`` key is "train")."""
    paths = sorted(GOLD.glob("*.json"))
    if split is None:
        return paths
    return [p for p in paths if json.loads(p.read_text(encoding="utf-8")).get("split", "train") == split]


def load_gold(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        "subtopic": data["subtopic"],
        "claims": [(c["id"], [_place(p) for p in c["places"]]) for c in data["claims"]],
        "apart": [(_place(a), _place(b)) for a, b in data.get("apart", [])],
        "nonclaims": [_place(p) for p in data.get("nonclaims", [])],
        # How many independent origins the texts show for a claim, where labelled: "single" or
        # "several" (an "unclear" claim is not judged).
        "independence": {
            c["id"]: c["independence"] for c in data["claims"] if c.get("independence") in INDEPENDENCE
        },
    }


def articles(subtopic: str) -> list[Article]:
    """The sub-topic's documents as articles, their text unchanged (offsets stay valid)."""
    out = []
    with (ECBPLUS / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["subtopic"] == subtopic:
                # The document id stands for its outlet (ECB+ gives none), as the origins gold names
                # an article speaking in its own voice; the claims figures are the same without it.
                name = doc["doc"]
                out.append(Article(id=name, source=f"ecbplus:{name}", text=doc["text"], outlet=name))
    return out


def holds(report: Report, place: Place) -> bool:
    return (
        report.article == place.doc
        and report.sentence.start <= place.start
        and place.end <= report.sentence.end
    )


def _representative(reports: Iterable[Report], place: Place) -> Report | None:
    """The report that states the place, whatever the order of the claims: the shortest content
    holding it, else the content overlapping it most, then the earliest."""
    holding = [r for r in reports if holds(r, place)]
    inside = [r for r in holding if r.content.start <= place.start and place.end <= r.content.end]
    if inside:
        return min(inside, key=lambda r: (r.content.end - r.content.start, r.content.start))

    def overlap(r: Report) -> int:
        return max(0, min(r.content.end, place.end) - max(r.content.start, place.start))

    return min(holding, key=lambda r: (-overlap(r), r.clause, r.content.start), default=None)


def counts(fraction: str) -> tuple[int, int]:
    """A part of ``score`` ("3/12") as numbers: (met, total)."""
    met, total = fraction.split("/")
    return int(met), int(total)


def origin_checks(claims: Sequence[Claim], gold: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The origins of every gold claim labelled "single" or "several", read off the dossier claim that
    holds most of its places (as the stories' scorer matches claims), each part (met, total):

    - ``single`` / ``several``: counted as the stories' scorer counts ``max_independent_origins``: a
      "single" claim shows exactly one origin, a "several" one at least two;
    - ``single_not_corroborated`` / ``several_corroborated``: the verdict word: a "single" claim is not
      called corroborated, a "several" one is (a claim with conflicts is "contested" however many
      origins it shows, so this part is stricter for "several" and looser for "single");
    - ``corroborated``: (right, called) over the matched claims called corroborated, right when the
      gold shows several origins."""
    word = {"single": "single_not_corroborated", "several": "several_corroborated"}
    met = dict.fromkeys([*INDEPENDENCE, *word.values()], 0)
    total = dict.fromkeys(INDEPENDENCE, 0)
    right = called = 0
    for name, places in gold["claims"]:
        kind = gold["independence"].get(name)
        if kind is None:
            continue
        total[kind] += 1
        held = [sum(any(holds(r, p) for r in c.reports) for p in places) for c in claims]
        if not held or max(held) == 0:
            continue  # no claim holds it: nothing is judged, the checks fail
        claim = claims[held.index(max(held))]
        corroborated = claim.verdict == "corroborated"
        met[kind] += len(claim.origins) >= 2 if kind == "several" else len(claim.origins) == 1
        met[word[kind]] += corroborated == (kind == "several")
        called += corroborated
        right += corroborated and kind == "several"
    out = {kind: (met[kind], total[kind]) for kind in INDEPENDENCE}
    out |= {word[kind]: (met[word[kind]], total[kind]) for kind in INDEPENDENCE}
    out["corroborated"] = (right, called)
    return out


def tally(totals: dict[str, list[int]], parts: Mapping[str, tuple[int, int]]) -> None:
    """Add one story's (met, total) parts to running totals."""
    for part, (met, n) in parts.items():
        running = totals.setdefault(part, [0, 0])
        running[0] += met
        running[1] += n


def score(groups: Sequence[Sequence[Report]], gold: dict[str, Any]) -> dict[str, Any]:
    """The parts above for claims given as groups of reports."""
    holder = {id(r): k for k, g in enumerate(groups) for r in g}
    every = [r for g in groups for r in g]

    def claims_of(place: Place) -> set[int]:
        return {holder[id(r)] for r in every if holds(r, place)}

    whole = sum(bool(set.intersection(*(claims_of(p) for p in places))) for _, places in gold["claims"])
    apart = sum(not claims_of(a) & claims_of(b) for a, b in gold["apart"])
    nonclaims = sum(not claims_of(p) for p in gold["nonclaims"])
    units: dict[int, tuple[set[str], int]] = {}
    for name, places in gold["claims"]:
        for place in places:
            r = _representative(every, place)
            if r is not None:
                labels, claim = units.get(id(r), (set(), holder[id(r)]))
                units[id(r)] = (labels | {name}, claim)
    precision, recall, f1 = precision_recall_f1(*pair_counts(units.values()))
    return {
        "claims": f"{whole}/{len(gold['claims'])}",
        "apart": f"{apart}/{len(gold['apart'])}",
        "nonclaims": f"{nonclaims}/{len(gold['nonclaims'])}",
        "pairwise": (round(precision, 3), round(recall, 3), round(f1, 3)),
    }


def _origin_line(checks: dict[str, tuple[int, int]]) -> str:
    def part(name: str) -> str:
        return "{}/{}".format(*checks[name])

    return (
        f"origins: single shown as one {part('single')}, several shown as two or more "
        f"{part('several')}; single not called corroborated {part('single_not_corroborated')}, several "
        f"called corroborated {part('several_corroborated')}, corroborated precision {part('corroborated')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("subtopics", nargs="*", help="sub-topics to score (default: every labelled one)")
    parser.add_argument("--split", choices=("train", "test"), help="only the stories of this split")
    args = parser.parse_args()
    from sourcetrace import pipeline
    from sourcetrace.nlp import Models

    paths = gold_files(args.split)
    if args.subtopics:
        unknown = set(args.subtopics) - {p.stem for p in paths}
        if unknown:
            where = f"the {args.split} split of {GOLD}" if args.split else str(GOLD)
            parser.error(f"no claim gold for {', '.join(sorted(unknown))} in {where}")
        paths = [p for p in paths if p.stem in args.subtopics]
    models = Models()
    if not paths:
        parser.error(f"no claim gold in {GOLD}")
    totals: dict[str, list[int]] = {"claims": [0, 0], "apart": [0, 0], "nonclaims": [0, 0]}
    origin_totals: dict[str, list[int]] = {}
    f1s: list[float] = []
    for path in paths:
        gold = load_gold(path)
        dossier = pipeline.analyse_articles(articles(gold["subtopic"]), models=models)
        result = score([c.reports for c in dossier.claims], gold)
        p, r, f = result["pairwise"]
        f1s.append(f)
        tally(totals, {part: counts(result[part]) for part in totals})
        origins = ""
        if gold["independence"]:
            checks = origin_checks(dossier.claims, gold)
            tally(origin_totals, checks)
            origins = "; " + _origin_line(checks)
        print(
            f"{gold['subtopic']}: claims {result['claims']}, apart {result['apart']}, "
            f"nonclaims {result['nonclaims']}, pairwise P {p} R {r} F1 {f}{origins}"
        )
    parts = ", ".join(f"{part} {ok}/{n}" for part, (ok, n) in totals.items())
    print(
        f"total over {len(paths)} sub-topics: {parts}, pairwise F1 median {statistics.median(f1s):.3f}"
        f" mean {statistics.mean(f1s):.3f}"
    )
    if origin_totals:
        print("total " + _origin_line({k: (v[0], v[1]) for k, v in origin_totals.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
