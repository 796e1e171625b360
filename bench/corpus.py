"""A corpus of any size for the benchmarks, varied from the FNC-1 dev bodies read at run time.

    python bench/corpus.py 10000 /tmp/corpus10k      # writes JSONL files and gold.json there

Nothing generated here is committed: the FNC bodies stay in ../shared and the output goes where it is
asked to (the benchmarks use a temporary folder).

How. FNC-1 groups its dev bodies into 71 stories. A generated story takes one of them as template and
2-8 of its bodies as articles; then it rewrites every content word (four letters or more, not a stop
word) through a substitution of its own: lower-case words are drawn from the FNC vocabulary, and
capitalised ones become made-up names (so, as in real news, each story brings names no other story
has). Two stories made from the same template are then as different as two stories on different
subjects, while the articles of one story still share their names and words the way coverage does. Each
article also gets its paragraphs after the first shuffled, its numbers nudged, a random paragraph
dropped, an outlet, and a date a few days after its story's (stories spread over the years), and the
corpus is written in date order with local shuffling, as a crawl would deliver it. Function words,
punctuation, sentence and paragraph shapes stay as written, so the text parses like news even where
the words make no sense together: spaCy and the embedding model do the same work per word as on real
text. ``gold.json`` maps each article's URL to its story, so clustering at scale can be scored too.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FNC = ROOT.parent / "shared" / "eval" / "fnc1"
PER_FILE = 2000  # articles per JSONL file: ingest reads a file of up to 20 MB
OUTLETS = (
    "Harbour Ledger",
    "Morning Relay",
    "Northgate Review",
    "Continental Wire",
    "Daily Flare",
    "Estuary Herald",
    "Signal & Noise",
    "Avonside Chronicle",
    "Meridian Post",
    "Copper Valley Times",
)
_WORD = re.compile(r"[A-Za-z][a-z]{3,}|[A-Z]{4,}")
_NUMBER = re.compile(r"\b\d{1,4}\b")


@dataclass(frozen=True)
class Generated:
    files: list[Path]
    articles: int
    words: int
    stories: int
    gold: Path


def _templates() -> tuple[list[list[str]], list[str]]:
    """FNC stories as lists of bodies, and the vocabulary substitutions draw from."""
    if not (FNC / "dev_bodies.csv").is_file():
        raise SystemExit(f"the FNC-1 dev share is not at {FNC}; the benchmarks generate their corpus from it")
    csv.field_size_limit(1 << 24)
    with (FNC / "dev_bodies.csv").open(newline="", encoding="utf-8") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    gold = json.loads((FNC / "dev_story_clusters.json").read_text(encoding="utf-8"))
    stories: dict[str, list[str]] = defaultdict(list)
    for body, story in sorted(gold.items()):
        if len(bodies[body].split()) >= 40:
            stories[str(story)].append(bodies[body])
    counts = Counter(w.lower() for text in bodies.values() for w in _WORD.findall(text))
    from spacy.lang.en.stop_words import STOP_WORDS

    vocabulary = sorted(w for w, n in counts.items() if n >= 2 and w not in STOP_WORDS)
    return [s for s in stories.values() if len(s) >= 2], vocabulary


_SYLLABLES = (
    "ka ri to ven mar sel dun ol bra ne is quo fen ta lu gor ash pri vel mo ze har cu lin "
    "dra po sti an ber ko fa rum te wil sa nor gi el pa"
).split()


def _name(seed: int) -> str:
    """A made-up proper name: new stories bring new names, as real news does (rare terms stay rare)."""
    parts = [_SYLLABLES[(seed >> (6 * i)) % len(_SYLLABLES)] for i in range(2 + seed % 2)]
    return "".join(parts).capitalize()


def _substitute(text: str, story: int, vocabulary: list[str]) -> str:
    from spacy.lang.en.stop_words import STOP_WORDS

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in STOP_WORDS:
            return word
        seed = zlib.crc32(f"{story}:{lower}".encode())
        if word.isupper():
            return vocabulary[seed % len(vocabulary)].upper()
        if word[0].isupper():
            return _name(seed)
        return vocabulary[seed % len(vocabulary)]

    return _WORD.sub(swap, text)


def _vary(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    head, tail = paragraphs[:1], paragraphs[1:]
    rng.shuffle(tail)
    if len(tail) > 3:
        tail.pop(rng.randrange(len(tail)))
    varied = "\n\n".join(head + tail)
    return _NUMBER.sub(lambda m: str(max(0, int(m.group(0)) + rng.randrange(-3, 4))), varied)


def generate(n: int, out: Path, *, seed: int = 7) -> Generated:
    """Write ``n`` articles as JSONL files under ``out`` (created), with ``gold.json``."""
    templates, vocabulary = _templates()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    start = date(2019, 1, 1)
    span_days = max(30, n // 20)  # about twenty articles a day, whatever the size
    records: list[tuple[str, int, dict[str, str]]] = []
    story = 0
    while len(records) < n:
        template = templates[rng.randrange(len(templates))]
        size = min(n - len(records), rng.randint(2, 8))
        day = start + timedelta(days=rng.randrange(span_days))
        for k in range(size):
            body = template[rng.randrange(len(template))]
            text = _substitute(_vary(body, rng), story, vocabulary)
            published = day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
            outlet = OUTLETS[rng.randrange(len(OUTLETS))]
            url = f"https://bench.invalid/{story}/{k}"
            records.append(
                (
                    published.isoformat(),
                    rng.randrange(1 << 30),
                    {
                        "url": url,
                        "outlet": outlet,
                        "published": published.isoformat(),
                        "text": text,
                    },
                )
            )
        story += 1
    records.sort()
    files: list[Path] = []
    gold: dict[str, int] = {}
    words = 0
    for number in range(0, len(records), PER_FILE):
        path = out / f"part-{number // PER_FILE:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for _, _, record in records[number : number + PER_FILE]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                gold[record["url"]] = int(record["url"].split("/")[3])
                words += len(record["text"].split())
        files.append(path)
    gold_path = out / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return Generated(files, len(records), words, story, gold_path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    made = generate(args.n, args.out, seed=args.seed)
    print(f"{made.articles} articles, {made.words} words, {made.stories} stories in {len(made.files)} files")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
