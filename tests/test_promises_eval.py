"""The labelled evaluation set (bench/promises_eval) meets the extraction targets per language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "promises.py"
LANGUAGES = ("en", "nb", "da", "sv", "ca", "sk")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_promises", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    return _bench().evaluate()


@pytest.fixture(scope="module")
def rows():
    bench = _bench()
    return {lang: bench.load(bench.DATA / f"{lang}.jsonl") for lang in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_at_least_40_labelled_sentences_with_both_kinds(rows, language):
    labels = [row["promise"] for row in rows[language]]
    assert len(labels) >= 40 and any(labels) and not all(labels)


@pytest.mark.parametrize("language", LANGUAGES)
def test_precision_is_at_least_090(scores, language):
    assert scores[language].precision >= 0.9, scores[language].misses


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_is_at_least_080(scores, language):
    assert scores[language].recall >= 0.8, scores[language].misses


@pytest.mark.parametrize("language", LANGUAGES)
def test_due_time_is_exact_for_90_percent_of_found_promises(scores, language):
    assert scores[language].due_accuracy >= 0.9, scores[language].misses
