"""Properties of promise extraction that hold for any input text."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.promises import extract_promises, parse_cadence

SENT_AT = datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)  # the night Europe/Oslo leaves summer time
WORDS = st.sampled_from(
    ["I", "will", "we'll", "send", "by", "Friday", "vi", "sender", "innen", "fredag", "hver", "tirsdag",
     "if", "?", ".", "\n", "kl. 12", "2026-02-30", "every", "0", "days", "každý", "utorok", "pošleme", "do", "piatku"]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, hint=st.sampled_from(["en", "nb_NO", "da", "sv", "ca", "sk", "xx"]))
def test_extract_promises_never_raises_and_spans_point_into_the_text(text, hint):
    for found in extract_promises(text, sent_at=SENT_AT, timezone="Europe/Oslo", locale_hint=hint):
        start, end = found.span
        assert text[start:end] == found.quote
        assert 0.0 <= found.confidence <= 1.0
        assert found.due_at is None or found.due_at.utcoffset().total_seconds() == 0


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_parse_cadence_never_raises(text):
    cadence = parse_cadence(text, ["en", "nb", "sk"])
    assert cadence is None or cadence.every >= 1
