"""Language: which language an article is in (lingua), and paragraphs in another script or language.

Two cheap tests feed the "other language" rules (a Russian notice in an English article, a German
cookie banner on an English page): the share of letters of another script, and the function words of
the languages whose pages we meet most. Lingua names the language for the record and gives the
article's language.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from .patterns import CONTACT
from .text import _words

# The commonest function words of the languages whose pages we meet most; a paragraph with none of
# its article's and several of another's is in that other language. Cheap and, unlike a character
# n-gram model on one short line, not fooled by names and numbers.
STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to in is that for it with as was on be by this are from at or have has an not but "
        "which will they their were been would said its who we you he she",
        "de": "der die das und ist nicht mit sich des auf für ein eine dem den von zu im wir sie es auch bei "
        "werden wird oder aber um ihre ihr diese können sind",
        "fr": "le la les et des est une un du que qui dans pour pas sur au avec ce il elle nous vous sont "
        "par plus ne se son aux cette été",
        "es": "el la los las y de que en un una es por para con no se del al lo su como más pero sus le ya "
        "está son este esta ha",
        "it": "il lo la gli le di che è e per un una non con del della dei si sono da al nel alla questo "
        "come più anche ma ha ci",
        "pt": "o a os as de que e do da em um uma para com não no na por se dos das mais como ao foi é são "
        "seu sua mas está",
        "nl": "de het een en van is dat op te in niet met voor zijn er die ook aan als bij maar om wordt "
        "door worden naar dan kan wij we",
    }.items()
}
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                   "pt": "Portuguese", "nl": "Dutch"}


def _script_of(char: str) -> str | None:
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    for script in (
        "LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "CJK", "HIRAGANA", "KATAKANA", "HANGUL",
        "DEVANAGARI", "THAI", "GEORGIAN", "ARMENIAN", "BENGALI", "TAMIL",
    ):
        if name.startswith(script):
            return {"HIRAGANA": "CJK", "KATAKANA": "CJK"}.get(script, script)
    return "OTHER"


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in CONTACT.sub(" ", text):
        script = _script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def _main_script(text: str) -> str | None:
    counts = _script_counts(text)
    return max(counts, key=lambda s: counts[s]) if counts else None


def _foreign_script(text: str, main: str | None) -> bool:
    """Mostly letters of another script than the article's (a Russian notice in an English article)."""
    counts = _script_counts(text)
    total = sum(counts.values())
    if not main or total - counts.get(main, 0) < 8:
        return False
    return counts.get(main, 0) < 0.3 * total


def _other_language_by_stopwords(text: str, article_language: str | None) -> str | None:
    """The code of another language a same-script paragraph is plainly in, from its function words."""
    own = STOPWORDS.get(article_language or "")
    if own is None:
        return None
    words = [w.lower() for w in _words(text)]
    if len(words) < 6 or any(w in own for w in words):
        return None
    best, hits = None, 0
    for code, stopwords in STOPWORDS.items():
        if code == article_language:
            continue
        count = sum(1 for w in words if w in stopwords)
        if count > hits:
            best, hits = code, count
    return best if hits >= 3 and hits >= 0.2 * len(words) else None


# ------------------------------------------------------------------------------------------ language

LANGUAGE_LOCK = threading.Lock()
DETECTOR: list[Any] = []
# The languages news in our inputs comes in. Lingua's low-accuracy lazy mode over these 24 costs about
# 35 MB and 0.4 s; over all 75 languages about 76 MB and 1.5 s (measured 2026-11, see docs).
LANGUAGES = (
    "ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN", "UKRAINIAN",
    "POLISH", "CZECH", "SWEDISH", "DANISH", "BOKMAL", "FINNISH", "TURKISH", "ARABIC", "PERSIAN", "HEBREW",
    "CHINESE", "JAPANESE", "KOREAN", "HINDI", "INDONESIAN",
)


def _detector() -> Any:
    """Lingua's detector over ``LANGUAGES``, low-accuracy mode, models loaded lazily; built once."""
    with LANGUAGE_LOCK:
        if not DETECTOR:
            try:
                from lingua import Language, LanguageDetectorBuilder
            except ImportError:
                DETECTOR.append(None)
            else:
                languages = [getattr(Language, name) for name in LANGUAGES if hasattr(Language, name)]
                DETECTOR.append(
                    LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
                )
        return DETECTOR[0]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is mostly written in, or None when unsure or too short."""
    sample = CONTACT.sub(" ", text[:3000])
    if len(_words(sample)) < 3:
        return None
    detector = _detector()
    if detector is None:
        return None
    language = detector.detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None


def _language_name(text: str) -> str | None:
    code = detect_language(text)
    if code is None:
        return None
    from lingua import IsoCode639_1, Language

    return str(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title())

