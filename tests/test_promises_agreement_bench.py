"""The agreement bench sets a second labeller's promises against a mail set's own labels."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
ROW = {
    "id": "da-1", "sent_at": "2039-06-13T08:45", "tz": "Europe/Copenhagen", "from_name": "Klinikken",
    "subject": "Din tid",
    "body": "Hej Per\n\nVi refunderer gebyret på 200 kr. og jeg ringer\ntil dig på fredag. Vi sender kortet i næste uge.\n"
            "Du får en sms dagen før.\n\nHilsen Mette\n",
    "promises": [
        {"anchor": "Vi refunderer gebyret på 200 kr.", "due": None, "category": "undated"},
        {"anchor": "jeg ringer til dig på fredag", "due": "2039-06-17", "category": "dated-weekday"},
        {"anchor": "Vi sender kortet i næste uge", "due": "2039-06-24", "category": "relative"},
    ],
    "negatives": [],
}


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_promises_agreement", BENCH / "promises_agreement.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCH))


def test_anchors_over_the_same_words_of_one_clause_mark_the_same_promise(bench):
    second = [{"anchor": "refunderer gebyret på 200 kr. og", "due": None},
              {"anchor": "ringer til dig på fredag", "due": "2039-06-17"},
              {"anchor": "Vi sender kortet i næste uge", "due": "2039-06-24"}]
    tally, differences = bench.agree(ROW, second)
    assert (tally.first, tally.second, tally.both, tally.due) == (3, 3, 3, 3)
    assert differences == []


def test_a_promise_only_one_labeller_marked_counts_against_precision_or_recall(bench):
    second = [{"anchor": "jeg ringer til dig på fredag", "due": "2039-06-17"},
              {"anchor": "Du får en sms dagen før", "due": None}]
    tally, differences = bench.agree(ROW, second)
    assert tally.figures[:2] == (0.5, 1 / 3)
    assert sum(line.startswith("ONLY SECOND") for line in differences) == 1
    assert sum(line.startswith("ONLY FIRST") for line in differences) == 2


def test_an_anchor_sharing_less_than_half_its_words_with_a_label_marks_another_promise(bench):
    second = [{"anchor": "kr. og jeg", "due": None}]  # the end of one label, the start of the next
    tally, _ = bench.agree(ROW, second)
    assert tally.both == 0


def test_a_due_date_the_labellers_disagree_on_is_counted_and_listed(bench):
    second = [{"anchor": "Vi sender kortet i næste uge", "due": "2039-06-20"}]
    tally, differences = bench.agree(ROW, second)
    assert (tally.both, tally.due) == (1, 0)
    assert any(line.startswith("DUE da-1") for line in differences)


def _write_set(folder: Path, rows: list[dict], labels: list[dict]) -> Path:
    (folder / "second_labeller").mkdir(parents=True)
    (folder / "da.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    (folder / "second_labeller" / "labels.jsonl").write_text(
        "".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels), "utf-8")
    return folder


def test_a_set_is_compared_per_language_and_in_all(bench, tmp_path):
    data = _write_set(tmp_path / "mail_x", [ROW], [{"id": "da-1", "promises": ROW["promises"][:2]}])
    languages, _ = bench.compare(data)
    assert (languages["da"].both, languages["all"].first, languages["all"].second) == (2, 3, 2)


def test_a_second_labelling_that_misses_an_e_mail_is_refused(bench, tmp_path):
    data = _write_set(tmp_path / "mail_x", [ROW], [])
    with pytest.raises(ValueError, match="no line for da-1"):
        bench.compare(data)


def test_the_report_prints_the_extractor_beside_the_second_labeller(bench, tmp_path):
    data = _write_set(tmp_path / "mail_x", [ROW], [{"id": "da-1", "promises": ROW["promises"]}])
    lines = bench.report(data).splitlines()
    row = next(line for line in lines if line.startswith("all"))
    assert row.split("|")[1].split() == ["1.000", "1.000", "1.000"]
    assert len(row.split("|")[2].split()) == 3  # the extractor's precision, recall and due exact


def test_a_set_kept_for_a_first_run_gets_no_extractor_figures(bench, tmp_path):
    data = _write_set(tmp_path / "mail_x", [ROW], [{"id": "da-1", "promises": ROW["promises"]}])
    lines = bench.report(data, withheld={"mail_x"}).splitlines()
    assert "withheld" in lines[0]
    row = next(line for line in lines if line.startswith("all"))
    assert row.count("|") == 1 and row.split("|")[1].split() == ["1.000", "1.000", "1.000"]


def test_the_command_names_a_set_that_was_not_labelled_twice_in_one_line(tmp_path):
    import subprocess

    result = subprocess.run([sys.executable, str(BENCH / "promises_agreement.py"), "mail_not_a_set"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "no second_labeller/labels.jsonl" in result.stderr and "Traceback" not in result.stderr
