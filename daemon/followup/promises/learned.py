"""The learned reader: a logistic regression over clause features (features.py).

Trained by bench/promises_classifier.py --save on every development mail set (never on the
sets kept for honest figures) and on the sentences of the promise class tests as the rules
read them, and shipped as a table of weights, `data/clauses.json.gz`; reading it needs no
library. The extractor lets it decide, with two of the rules' decisions as guards
(extract.py: DECIDE, SURER).
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import BinaryIO, Protocol

MODEL_FILE = "clauses.json.gz"
log = logging.getLogger(__name__)


class Reader(Protocol):
    """What the extractor asks of a learned reader."""

    def probability(self, features: Mapping[str, int]) -> float: ...


@dataclass(frozen=True)
class ClauseModel:
    bias: float
    weights: Mapping[str, float]
    trained_on: tuple[str, ...] = ()

    def probability(self, features: Mapping[str, int]) -> float:
        """P(the clause is a commitment of ours) for these features."""
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        if z < -30:  # exp overflow guard: the answer is 0 to double precision anyway
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_json(cls, data: Mapping) -> "ClauseModel":
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        bias = float(data["bias"])
        if not all(math.isfinite(w) for w in (bias, *weights.values())):
            raise ValueError("a weight is not a finite number")
        return cls(bias, weights, tuple(data.get("trained_on", ())))


def load(raw: BinaryIO) -> ClauseModel | None:
    """The model in a gzipped JSON stream, or None (with one warning) when it cannot be read:
    a damaged file leaves the rules alone to decide, it never stops the case pass."""
    try:
        with gzip.open(raw, "rt", encoding="utf-8") as text:
            return ClauseModel.from_json(json.load(text))
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("the learned promise reader (%s) cannot be read, so the rules decide alone: %s",
                    MODEL_FILE, exc)
        return None


@functools.cache
def clause_model() -> ClauseModel | None:
    """The packaged model, read once; None when the package carries none or it is damaged."""
    source = resources.files("followup.promises").joinpath("data", MODEL_FILE)
    if not source.is_file():
        return None
    with source.open("rb") as raw:
        return load(raw)
