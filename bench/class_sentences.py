"""The sentences of the promise class tests, as training data for the learned reader.

    python bench/class_sentences.py [OUT.jsonl]     # list them (one JSON object a line)

The class tests (tests/test_promises*.py) specify, sentence by sentence, what is a promise of
ours and what only looks like one. The training script (promises_classifier.py) reads every
text they hand to the extractor, labels its clauses with the cue rules' reading, and trains
on them beside the mail sets, so the learned reader knows what the rules were taught. The
texts are collected by running those tests with the rules alone (a recorder around
`extract_promises`); a text is kept only when every test that read it passed, so the rules'
reading of it is one the tests hold to. Tests of the blend itself, of random text and of
date phrases alone, the CLI and the scorers of whole sets are left out.
"""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1] / "tests"
# Not class tests: the blend's mechanics with made-up models, random text, date phrases alone,
# the CLI, and the scorers run over whole evaluation sets.
LEFT_OUT = {"test_promises_learned.py", "test_promises_properties.py", "test_promises_dates.py",
            "test_promises_cli.py", "test_promises_eval.py", "test_promises_mail_bench.py"}


MINIMUM = 500  # fewer texts than this: the tests did not run as they should (a collection error)


class _Recorder:
    """A pytest plugin that runs the tests with the rules alone and notes each text they hand
    to extract_promises, with the tests that read it."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], dict] = {}
        self.read_by: dict[tuple[str, str], set[str]] = {}
        self.failed: set[str] = set()

    def pytest_configure(self, config) -> None:
        import followup.promises
        from followup.promises import extract

        original = extract.extract_promises

        def recording(text, *, sent_at, timezone, locale_hint, model=None):
            key = (text, locale_hint)
            self.texts.setdefault(key, {"text": text, "language": locale_hint,
                                        "sent_at": sent_at.isoformat(), "tz": timezone})
            self.read_by.setdefault(key, set()).add(os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0])
            return original(text, sent_at=sent_at, timezone=timezone, locale_hint=locale_hint, model=None)

        extract.extract_promises = followup.promises.extract_promises = recording
        self._restore = lambda: setattr(extract, "extract_promises", original) or setattr(
            followup.promises, "extract_promises", original)

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed:
            self.failed.add(report.nodeid)

    def pytest_unconfigure(self, config) -> None:
        self._restore()

    def held(self) -> list[dict]:
        """The texts whose every test passed on the rules' reading."""
        return [row for key, row in self.texts.items() if not self.read_by[key] & self.failed]


def class_sentences() -> list[dict]:
    """Every text the class tests hand to the extractor and hold the rules' reading of to,
    with its message date, zone and the client's locale."""
    files = sorted(str(path) for path in TESTS.glob("test_promises*.py") if path.name not in LEFT_OUT)
    recorder = _Recorder()
    path, environment = list(sys.path), dict(os.environ)
    sys.path.insert(0, str(TESTS))  # written.py, the tests' shared helper
    try:
        with redirect_stdout(io.StringIO()) as output:
            code = pytest.main(["-q", "-p", "no:cacheprovider", "-m", "not integration", *files], plugins=[recorder])
    finally:  # conftest.py puts tests/ on the path and sets cache variables: leave neither behind
        sys.path[:] = path
        os.environ.clear()
        os.environ.update(environment)
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or len(recorder.texts) < MINIMUM:
        tail = output.getvalue().strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"the class tests did not run (pytest exit {int(code)}, {len(recorder.texts)} texts): {tail[0]}")
    return recorder.held()


if __name__ == "__main__":
    found = class_sentences()
    out = open(sys.argv[1], "w", encoding="utf-8") if len(sys.argv) > 1 else sys.stdout
    for row in found:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(found):,} texts", file=sys.stderr)
