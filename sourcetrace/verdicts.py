"""Verdicts: how many independent origins a claim has, who denies it, where versions conflict.

Requires aligned claims, the articles, the story's near-duplicate groups and its ``StoryIndex``
(copied passages, descriptions of unnamed sources); fills ``origins``, ``echoes``, ``denied_by``,
``conflicts``, ``verdict`` and ``traces`` as the dossier schema defines them.

- origins: independence is shown, never assumed. ``sources.trace_claim`` gives every report an
  identity and a role (origin, echo, untraced, denial); ``origins`` are the distinct identified
  origins. The rules are in ``sourcetrace/sources.py`` and, with examples, in ``docs/verdicts.md``.
- echoes = distinct articles that state or hedge the claim.
- ``corroborated`` needs two origins; untraced reports never count.
- conflicts: quantity (disjoint intervals with the same unit and rate), actor (the same predicate with
  different actors from different origins), content (a contrasting account from another source).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .claims import speakers
from .model import Article, Claim, Conflict, Report, Trace, Verdict
from .numbers import conflicting
from .outlets import display_name as article_label  # one name for a publisher, everywhere
from .sources import StoryIndex, origins_of, trace_claim

# Predicates too general to say who did what ("is", "has", "said").
_LIGHT = frozenset("be have say make do get go come take give tell report add see".split())


def report_origin(report: Report, articles: Mapping[str, Article], copy_of: Mapping[str, str]) -> str:
    # Resolved sources first; an unresolved description ("the Americans") is an origin only when no
    # resolved source relays it.
    chain = speakers(report.chain, report.kind)  # an intention's holder is no source (docs/claims.md)
    resolved = [link for link in chain if link.kind in ("person", "organisation", "outlet")]
    if resolved:
        return resolved[-1].source
    named = [link for link in chain if link.named]
    if named:
        return named[-1].source
    original = copy_of.get(report.article, report.article)
    return article_label(articles[original])


def judge(
    claim: Claim,
    contrast: Sequence[tuple[int, int]],
    articles: Mapping[str, Article],
    duplicates: Sequence[Sequence[str]],
    entity_names: Mapping[str, str],
    index: StoryIndex | None = None,
    matched: Sequence[tuple[int, int]] | None = None,
) -> Claim:
    """The verdict of one aligned claim. ``matched``: the pairs of its reports that state it alike on
    their own (``align.AlignedClaim.matched``); when given, two origins corroborate the claim only
    through such a pair, one report of each, not through the rest of the claim."""
    copy_of: dict[str, str] = {}
    for group in duplicates:
        ordered = sorted(group, key=lambda a: (articles[a].published or "9999", a))
        for other in ordered[1:]:
            copy_of[other] = ordered[0]
    stating = [r for r in claim.reports if r.stance in ("asserts", "hedges")]
    traces = trace_claim(claim.reports, articles, index, copy_of)
    origins = list(origins_of(traces))
    echoes = len({r.article for r in stating})
    denied_by = list(
        dict.fromkeys(_denier(r, articles, entity_names) for r in claim.reports if r.stance == "denies")
    )
    conflicts = _quantity_conflicts(claim.reports, articles, copy_of)
    conflicts += _actor_conflicts(claim.reports, articles, copy_of, entity_names)
    for a, b in contrast:
        ra, rb = claim.reports[a], claim.reports[b]
        conflicts.append(
            Conflict(
                "content",
                f"{report_origin(ra, articles, copy_of)}: “{_short(ra.content.text)}” — "
                f"{report_origin(rb, articles, copy_of)}: “{_short(rb.content.text)}”",
                (a, b),
            )
        )
    verdict: Verdict
    if conflicts:
        verdict = "contested"
    elif denied_by:
        verdict = "denied"
    elif len(origins) >= 2 and _shown_together(traces, matched):
        verdict = "corroborated"
    else:
        verdict = "single_origin"
    return replace(
        claim,
        origins=tuple(origins),
        echoes=echoes,
        denied_by=tuple(denied_by),
        conflicts=tuple(conflicts),
        verdict=verdict,
        traces=traces,
    )


def _shown_together(traces: Sequence[Trace], matched: Sequence[tuple[int, int]] | None) -> bool:
    """Whether two distinct origins state the claim in reports that match each other directly."""
    if matched is None:
        return True
    source = {t.report: t.source for t in traces if t.role == "origin" and t.source}
    return any(a in source and b in source and source[a] != source[b] for a, b in matched)


def _denier(report: Report, articles: Mapping[str, Article], entity_names: Mapping[str, str]) -> str:
    if report.chain:
        return report.chain[-1].source
    if report.subject and report.subject in entity_names:
        return entity_names[report.subject]
    return article_label(articles[report.article])


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.replace("“", "").replace("”", "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _quantity_conflicts(
    reports: Sequence[Report], articles: Mapping[str, Article], copy_of: Mapping[str, str]
) -> list[Conflict]:
    out: list[Conflict] = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            b = reports[j]
            if a.article == b.article or "denies" in (a.stance, b.stance):
                continue
            for qa in a.quantities:
                for qb in b.quantities:
                    key = tuple(sorted((qa.text.lower(), qb.text.lower())))
                    if conflicting(qa, qb) and key not in seen:
                        seen.add(key)  # type: ignore[arg-type]
                        out.append(
                            Conflict(
                                "quantity",
                                f"{qa.text} ({article_label(articles[a.article])}) vs "
                                f"{qb.text} ({article_label(articles[b.article])})",
                                (i, j),
                            )
                        )
    return out


def _actor_conflicts(
    reports: Sequence[Report],
    articles: Mapping[str, Article],
    copy_of: Mapping[str, str],
    entity_names: Mapping[str, str],
) -> list[Conflict]:
    out: list[Conflict] = []
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            b = reports[j]
            if a.article == b.article or not (a.predicate and a.predicate == b.predicate):
                continue
            if a.predicate in _LIGHT or a.stance == "denies" or b.stance == "denies":
                continue
            if not (a.subject and b.subject) or a.subject == b.subject:
                continue
            if (
                report_origin(a, articles, copy_of) == report_origin(b, articles, copy_of)
                and a.chain
                and b.chain
            ):
                continue
            who_a = entity_names.get(a.subject, a.subject)
            who_b = entity_names.get(b.subject, b.subject)
            out.append(
                Conflict(
                    "actor",
                    f"who does it ({a.predicate}): {who_a} ({article_label(articles[a.article])})"
                    f" vs {who_b} ({article_label(articles[b.article])})",
                    (i, j),
                )
            )
    return out
