"""The ordered stages of an analysis, in one place.

    ingest -> clean -> sentences -> entities -> stories -> claims + attribution -> align -> verdicts
    -> provenance -> (render)

``analyse`` runs them over a set of inputs and returns a ``Dossier``. An input or stage that fails
becomes a ``Problem`` in the dossier; the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import PurePath

from . import align, attribution, claims, entities, provenance, sources, stories, verdicts
from .attribution import SplitAttribution
from .clean import clean_document
from .ingest import read_inputs
from .model import (
    Article,
    Claim,
    Dossier,
    Entity,
    Mention,
    Problem,
    RawDocument,
    Report,
    Story,
)
from .nlp import Models, load_models
from .sentences import Parsed, parse_articles

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def article_id(source: str, used: set[str]) -> str:
    """A short, stable id: the file name's stem, or a hash for URLs and stdin."""
    stem = PurePath(source.split("?")[0].rstrip("/")).stem if source not in ("-", "") else ""
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:32]
    if not base or source.startswith(("http://", "https://")):
        base = "a" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:10]
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def clean_or_problem(raw: RawDocument, *, article_id: str) -> Article | Problem:
    """The cleaned article, or the ``Problem`` that says why there is none.

    The one place where a cleaning failure becomes a recorded problem: ``analyse``, the batch engine and
    the web API all clean through here, so a skipped input reads the same wherever it was given.
    """
    try:
        article = clean_document(raw, article_id=article_id)
    except Exception as exc:  # a cleaning bug must not lose the rest of the batch
        return Problem(raw.source, f"could not be cleaned: {exc}", "clean")
    if not article.text.strip():
        return Problem(raw.source, "no article text left after cleaning", "clean")
    return article


def resolve_mentions(parsed: Sequence[Parsed]) -> tuple[list[Entity], list[Mention]]:
    """The entities of these parsed texts, resolved across them, and their mentions pointing at them."""
    return entities.resolve_entities([m for p in parsed for m in entities.extract_mentions(p)])


def attributions_of(
    parsed: Parsed, *, nested: bool = True, attitudes: bool = False
) -> list[SplitAttribution]:
    """One text's attributions, its names resolved within the text only (no other article to share them).

    extract_mentions -> resolve_entities -> find_attributions, written once for every caller that
    attributes a text on its own (the stance features of ``check``, the evaluations).
    """
    entity_list, mentions = resolve_mentions([parsed])
    return list(
        attribution.find_attributions(
            parsed, mentions, {e.id: e for e in entity_list}, nested=nested, attitudes=attitudes
        )
    )


def reports_of(parsed: Parsed, mentions: Sequence[Mention], entity_map: dict[str, Entity]) -> list[Report]:
    """One article's reports, from its resolved mentions: the claims stage as ``analyse_articles`` runs it.

    Views and intentions too ("X wants ...", "X criticised Y"): each is a report of the kind "X says Y",
    marked by its kind (docs/claims.md), not dropped as "not checkable"."""
    found = attribution.find_attributions(parsed, mentions, entity_map, attitudes=True)
    said = attribution.find_attributions(parsed, mentions, entity_map)
    return claims.extract_reports(parsed, found, mentions, entity_map, statements=said)


def attribute_text(
    text: str, models: Models, *, nested: bool = False, attitudes: bool = True
) -> list[SplitAttribution]:
    """Attributions of a bare text (no other article to share names with); used by the PolNeAR evaluation.

    The defaults give the reading of attribution corpora: every attributed statement, belief, intention
    or evaluation, and only the outermost where they nest, so that each word belongs to at most one.
    """
    article = Article(id="text", source="text", text=text)
    parsed = next(parse_articles([article], nlp=models.nlp))
    return attributions_of(parsed, nested=nested, attitudes=attitudes)


def load_articles(
    paths: Sequence[str], *, allow_private: bool = False, encoding: str | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read and clean every input; unreadable ones become problems."""
    articles: list[Article] = []
    problems: list[Problem] = []
    used: set[str] = set()
    for item in read_inputs(paths, allow_private=allow_private, encoding=encoding):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        cleaned = clean_or_problem(item, article_id=article_id(item.source, used))
        if isinstance(cleaned, Problem):
            problems.append(cleaned)
        else:
            articles.append(cleaned)
    return articles, problems


def analyse(
    paths: Sequence[str],
    *,
    models: Models | None = None,
    progress: Progress = _quiet,
    allow_private: bool = False,
    encoding: str | None = None,
) -> Dossier:
    """Read, clean and analyse the given files, folders or URLs into one dossier."""
    progress("reading", 0, len(paths))
    articles, problems = load_articles(paths, allow_private=allow_private, encoding=encoding)
    return analyse_articles(articles, models=models, progress=progress, problems=problems)


def analyse_documents(documents: Iterable[RawDocument], *, models: Models | None = None) -> Dossier:
    """Analyse documents already in memory (library use, the web API)."""
    used: set[str] = set()
    articles = [clean_document(d, article_id=article_id(d.source, used)) for d in documents]
    return analyse_articles(articles, models=models)


def _with_outlet(parsed: Parsed, mentions: Sequence[Mention], entity_map: dict[str, Entity]) -> Parsed:
    """Fill a missing outlet from the file name when the text mentions that outlet."""
    if parsed.article.outlet:
        return parsed
    mentioned = [entity_map[m.entity] for m in mentions if m.entity in entity_map]
    outlet = entities.outlet_from_filename(parsed.article.source, mentioned)
    if outlet is None:
        return parsed
    return replace(parsed, article=replace(parsed.article, outlet=outlet))


def _as_one_story(story_id: str, found: Sequence[Story], parsed: Sequence[Parsed]) -> Story:
    """The articles as one story: titled like the largest group they would form, near-copies kept."""
    ids = tuple(p.article.id for p in parsed)
    largest = max(found, key=lambda s: len(s.articles))  # the first of the largest, for stability
    groups = stories.near_duplicates([p.article.text for p in parsed])
    duplicates = tuple(tuple(ids[i] for i in sorted(g)) for g in sorted(groups, key=min))
    return Story(story_id, largest.title, ids, (), duplicates)


def analyse_articles(
    articles: Sequence[Article],
    *,
    models: Models | None = None,
    progress: Progress = _quiet,
    problems: Sequence[Problem] = (),
    story_id: str | None = None,
) -> Dossier:
    """Analyse cleaned articles into one dossier.

    With ``story_id`` the caller has already decided that the articles form one story (the store does,
    when an article joins a story): they are analysed as that single story, under that id, instead of
    being grouped by ``stories.group_stories``.
    """
    models = models or load_models()
    problem_list = list(problems)
    total = len(articles)
    parsed: list[Parsed] = []
    for n, p in enumerate(parse_articles(articles, nlp=models.nlp), start=1):
        parsed.append(p)
        progress("parsing", n, total)
    entity_list, all_mentions = resolve_mentions(parsed)
    entity_map = {e.id: e for e in entity_list}
    by_article = entities.mentions_by_article(all_mentions)
    parsed = [_with_outlet(p, by_article.get(p.article.id, []), entity_map) for p in parsed]
    articles = [p.article for p in parsed]
    entity_list, all_mentions = entities.mark_outlets(
        entity_list, all_mentions, [a.outlet for a in articles if a.outlet]
    )
    entity_map = {e.id: e for e in entity_list}
    by_article = entities.mentions_by_article(all_mentions)
    progress("stories", 0, 1)
    story_list = stories.group_stories(parsed, models)
    if story_id is not None and parsed:
        story_list = [_as_one_story(story_id, story_list, parsed)]
    reports_by_article: dict[str, list[Report]] = {}
    for n, p in enumerate(parsed, start=1):
        aid = p.article.id
        try:
            reports_by_article[aid] = reports_of(p, by_article.get(aid, []), entity_map)
        except Exception as exc:  # one article's failure is recorded, not fatal
            problem_list.append(Problem(p.article.source, f"claim extraction failed: {exc}", "claims"))
            reports_by_article[aid] = []
        progress("claims", n, total)
    article_map = {a.id: a for a in articles}
    names = {e.id: e.name for e in entity_list}
    persons = frozenset(e.id for e in entity_list if e.type == "PERSON")
    places = {e.id: e.name for e in entity_list if e.type in ("GPE", "LOC", "NORP")}
    all_claims: list[Claim] = []
    final_stories: list[Story] = []
    for story in story_list:
        story_reports = [r for aid in story.articles for r in reports_by_article.get(aid, [])]
        aligned = align.align_reports(story_reports, models, persons=persons, places=places)
        story_claims = align.to_claims(story.id, aligned, models, start=len(all_claims) + 1)
        index = sources.index_story([article_map[a] for a in story.articles], story_reports)
        judged = [
            verdicts.judge(c, a.contrast, article_map, story.duplicates, names, index, a.matched)
            for c, a in zip(story_claims, aligned, strict=True)
        ]
        judged.sort(key=lambda c: (-c.echoes, -len(c.origins), c.id))
        all_claims.extend(judged)
        final_stories.append(replace(story, claims=tuple(c.id for c in judged)))
        progress("claims aligned", len(final_stories), len(story_list))
    return Dossier(
        articles=tuple(articles),
        stories=tuple(final_stories),
        entities=tuple(entity_list),
        claims=tuple(all_claims),
        provenance=provenance.build_provenance(all_claims, articles, final_stories),
        timeline=provenance.build_timeline(all_claims, articles),
        contributions=provenance.contributions(final_stories, all_claims, all_mentions, entity_list),
        summary=provenance.summarise(final_stories, all_claims, article_map),
        problems=tuple(problem_list),
    )
