"""Cross-document event coreference on ECB+: our clustering beside the same-head-lemma baseline.

    python eval/ecb.py --split dev                                   # scores, gold topics and without topics
    python eval/ecb.py --gold FILE.jsonl --predictions OUT.json      # any file in the shared format
    python eval/ecb.py --split dev --json                            # the scores as JSON too

The files are ``../shared/eval/ecbplus/{train,dev}.jsonl`` (one document per line, gold mentions with
character offsets; README there). ``--gold`` reads a file of the same format, where the ``cluster`` fields
may be absent: every mention gets a predicted cluster, written as ``{mention id: cluster id}`` with ids
unique across the file. Mentions are clustered inside each ``topic`` of the file when it has topics
(``--no-topics`` clusters the whole file at once). When the file has gold clusters and the shared scorer
is there, the scores are printed too.

Scores come from the shared scorer (``score.py`` beside the data, imported from there, never copied):
MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), the whole file scored as one document. The parse and
MiniLM vectors of a file are cached in ``/tmp/sourcetrace-ecb`` (keyed by the file's hash).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sourcetrace.events import (  # noqa: E402
    ClusterSettings,
    EventDocument,
    EventMention,
    MentionTable,
    PairModel,
    cluster_table,
    describe_mentions,
    load_pair_model,
)

ECB_DIR = ROOT.parent / "shared" / "eval" / "ecbplus"
CACHE_DIR = Path("/tmp/sourcetrace-ecb")
# Bump when describe_mentions changes what it computes, so that stale caches are not read.
CACHE_VERSION = "2"


def load_scorer() -> ModuleType:
    """The shared scorer module, imported from its own path."""
    path = ECB_DIR / "score.py"
    if not path.is_file():
        raise SystemExit(f"the ECB+ scorer is not at {path} (it lives in the shared folder beside the repo)")
    spec = importlib.util.spec_from_file_location("ecbplus_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_documents(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_events(docs: Sequence[dict[str, Any]]) -> tuple[list[EventDocument], list[EventMention]]:
    documents = [EventDocument(id=str(d["doc"]), text=d["text"]) for d in docs]
    mentions = [
        EventMention(id=str(m["id"]), doc=str(d["doc"]), start=int(m["start"]), end=int(m["end"]))
        for d in docs
        for m in d.get("mentions", [])
    ]
    return documents, mentions


def mention_table(path: Path, docs: Sequence[dict[str, Any]] | None = None) -> MentionTable:
    """describe_mentions for a file, cached in /tmp by the file's content."""
    data = path.read_bytes()
    key = hashlib.sha256(data + CACHE_VERSION.encode()).hexdigest()[:20]
    plain_path, array_path = CACHE_DIR / f"{key}.json", CACHE_DIR / f"{key}.npz"
    if plain_path.is_file() and array_path.is_file():
        with np.load(array_path) as arrays:
            return MentionTable.from_json(json.loads(plain_path.read_text(encoding="utf-8")), dict(arrays))
    documents, mentions = to_events(docs if docs is not None else read_documents(path))
    table = describe_mentions(documents, mentions)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    plain, arrays = table.to_json()
    np.savez_compressed(array_path, **arrays)  # type: ignore[arg-type]
    plain_path.write_text(json.dumps(plain), encoding="utf-8")
    return table


def mention_topics(docs: Sequence[dict[str, Any]]) -> list[str]:
    """The topic of each mention, in table order ("" when the file has none)."""
    return [str(d.get("topic", "")) for d in docs for _ in d.get("mentions", [])]


def gold_clusters(docs: Sequence[dict[str, Any]]) -> dict[str, str] | None:
    gold = {str(m["id"]): str(m["cluster"]) for d in docs for m in d.get("mentions", []) if "cluster" in m}
    total = sum(len(d.get("mentions", [])) for d in docs)
    return gold if gold and len(gold) == total else None


def by_scope(topics: Sequence[str], use_topics: bool) -> list[list[int]]:
    """Row indices clustered together: one list per topic, or every row at once."""
    if not use_topics:
        return [list(range(len(topics)))]
    scopes: dict[str, list[int]] = {}
    for row, topic in enumerate(topics):
        scopes.setdefault(topic, []).append(row)
    return list(scopes.values())


def predict(
    table: MentionTable,
    scopes: Sequence[Sequence[int]],
    model: PairModel,
    settings: ClusterSettings | None = None,
) -> dict[str, str]:
    """{mention id: cluster id}, ids unique across scopes."""
    out: dict[str, str] = {}
    for k, rows in enumerate(scopes):
        labels = cluster_table(table.subset(rows), model, settings)
        for row, label in zip(rows, labels, strict=True):
            out[table.ids[row]] = f"s{k}-e{label}"
    return out


def lemma_baseline(table: MentionTable, scopes: Sequence[Sequence[int]]) -> dict[str, str]:
    """Same head lemma, same cluster (inside each scope)."""
    return {table.ids[row]: f"s{k}-{table.lemma[row]}" for k, rows in enumerate(scopes) for row in rows}


def scores(scorer: ModuleType, gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    key = scorer.clusters_from_map(gold)
    response = scorer.clusters_from_map(pred)
    result = scorer.conll(key, response)
    return {
        "muc": result["muc"][2],
        "b3": result["b3"][2],
        "ceafe": result["ceafe"][2],
        "conll": result["conll"],
    }


def evaluate_split(split: str, model: PairModel | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """{setting: {system: {metric: F1}}} for a shared split, settings "gold_topics" and "without_topics"."""
    path = ECB_DIR / f"{split}.jsonl"
    docs = read_documents(path)
    table = mention_table(path, docs)
    gold = gold_clusters(docs)
    if gold is None:
        raise SystemExit(f"{path} has no gold clusters to score against")
    scorer = load_scorer()
    model = model or load_pair_model()
    topics = mention_topics(docs)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for setting, use_topics in (("gold_topics", True), ("without_topics", False)):
        scopes = by_scope(topics, use_topics)
        out[setting] = {
            "lemma": scores(scorer, gold, lemma_baseline(table, scopes)),
            "ours": scores(scorer, gold, predict(table, scopes, model)),
        }
    return out


def _print_scores(results: dict[str, dict[str, dict[str, float]]], title: str) -> None:
    print(title)
    print(f"{'setting':16s} {'system':6s} {'MUC':>7s} {'B3':>7s} {'CEAF-e':>7s} {'CoNLL':>7s}")
    for setting, systems in results.items():
        for system, s in systems.items():
            figures = " ".join(f"{s[m]:7.4f}" for m in ("muc", "b3", "ceafe", "conll"))
            print(f"{setting:16s} {system:6s} {figures}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev"), help="score a shared split")
    parser.add_argument("--gold", type=Path, help="a file in the shared format (clusters optional)")
    parser.add_argument(
        "--predictions", type=Path, help="where to write {mention id: cluster id} (with --gold)"
    )
    parser.add_argument(
        "--no-topics", action="store_true", help="with --gold: cluster the whole file at once"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON as well")
    args = parser.parse_args(argv)
    if bool(args.split) == bool(args.gold):
        parser.error("give either --split or --gold")
    if args.split:
        results = evaluate_split(args.split)
        _print_scores(results, f"ECB+ {args.split}, gold mentions, CoNLL scorer F1")
        if args.json:
            print(json.dumps(results))
        return 0
    if args.predictions is None:
        parser.error("--gold needs --predictions OUT.json")
    docs = read_documents(args.gold)
    table = mention_table(args.gold, docs)
    topics = mention_topics(docs)
    use_topics = not args.no_topics and any(topics)
    predicted = predict(table, by_scope(topics, use_topics), load_pair_model())
    args.predictions.write_text(json.dumps(predicted, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(predicted)} mentions, {len(set(predicted.values()))} clusters -> {args.predictions}")
    gold = gold_clusters(docs)
    if gold is not None and (ECB_DIR / "score.py").is_file():
        scorer = load_scorer()
        scopes = by_scope(topics, use_topics)
        _print_scores(
            {
                "topics" if use_topics else "without_topics": {
                    "lemma": scores(scorer, gold, lemma_baseline(table, scopes)),
                    "ours": scores(scorer, gold, predicted),
                }
            },
            f"{args.gold.name}, gold mentions",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
