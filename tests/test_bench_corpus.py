"""The benchmark corpus generator writes valid, threaded, multilingual mail, the same for a seed."""

from __future__ import annotations

import email
import importlib.util
import sys
from collections import Counter
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

BENCH = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


def _load_corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()
N = 400


def _files(maildir: Path) -> list[Path]:
    return sorted(p for sub in ("cur", "new") for p in (maildir / sub).iterdir())


def _parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def _text(msg: EmailMessage) -> str:
    return "\n".join(part.get_content() for part in msg.walk()
                     if part.get_content_maintype() == "text")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    maildir = tmp_path_factory.mktemp("corpus") / "Maildir"
    stats = corpus.generate_maildir(maildir, N, seed=7)
    messages = {path: _parse(path) for path in _files(maildir)}
    return maildir, stats, messages


def test_writes_exactly_n_messages_into_cur_and_new(generated):
    maildir, stats, messages = generated
    assert len(messages) == N == stats.messages
    assert list((maildir / "tmp").iterdir()) == []


def test_file_names_follow_maildir_conventions(generated):
    maildir, _, _ = generated
    for path in (maildir / "cur").iterdir():
        assert path.name.count(":2,") == 1 and "S" in path.name.rpartition(",")[2]
    for path in (maildir / "new").iterdir():
        assert ":" not in path.name


def test_every_message_parses_without_defects(generated):
    _, _, messages = generated
    for path, msg in messages.items():
        assert all(not part.defects for part in msg.walk()), path
        assert msg["Message-ID"] and msg["Date"].datetime.tzinfo is not None
        assert _text(msg).strip(), path


def test_message_ids_are_unique(generated):
    _, _, messages = generated
    ids = [_id(msg["Message-ID"]) for msg in messages.values()]
    assert len(set(ids)) == len(ids)


def test_replies_point_at_messages_in_the_corpus_and_references_end_with_the_parent(generated):
    _, _, messages = generated
    ids = {_id(msg["Message-ID"]) for msg in messages.values()}
    replies = [msg for msg in messages.values() if msg["In-Reply-To"]]
    assert replies
    for msg in replies:
        references = str(msg["References"]).split()
        assert _id(msg["In-Reply-To"]) in ids
        assert references[-1] == _id(msg["In-Reply-To"])
        assert set(references) <= ids


def _id(value) -> str:
    # A long id is folded onto its own line, as real mailers do; the value is what counts.
    return str(value).strip()


def _thread_sizes(messages) -> Counter:
    roots = Counter()
    for msg in messages.values():
        references = str(msg["References"] or "").split()
        roots[references[0] if references else _id(msg["Message-ID"])] += 1
    return roots


def test_threads_hold_one_to_twelve_messages_with_many_longer_than_one(generated):
    _, stats, messages = generated
    sizes = _thread_sizes(messages)
    assert len(sizes) == stats.threads
    assert max(sizes.values()) <= 12
    assert sum(1 for size in sizes.values() if size > 1) > len(sizes) / 2


def test_rare_word_is_in_exactly_rare_count_messages(generated):
    _, stats, messages = generated
    hits = [p for p, msg in messages.items() if corpus.RARE_WORD in _text(msg)]
    assert len(hits) == corpus.RARE_COUNT == stats.rare_messages


def test_probes_for_common_word_phrase_and_regex_all_match(generated):
    import re

    _, _, messages = generated
    texts = [_text(msg) for msg in messages.values()]
    common = sum(1 for t in texts if re.search(rf"\b{corpus.COMMON_WORD}\b", t))
    assert common > N / 10
    assert any(corpus.PHRASE in t for t in texts)
    assert any(re.search(corpus.REGEX, t) for t in texts)


def test_about_half_is_english_and_the_rest_carries_diacritics(generated):
    _, stats, messages = generated
    languages = Counter(str(msg["Content-Language"]).split("-")[0] for msg in messages.values())
    assert languages == stats.languages
    assert set(languages) == {"en", "nb", "da", "sv", "ca", "sk"}
    assert 0.35 < languages["en"] / N < 0.65
    texts = "".join(_text(msg) for msg in messages.values())
    for letter in "øåæäöàèçšťžďľ":
        assert letter in texts


def test_html_alternatives_and_attachments_are_counted_as_written(generated):
    _, stats, messages = generated
    html = sum(1 for msg in messages.values() for part in msg.walk()
               if part.get_content_type() == "text/html")
    attachments = sum(1 for msg in messages.values() for part in msg.walk()
                      if part.get_content_disposition() == "attachment")
    assert (html, attachments) == (stats.html, stats.attachments)
    assert 0.25 < html / N < 0.55 and 0.03 < attachments / N < 0.2


def test_quoted_replies_use_the_clients_styles(generated):
    _, _, messages = generated
    texts = "\n".join(_text(msg) for msg in messages.values())
    assert " wrote:\n> " in texts
    assert " skrev " in texts and "napísal(a):" in texts
    assert "-----Original Message-----" in texts or "-----Opprinnelig melding-----" in texts


def test_owners_tag_some_threads_with_slipup_notes(generated):
    _, stats, messages = generated
    notes = [msg for msg in messages.values()
             if _text(msg).startswith("#slipup") and msg["From"].addresses[0].addr_spec
             in {addr for _, addr in corpus.OWNERS}]
    assert len(notes) == stats.slipup_notes >= 1
    assert all(msg["In-Reply-To"] for msg in notes)


def test_dates_spread_over_about_three_years(generated):
    _, _, messages = generated
    years = {msg["Date"].datetime.year for msg in messages.values()}
    assert {2024, 2025} <= years


def _snapshot(maildir: Path) -> dict[str, bytes]:
    return {f"{p.parent.name}/{p.name}": p.read_bytes() for p in _files(maildir)}


def test_same_seed_gives_the_same_bytes_and_file_names(tmp_path: Path):
    corpus.generate_maildir(tmp_path / "a", 60, seed=3)
    corpus.generate_maildir(tmp_path / "b", 60, seed=3)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_worker_count_does_not_change_the_output(tmp_path: Path):
    corpus.generate_maildir(tmp_path / "one", 60, seed=3, workers=1)
    corpus.generate_maildir(tmp_path / "two", 60, seed=3, workers=2)
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_another_seed_gives_another_corpus(tmp_path: Path):
    corpus.generate_maildir(tmp_path / "a", 30, seed=3)
    corpus.generate_maildir(tmp_path / "b", 30, seed=4)
    assert set(_snapshot(tmp_path / "a").values()).isdisjoint(_snapshot(tmp_path / "b").values())


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=1, max_value=30), seed=st.integers(min_value=0, max_value=10**6))
def test_any_small_corpus_has_n_parseable_messages(tmp_path_factory, n: int, seed: int):
    maildir = tmp_path_factory.mktemp("prop")
    stats = corpus.generate_maildir(maildir, n, seed=seed)
    files = _files(maildir)
    assert len(files) == stats.messages == n
    assert stats.rare_messages == min(corpus.RARE_COUNT, n)
    for path in files:
        assert not any(part.defects for part in _parse(path).walk())
