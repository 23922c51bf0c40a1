"""Promise extraction: the commitments our side made in a case, with due times and cadences.

Pure functions over text; per-language cue rules are data files in `rules/`.
"""

from .cadences import parse_cadence
from .dates import parse_due
from .extract import extract_promises
from .language import detect_language
from .model import Cadence, Commitment
from .sentences import split_sentences

__all__ = [
    "Cadence",
    "Commitment",
    "detect_language",
    "extract_promises",
    "parse_cadence",
    "parse_due",
    "split_sentences",
]
