"""Shared fixtures: paths, the loaded models, and dossiers of the example corpus and the real seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SCHEMA = SHARED / "spec" / "dossier.schema.json"
EXAMPLES = ROOT / "examples" / "corpus"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def models():  # type: ignore[no-untyped-def]
    from sourcetrace.nlp import load_models

    return load_models()


@pytest.fixture(scope="session")
def example_dossier(models):  # type: ignore[no-untyped-def]
    from sourcetrace.pipeline import analyse

    return analyse([str(EXAMPLES)], models=models)


@pytest.fixture(scope="session")
def seeds_dossier(models):  # type: ignore[no-untyped-def]
    if not SEEDS.is_dir():
        pytest.skip(
            f"the real seed articles are not at {SEEDS} (they live in the shared folder beside the repo)"
        )
    from sourcetrace.pipeline import analyse

    return analyse([str(SEEDS)], models=models)


@pytest.fixture(scope="session")
def schema() -> dict:  # type: ignore[type-arg]
    import json

    if not SCHEMA.is_file():
        pytest.skip(f"the dossier schema is not at {SCHEMA}")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
