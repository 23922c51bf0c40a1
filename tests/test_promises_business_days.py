""""N business days" skip the weekend and the public holidays of the client's region."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.promises import extract_promises
from followup.promises.business_days import add_business_days, region_for


def due_day(text: str, locale: str, sent: datetime) -> date:
    (found,) = extract_promises(text, sent_at=sent, timezone=str(sent.tzinfo), locale_hint=locale)
    return found.due_at.astimezone(sent.tzinfo).date()


@pytest.mark.parametrize(("locale", "text", "sent", "due"), [
    # Friday 5 September 2036 in Barcelona: the Diada (Thursday 11th) is no business day
    ("ca", "L'import se li reemborsarà en cinc dies hàbils.", datetime(2036, 9, 5, 10, tzinfo=ZoneInfo("Europe/Madrid")),
     date(2036, 9, 15)),
    # Tuesday 9 September 2036 in Bratislava: Our Lady of Sorrows (Monday 15th)
    ("sk", "Zálohu Vám vrátime do piatich pracovných dní.", datetime(2036, 9, 9, 10, tzinfo=ZoneInfo("Europe/Bratislava")),
     date(2036, 9, 17)),
    # Thursday 3 April 2036 in Copenhagen: Maundy Thursday (10th), Good Friday and Easter Monday
    ("da", "En ny rollator bliver leveret inden for fem hverdage.", datetime(2036, 4, 3, 10, tzinfo=ZoneInfo("Europe/Copenhagen")),
     date(2036, 4, 15)),
    # Friday 4 April 2036 in Stockholm: Good Friday and Easter Monday (Maundy Thursday is worked)
    ("sv", "Ersättningen betalas ut inom fem arbetsdagar.", datetime(2036, 4, 4, 10, tzinfo=ZoneInfo("Europe/Stockholm")),
     date(2036, 4, 15)),
    # Thursday 3 April 2036 in Stockholm: Maundy Thursday (10th) is a working day in Sweden
    ("sv", "Ersättningen betalas ut inom fem arbetsdagar.", datetime(2036, 4, 3, 10, tzinfo=ZoneInfo("Europe/Stockholm")),
     date(2036, 4, 10)),
    # a client in the United States: Thanksgiving (Thursday 27 November 2036)
    ("en_US", "We'll refund you within five working days.", datetime(2036, 11, 24, 10, tzinfo=ZoneInfo("America/New_York")),
     date(2036, 12, 2)),
])
def test_business_days_skip_the_public_holidays_of_the_clients_region(locale, text, sent, due):
    assert due_day(text, locale, sent) == due


@pytest.mark.parametrize(("locale", "text", "sent", "due"), [
    # Friday 21 December 2046 in Copenhagen: Christmas Eve, both Christmas days
    ("da", "Vi sender de nye billetter inden for to hverdage.", datetime(2046, 12, 21, 10, tzinfo=ZoneInfo("Europe/Copenhagen")),
     date(2046, 12, 28)),
    # Monday 4 June 2046 in Copenhagen: Constitution Day (Tuesday 5th)
    ("da", "Du får svar inden for én hverdag.", datetime(2046, 6, 4, 10, tzinfo=ZoneInfo("Europe/Copenhagen")),
     date(2046, 6, 6)),
    # Thursday 21 June 2046 in Stockholm: Midsummer Eve (Friday 22nd)
    ("sv", "Vi återkommer inom en arbetsdag.", datetime(2046, 6, 21, 10, tzinfo=ZoneInfo("Europe/Stockholm")),
     date(2046, 6, 25)),
    # Friday 28 December 2046 in Stockholm: New Year's Eve and New Year's Day
    ("sv", "Vi återkommer inom två arbetsdagar.", datetime(2046, 12, 28, 10, tzinfo=ZoneInfo("Europe/Stockholm")),
     date(2047, 1, 3)),
])
def test_business_days_skip_the_days_off_by_custom_where_the_holiday_tables_list_them(locale, text, sent, due):
    assert due_day(text, locale, sent) == due


def test_norways_christmas_eve_is_a_business_day_as_the_holiday_tables_have_it():
    assert add_business_days(date(2046, 12, 21), 1, "NO") == date(2046, 12, 24)


def test_danish_workers_day_is_a_business_day_as_most_businesses_work_it():
    # Thursday 30 April 2026: Friday 1 May counts, whatever some trades agree
    assert add_business_days(date(2026, 4, 30), 1, "DK") == date(2026, 5, 1)


def test_a_customary_day_off_of_one_country_is_a_business_day_in_another():
    assert add_business_days(date(2046, 12, 21), 1, "DK") == date(2046, 12, 27)
    assert add_business_days(date(2046, 12, 21), 1, "GB-ENG") == date(2046, 12, 24)


def test_a_week_without_holidays_counts_monday_to_friday():
    sent = datetime(2036, 3, 4, 10, tzinfo=ZoneInfo("Europe/Oslo"))  # a Tuesday
    assert due_day("Beløpet refunderes innen fem virkedager.", "nb", sent) == date(2036, 3, 11)


@pytest.mark.parametrize(("locale", "language", "home", "region"), [
    ("nb_NO", "nb", "NO", "NO"),
    ("ca_ES", "ca", "ES-CT", "ES-CT"),  # the same country keeps the home subdivision
    ("ca-AD", "ca", "ES-CT", "AD"),  # a Catalan client in Andorra
    ("en_US", "en", "GB-ENG", "US"),
    ("en", "en", "GB-ENG", "GB-ENG"),
    ("nb_NO", "en", "GB-ENG", "NO"),  # a Norwegian client reading English: Norway's holidays
    ("en_XX", "en", "GB-ENG", "GB-ENG"),  # a country the tables do not know: the language's home
    ("sk_SK.UTF-8", "sk", "SK", "SK"),
    ("en_US.UTF-8", "en", "GB-ENG", "US"),
    ("ca_ES@valencia", "ca", "ES-CT", "ES-CT"),
    ("", "en", "GB-ENG", "GB-ENG"),
    ("C", "en", "GB-ENG", "GB-ENG"),
    ("POSIX", "en", "GB-ENG", "GB-ENG"),
])
def test_the_region_is_the_clients_country_when_the_locale_names_one_of_the_texts_language(locale, language, home, region):
    assert region_for(locale, language, home) == region


def test_a_region_the_holiday_tables_do_not_know_skips_weekends_only():
    assert add_business_days(date(2036, 9, 5), 5, "ZZ") == add_business_days(date(2036, 9, 5), 5, None) == date(2036, 9, 12)
    assert add_business_days(date(2036, 9, 5), 5, "ES-ZZ") == date(2036, 9, 12)


@pytest.mark.parametrize(("text", "sent"), [
    ("We'll refund you within 5000000 business days.", datetime(2026, 11, 18, 10, tzinfo=ZoneInfo("UTC"))),
    ("We'll refund you within 5 business days.", datetime(9999, 12, 30, 10, tzinfo=ZoneInfo("UTC"))),
    ("We'll refund you within 5 days.", datetime(9999, 12, 30, 10, tzinfo=ZoneInfo("UTC"))),
])
def test_a_due_date_past_the_calendars_end_is_no_due_date_and_no_error(text, sent):
    (found,) = extract_promises(text, sent_at=sent, timezone="UTC", locale_hint="en")
    assert found.due_at is None
