"""Properties of promise extraction that hold for any input text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.promises import extract_promises, parse_cadence
from followup.promises.sentences import MAX_SENTENCE, split_sentences

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


# Date words of every kind, with numbers that may be absurd: years far off, days of 13 or more
# that a parser could take for a year, spans of thousands of days.
_MONTHS = ["March", "mars", "marts", "de març", "marca", "October", "oktober", "d'octubre", "októbra", "desember"]
_DATE_PHRASES = st.one_of(
    st.builds(lambda d, m: f"den {d} {m}", st.integers(0, 40), st.sampled_from(_MONTHS)),
    st.builds(lambda d, m: f"{d}. {m}", st.integers(0, 40), st.sampled_from(_MONTHS)),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 31), st.sampled_from(_MONTHS), st.integers(1900, 2300)),
    st.builds(lambda d, m, y: f"{d}.{m}.{y}", st.integers(1, 31), st.integers(1, 12), st.integers(0, 99)),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1900, 2300), st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda n, u: f"within {n} {u}", st.integers(0, 5000), st.sampled_from(["days", "weeks", "months", "hours"])),
    st.builds(lambda n: f"the {n}th", st.integers(0, 40)),
)
_COMMITMENTS = {
    "en": "We will send the invoice {}.", "nb": "Vi sender fakturaen {}.", "da": "Vi sender fakturaen {}.",
    "sv": "Vi skickar fakturan senast {}.", "ca": "Us enviarem la factura {}.", "sk": "Faktúru pošleme {}.",
}


@settings(max_examples=200, deadline=None)
@given(phrase=_DATE_PHRASES, language=st.sampled_from(sorted(_COMMITMENTS)),
       sent_at=st.datetimes(datetime(2024, 1, 1), datetime(2028, 12, 31), timezones=st.just(timezone.utc)))
def test_no_recorded_due_date_lies_outside_made_at_minus_1_day_to_plus_400_days(phrase, language, sent_at):
    text = _COMMITMENTS[language].format(phrase)
    for found in extract_promises(text, sent_at=sent_at, timezone="Europe/Oslo", locale_hint=language):
        if found.due_at is not None:
            assert sent_at - timedelta(days=1) <= found.due_at <= sent_at + timedelta(days=400), (text, found)


def test_a_due_date_beyond_the_horizon_is_kept_as_due_text_without_a_date():
    (found,) = extract_promises("We will send the invoice by 1 December 2031.", sent_at=SENT_AT,
                                timezone="Europe/Oslo", locale_hint="en")
    assert found.due_at is None
    assert found.due_text == "1 December 2031"


def test_a_run_on_text_gives_quotes_no_longer_than_a_sentence_may_be():
    text = "we will send it by Friday, and " * 700  # 21 kB without a full stop
    found = extract_promises(text, sent_at=SENT_AT, timezone="UTC", locale_hint="en")
    assert found
    assert max(len(f.quote) for f in found) <= MAX_SENTENCE
    # each clause is quoted from its sentence's start: without the cap the quotes of one run-on
    # sentence grow with the square of its length (about 340x the text here, 1,600x at 100 kB)
    assert sum(len(f.quote) for f in found) <= 20 * len(text)


def test_a_pasted_list_without_full_stops_is_read_in_pieces_of_bounded_length():
    text = "Item - price - qty\n" * 2000
    pieces = list(split_sentences(text))
    assert len(pieces) > 1
    assert all(end - start <= MAX_SENTENCE for start, end in pieces)
