"""The cue-frame table (sourcetrace/attribution/frames.py): its rows, read one at a time on invented
sentences, and the shape of the attribution package (layers, sizes)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sourcetrace.attribution import find_attributions
from sourcetrace.attribution.frames import FRAMES, LIGHT_FRAMES, NO_FRAME, TOPIC_PREPS, _parse, frame_of
from sourcetrace.attribution.verbs import EVERYDAY
from sourcetrace.pipeline import attribute_text

PACKAGE = Path(__file__).resolve().parent.parent / "sourcetrace" / "attribution"
# Bottom to top: a module may import only the modules before it.
LAYERS = (
    *("frames", "tree", "speakers", "quotes", "source"),
    *("verbs", "light", "nouns", "chain", "article", "__init__"),
)


# --- the table and the package, no model needed -------------------------------------------------------


def test_every_everyday_guard_named_in_the_table_exists() -> None:
    named = {frame.everyday for frame in FRAMES.values() if frame.everyday}
    assert named == set(EVERYDAY)


def test_a_row_with_an_unknown_mark_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        _parse("vow | that to | | statement promised")
    with pytest.raises(ValueError, match="two rows"):
        _parse("vow | that | | statement\nvow | to | |")


def test_a_row_reads_as_written() -> None:
    row = _parse("accuse | that obj | of | statement object_said")["accuse"]
    assert (row.clause, row.object, row.infinitive, row.passive) == (True, True, False, False)
    assert row.preps == {"of"} and row.statement and row.object_said and not row.speech


def test_verbs_that_take_a_clause_also_take_topic_prepositions() -> None:
    assert frame_of("grumble").content_preps >= TOPIC_PREPS  # "grumbled about the fees"
    assert not frame_of("read").content_preps & TOPIC_PREPS  # "read about the fees": no view
    assert frame_of("focus").content_preps == {"on"}  # no clause: only its own preposition


def test_words_that_are_no_cue_have_an_empty_row() -> None:
    assert frame_of("bridge") is NO_FRAME and not NO_FRAME.complement


def test_light_verbs_that_receive_a_view() -> None:
    assert LIGHT_FRAMES["receive"].receives and not LIGHT_FRAMES["receive"].receives_only_with
    assert "criticism" in LIGHT_FRAMES["draw"].receives_only_with
    assert "contrast" not in LIGHT_FRAMES["draw"].receives_only_with
    assert not LIGHT_FRAMES["make"].receives


def _sibling_imports(path: Path) -> set[str]:
    """The package modules a module imports (relative imports of one dot, at any depth in the file)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(alias.name for alias in node.names)
    return out


def test_modules_import_only_the_layers_below_them() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == set(LAYERS), "a new module needs its place in LAYERS"
    for module in LAYERS:
        below = set(LAYERS[: LAYERS.index(module)])
        upward = _sibling_imports(PACKAGE / f"{module}.py") - below
        assert not upward, f"{module} imports {sorted(upward)} from above it"


# --- one row at a time, on invented sentences (need the spaCy model) ----------------------------------

models_needed = pytest.mark.models


def _flat(models, text: str) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    """(source, cue, content pieces) of the corpora's reading."""
    return [
        (a.source.text if a.source else None, a.cue.text, " … ".join(p.text for p in a.content_spans))
        for a in attribute_text(text, models)
    ]


def _reports(models, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Contents of the product's reading (statements only)."""
    from sourcetrace.entities import extract_mentions, resolve_entities
    from sourcetrace.model import Article
    from sourcetrace.sentences import parse_articles

    parsed = next(parse_articles([Article(id="t", source="t", text=text)], nlp=models.nlp))
    entities, mentions = resolve_entities(extract_mentions(parsed))
    return [a.content.text for a in find_attributions(parsed, mentions, {e.id: e for e in entities})]


@models_needed
def test_addressee_is_never_the_content(models) -> None:  # type: ignore[no-untyped-def]
    # tell | that obj to pass | about of | statement speech addressee told
    assert _flat(models, "The mayor told the council to close the bridge.") == [
        ("The mayor", "told", "to close the bridge")
    ]
    # urge has no addressee mark: who is urged is part of what is urged.
    assert _flat(models, "The mayor urged the council to close the bridge.") == [
        ("The mayor", "urged", "the council to close the bridge")
    ]
    # ask, two objects: the question, not the one asked.
    assert _flat(models, "The mayor asked the engineer that question.") == [
        ("The mayor", "asked", "that question")
    ]


@models_needed
def test_a_bare_object_addressed_is_no_view(models) -> None:  # type: ignore[no-untyped-def]
    # thank | obj | for | object_addressee
    assert _flat(models, "The mayor thanked the volunteers.") == []


@models_needed
def test_a_question_put_to_someone_is_no_claim(models) -> None:  # type: ignore[no-untyped-def]
    # ask | ... | question: its passive "was asked about X" is read, but reports no statement.
    text = "The engineer was asked about the cracks in the bridge."
    assert _flat(models, text) == [(None, "was asked", "about the cracks in the bridge")]
    assert _reports(models, text) == []


@models_needed
def test_naming_verbs_give_the_name_as_content(models) -> None:  # type: ignore[no-untyped-def]
    # call | ... | naming; name | obj | | naming
    assert ("The new bridge … a disgrace") in [
        c for _, _, c in _flat(models, "The new bridge was called a disgrace.")
    ]
    assert [c for _, _, c in _flat(models, "The old ferry was named the best in the county.")] == [
        "The old ferry … the best"
    ]


@models_needed
def test_no_topic_guard(models) -> None:  # type: ignore[no-untyped-def]
    # read | that | | no_topic: "read about X" is no view of X; complain takes "about" as a verb of saying.
    assert _flat(models, "The mayor read about the cracks in the bridge.") == []
    assert _flat(models, "The mayor complained about the cracks in the bridge.") == [
        ("The mayor", "complained about", "the cracks in the bridge")
    ]


@models_needed
@pytest.mark.parametrize(
    ("everyday", "reporting"),
    [
        # put | that | at | statement | put-at
        (
            "The flood put the lives of the residents at risk.",
            "The auditors put the cost of the bridge at $4 million.",
        ),
        # hear | that obj pass | | no_topic no_antecedent | hear-that
        ("The mayor heard the crowd cheer.", "The mayor heard that the bridge was closed."),
        # find | that obj pass | | statement no_passive | find-that
        ("The engineers found ways to save money.", "The engineers found that the bridge was unsafe."),
        # fire | | at | | aim-at ; point | that | at out to | statement | aim-at
        ("The guards fired two warning shots at the boat.", "The senator fired back at critics of the plan."),
        ("The suspect pointed a rifle at the guards.", "The auditor pointed at the missing invoices."),
    ],
)
def test_everyday_sense_reports_nothing(models, everyday: str, reporting: str) -> None:  # type: ignore[no-untyped-def]
    assert _flat(models, everyday) == []
    assert len(_flat(models, reporting)) == 1


@models_needed
def test_a_document_says_what_its_terms_say(models) -> None:  # type: ignore[no-untyped-def]
    # require | terms
    assert _flat(models, "The council rules require members to vote in person.") == [
        ("The council rules", "require", "members to vote in person")
    ]


@models_needed
def test_a_denial_denies(models) -> None:  # type: ignore[no-untyped-def]
    # deny | that obj pass | | statement object_said denial
    [a] = attribute_text("The mayor denied that the bridge was unsafe.", models)
    assert a.stance == "denies"
