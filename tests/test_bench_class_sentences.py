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


def test_every_class_tests_sentence_is_listed_with_its_message_date_and_zone(listed):
    assert len(listed) > 1_000
    (danish,) = [row for row in listed if row["text"] == "Vi har systemet oppe igen om to timer."]
    assert danish["language"] == "da" and danish["sent_at"].startswith("2026-11-18T10:15") and danish["tz"]


def test_the_blends_own_tests_with_made_up_models_are_not_listed(listed):
    assert not any("Kassen med nye glass" in row["text"] for row in listed)


def test_the_recorder_leaves_the_extractor_the_path_and_the_environment_as_it_found_them():
    code = ("import os, sys; sys.path.insert(0, sys.argv[1]); import class_sentences, followup.promises as p; "
            "before, path, env = p.extract_promises, list(sys.path), dict(os.environ); class_sentences.class_sentences(); "
            "from followup.promises import extract; assert p.extract_promises is before is extract.extract_promises; "
            "assert sys.path == path and dict(os.environ) == env")
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


def test_a_collection_error_stops_the_harvest_instead_of_training_on_nothing(tmp_path):
    broken = tmp_path / "tests"
    broken.mkdir()
    (broken / "test_promises_broken.py").write_text("def test_(:\n", "utf-8")
    code = ("import sys, pathlib; sys.path.insert(0, sys.argv[1]); import class_sentences; "
            "class_sentences.TESTS = pathlib.Path(sys.argv[2]); class_sentences.class_sentences()")
    run = subprocess.run([sys.executable, "-c", code, str(BENCH), str(broken)], capture_output=True, text=True)
    assert run.returncode != 0 and "the class tests did not run" in run.stderr
