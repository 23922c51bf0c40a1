"""bench/class_sentences.py hands the learned reader's training every class-test sentence, and only those."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("class") / "sentences.jsonl"
    subprocess.run([sys.executable, str(BENCH / "class_sentences.py"), str(out)], check=True, capture_output=True)
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def test_every_class_tests_sentence_is_listed_once_with_its_message_date_and_zone(listed):
    texts = [(row["text"], row["language"]) for row in listed]
    assert len(texts) == len(set(texts)) > 1_000
    (danish,) = [row for row in listed if row["text"] == "Vi har systemet oppe igen om to timer."]
    assert danish["language"] == "da" and danish["sent_at"].startswith("2026-11-18T10:15") and danish["tz"]


def test_the_blends_own_tests_with_made_up_models_are_not_listed(listed):
    assert not any("Kassen med nye glass" in row["text"] for row in listed)


def test_the_recorder_leaves_the_extractor_as_it_found_it():
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import class_sentences, followup.promises as p; "
            "before = p.extract_promises; class_sentences.class_sentences(); "
            "from followup.promises import extract; assert p.extract_promises is before is extract.extract_promises")
    subprocess.run([sys.executable, "-c", code, str(BENCH)], check=True, capture_output=True)


def test_a_text_read_by_a_test_that_fails_on_the_rules_reading_is_not_listed():
    sys.path.insert(0, str(BENCH))
    try:
        from class_sentences import _Recorder
    finally:
        sys.path.remove(str(BENCH))
    recorder = _Recorder()
    for text, test in (("Vi ringer i morgen.", "t.py::a"), ("Vi ringer kanskje.", "t.py::b"), ("Vi ringer kanskje.", "t.py::c")):
        recorder.texts[(text, "da")] = {"text": text, "language": "da"}
        recorder.read_by.setdefault((text, "da"), set()).add(test)
    recorder.failed.add("t.py::c")
    assert [row["text"] for row in recorder.held()] == ["Vi ringer i morgen."]
