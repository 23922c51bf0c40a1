"""grep through the trigram index finds exactly what a brute-force scan of every line finds."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone

from hypothesis import HealthCheck, example, given, settings, strategies as st

from followup.storage.fold import fold
from followup.storage.rows import message_row
from followup.storage.search import Query, grep
from followup.storage.store import Archive, Arrival
from followup.cases.clients import ClientRules
from followup.mail.model import Address, ParsedMessage
from followup.sources.base import RawMessage

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
# Letters of our six languages plus the characters where case folding is subtle
# (dotted/dotless i, long s, final sigma, Kelvin sign, sharp s, micro sign).
ALPHABET = "abcdeiksAEIKS æøåÆØÅäöÄÖçÇľščťžýáíéĽŠČŤŽÝÁÍÉİıſςσΣKßẞµμ.-#\n"
texts = st.text(alphabet=ALPHABET, max_size=60)


def parsed(i: int, subject: str, text: str) -> ParsedMessage:
    return ParsedMessage(
        sha256=f"{i:064x}", message_id=f"m{i}@test", message_id_synthetic=False, in_reply_to=(), references=(),
        subject=subject, from_=Address("", "x@acme.example"), to=(), cc=(), date=NOW, date_offset_minutes=0,
        text=text, new_text=text,
    )


def archive_of(tmp_path_factory, docs: list[tuple[str, str]]) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("prop") / "a.sqlite3"
    archive = Archive.open(path, now=NOW)
    rules = ClientRules(owners=frozenset())
    arrivals = [Arrival(RawMessage(f"{i}".encode(), "t", str(i)), f"{i:064x}", message_row(parsed(i, s, t), rules))
                for i, (s, t) in enumerate(docs)]
    archive.store(arrivals, now=NOW)
    return archive.conn


def brute_force(docs: list[tuple[str, str]], query: Query) -> list[tuple]:
    """(message, line number, match spans) for every matching line, by scanning every line."""
    regex = query.compile()
    found = []
    for i, (subject, text) in enumerate(docs):
        for number, line in enumerate([subject, *text.split("\n")]):
            spans = tuple(m.span() for m in regex.finditer(line))
            if spans:
                found.append((f"m{i}@test", number, spans))
    return found


@st.composite
def patterns(draw, docs):
    source = draw(st.sampled_from([t for _, t in docs] + [s for s, _ in docs] + ["sigma"]))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    piece = source[start:start + draw(st.integers(1, 8))] or "a"
    if draw(st.booleans()):
        piece = draw(st.sampled_from([piece.upper(), piece.lower(), piece.swapcase(), piece.casefold()]))
    shape = draw(st.sampled_from(["fixed", "escaped", "alt", "class", "optional", "dot"]))
    other = draw(st.text(alphabet=ALPHABET.replace("\n", ""), min_size=1, max_size=4))
    if shape == "fixed":
        return piece, True
    escaped, escaped_other = re.escape(piece), re.escape(other)
    return {
        "escaped": escaped,
        "alt": f"{escaped}|{escaped_other}",
        "class": f"{escaped}[a-zæø]{escaped_other}",
        "optional": f"(?:{escaped_other})?{escaped}",
        "dot": f"{escaped}.*{escaped_other}",
    }[shape], False


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=150)
@given(data=st.data(), docs=st.lists(st.tuples(texts, texts), min_size=1, max_size=8))
def test_grep_finds_the_same_lines_and_matches_as_a_brute_force_scan(tmp_path_factory, data, docs):
    pattern, fixed = data.draw(patterns(docs))
    query = Query(pattern, fixed=fixed, ignore_case=data.draw(st.booleans()), word=data.draw(st.booleans()))
    conn = archive_of(tmp_path_factory, docs)
    try:
        found = [(hit.message_id, line.number, line.spans) for hit in grep(conn, query) for line in hit.lines]
    finally:
        conn.close()
    assert sorted(found) == sorted(brute_force(docs, query))


@given(st.text(alphabet=ALPHABET, max_size=30), st.text(alphabet=ALPHABET, max_size=30))
@example("kid", "kİd")  # full lower-casing would give "ki̇d"
@example("aσb", "AΣB")
@example("ſs", "SS")
@example("µ", "Μ")
def test_folding_keeps_every_case_insensitive_match_findable(needle, haystack):
    """If re -i finds the needle, the folded haystack contains the folded needle."""
    if needle and re.search(re.escape(needle), haystack, re.IGNORECASE):
        assert fold(needle) in fold(haystack)


ASCII_MAIL = "abiksABIKS .-\n"
LOOKALIKES = str.maketrans({"s": "ſ", "k": "\u212a", "i": "ı"})  # re -i equates them with s, k, i


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=100)
@given(data=st.data(), docs=st.lists(st.tuples(st.text(ASCII_MAIL, max_size=60), st.text(ASCII_MAIL, max_size=60)),
                                     min_size=1, max_size=8))
def test_a_case_blind_literal_in_ascii_mail_is_found_as_the_brute_force_scan_finds_it(tmp_path_factory, data, docs):
    """Under -i an ASCII text is lower-cased and searched with str.find (search._literal_matches):
    the same lines and matches, and the same messages for -l, also for a literal spelt with
    ſ, the Kelvin sign or ı."""
    source = data.draw(st.sampled_from([s + "\n" + t for s, t in docs]))
    start = data.draw(st.integers(0, max(0, len(source) - 1)))
    piece = source[start:start + data.draw(st.integers(1, 6))].replace("\n", "") or "a"
    piece = data.draw(st.sampled_from([piece, piece.upper(), piece.swapcase(), piece.translate(LOOKALIKES)]))
    fixed = data.draw(st.booleans())
    query = Query(piece if fixed else re.escape(piece), fixed=fixed, ignore_case=True, word=data.draw(st.booleans()))
    conn = archive_of(tmp_path_factory, docs)
    try:
        found = [(hit.message_id, line.number, line.spans) for hit in grep(conn, query) for line in hit.lines]
        listed = [hit.message_id for hit in grep(conn, query, lines=False, first_only=True)]
    finally:
        conn.close()
    expected = brute_force(docs, query)
    assert sorted(found) == sorted(expected)
    assert sorted(listed) == sorted({message for message, _, _ in expected})
