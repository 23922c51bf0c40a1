"""Which of our six languages a message is written in, with the client's locale as the hint.

lingua is used because it stays accurate on one- or two-sentence texts and knows bokmål,
Danish, Swedish, Catalan and Slovak; it is restricted to our languages and run in its
low-accuracy mode (~20 MB, ~20 µs per short text) and imported only when first needed.
"""

from __future__ import annotations

import functools

from .rules import LANGUAGES

MIN_CHARS = 40  # below this (one short sentence), n-gram statistics are noise: trust the client's locale
MIN_CONFIDENCE = 0.5
HINT_MARGIN = 0.6  # the client's locale wins unless another language is clearly ahead
# Bokmål, Danish and Swedish share most short function words; on one sentence lingua's
# low-accuracy mode swaps them with high confidence ("Vi må se" -> Swedish 0.93), so
# within this family the client's locale decides.
_CLOSE_FAMILY = frozenset({"nb", "da", "sv"})


def locale_parts(locale: str) -> list[str]:
    """A locale or language code in its parts: "en-US.UTF-8" -> ["en", "US"], "ca_ES@valencia"
    -> ["ca", "ES"], "sk" -> ["sk"]."""
    return locale.split(".")[0].split("@")[0].replace("-", "_").split("_")


def language_of(locale: str) -> str:
    """The language of a locale or language code, ours or not: "nb_NO", "de-DE" -> "nb", "de"."""
    return locale_parts(locale)[0].lower()


def normalise_locale(locale: str) -> str:
    """"nb_NO", "no", "nn-NO", "sk-SK" -> "nb", "nb", "nb", "sk"; unknown -> "en"."""
    code = language_of(locale)
    if code in ("no", "nn"):  # written Norwegian in client mail is overwhelmingly bokmål
        return "nb"
    return code if code in LANGUAGES else "en"


def detect_language(text: str, hint: str) -> str:
    """The ISO 639-1 code of `text`, or the normalised `hint` when the text is too short or unclear."""
    fallback = normalise_locale(hint)
    if len(text.strip()) < MIN_CHARS:
        return fallback
    detector, codes = _detector()
    scores = {codes[v.language]: v.value for v in detector.compute_language_confidence_values(text)}
    best = max(scores, key=scores.__getitem__, default=fallback)
    if scores.get(best, 0.0) < MIN_CONFIDENCE:
        return fallback
    if scores[best] - scores.get(fallback, 0.0) < HINT_MARGIN:
        return fallback
    if best in _CLOSE_FAMILY and fallback in _CLOSE_FAMILY:
        return fallback
    return best


@functools.cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    codes = {
        Language.ENGLISH: "en",
        Language.BOKMAL: "nb",
        Language.DANISH: "da",
        Language.SWEDISH: "sv",
        Language.CATALAN: "ca",
        Language.SLOVAK: "sk",
    }
    detector = LanguageDetectorBuilder.from_languages(*codes).with_low_accuracy_mode().build()
    return detector, codes
