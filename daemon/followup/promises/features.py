"""What the learned reader sees of a clause: the rules' analysis and the clause's words.

Features are the reading stage's actor and modality, whether its strong and weak cues and
each cue group of the language's rule file match, whether a due time or cadence was found,
and, prefixed by its language, the clause's words and word pairs, its first three words by
place, the first five and last three letters of its longer words (a stem and an ending, so
"leverer"/"leveres" and "pošleme"/"pošlem" share what they share), and the last words of the
lead-in before it ("Kort sagt:", "I promise you this –"). The rules' own verdict is
not a feature: the model is trained on sets the rules were fitted to, and would only copy it.
The same function serves training (bench/promises_classifier.py) and the extractor.
"""

from __future__ import annotations

import re
from typing import Protocol

from .reading import Reading, read
from .rules import _CUE_GROUPS, Rules
from .sentences import without_abbreviations

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")


class Dated(Protocol):
    due: object | None
    cadence: object | None


def clause_features(sentence: str, lead: str, rules: Rules, client: str | None, dated: Dated,
                    reading: Reading | None = None) -> dict[str, int]:
    """The features of one clause (line breaks folded), as names with the value 1; `reading`
    is read(without_abbreviations(sentence), …) when the caller has it already."""
    plain = without_abbreviations(sentence)
    if reading is None:
        reading = read(plain, rules, client, lead)
    language = rules.language
    features = {f"lang={language}": 1, f"actor={reading.actor}": 1, f"modality={reading.modality}": 1,
                "strong": int(reading.strong), "weak": int(reading.weak), "due": int(dated.due is not None),
                "cadence": int(dated.cadence is not None), "question": int(sentence.rstrip().endswith("?"))}
    for group in ("strong",) + _CUE_GROUPS:
        if any(pattern.search(plain) for pattern in getattr(rules, group)):
            features[f"cue={group}"] = 1
    words = [w.lower() for w in _WORD.findall(plain)]
    features.update({f"{language}:w={w}": 1 for w in words})
    features.update({f"{language}:b={a}_{b}": 1 for a, b in zip(words, words[1:])})
    features.update({f"{language}:f{place}={w}": 1 for place, w in enumerate(words[:3])})
    features.update({f"{language}:p5={w[:5]}": 1 for w in words if len(w) > 5})
    features.update({f"{language}:s3={w[-3:]}": 1 for w in words if len(w) > 3})
    features.update({f"{language}:lead={w.lower()}": 1 for w in _WORD.findall(lead)[-6:]})
    return features
