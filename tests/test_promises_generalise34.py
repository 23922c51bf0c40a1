"""Failure classes of round 34 (due dates seen across mail_blind46-53), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


# Three business days from Wednesday 18 November are Thursday, Friday and Monday 23; a mail that
# says the Monday is a day off counts Tuesday 24 instead, and the day off is never the due day.
@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll send the revised plan within three working days (Monday 23 November is a bank holiday here)."),
    ("da", "Vi sender den rettede plan inden for tre hverdage; mandag den 23. november er lukkedag hos os."),
    ("nb", "Vi sender den rettede planen innen tre virkedager, mandag 23. november ikke medregnet."),
    ("sv", "Vi skickar den rättade planen inom tre arbetsdagar, räknat med att måndag 23 november är en röd dag."),
    ("ca", "Us enviarem el pla corregit en tres dies hàbils; compta que el dilluns 23 és festiu a la ciutat."),
    ("sk", "Opravený plán vám pošleme do troch pracovných dní, v pondelok 23. novembra máme voľno."),
])
def test_a_day_off_the_mail_names_is_skipped_when_counting_business_days(language, text):
    assert due_days(text, language) == ["2026-11-24"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Friday's session won't be charged."),
    ("en", "There is no charge for the lesson on Friday."),
    ("da", "Vi opkræver ikke lejen for december."),
    ("nb", "Timen på fredag blir ikke fakturert."),
    ("sv", "Vi fakturerar inte lektionen i december."),
    ("ca", "No et cobrarem la classe de divendres."),
    ("sk", "Hodinu v piatok vám neúčtujeme."),
])
def test_a_day_beside_a_dropped_charge_names_what_is_not_charged(language, text):
    assert due_days(text, language) == [None]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "We'll come back on Friday and won't charge for the visit.", "2026-11-20"),
    ("nb", "Gebyret blir ikke fakturert, og beløpet krediteres senest fredag.", "2026-11-20"),
    ("sv", "Avgiften debiteras inte, och beloppet krediteras senast fredag.", "2026-11-20"),
])
def test_a_day_that_times_our_act_still_dates_it_beside_a_dropped_charge(language, text, day):
    assert day in due_days(text, language)


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "I'll bring the new shirts to Friday's training.", "2026-11-20"),
    ("da", "Jeg giver ham bogen på torsdagens møde.", "2026-11-19"),
    ("sv", "Vi går igenom alla avvikelser på fredagens möte.", "2026-11-20"),
    ("nb", "Jeg tar med medaljene til fredagens kamp.", "2026-11-20"),
    ("sv", "Jag delar ut diplomen på fredagens träning.", "2026-11-20"),
])
def test_a_weekdays_event_where_we_act_is_the_due_day(language, text, day):
    assert due_days(text, language) == [day]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll correct the error on Friday's invoice."),
    ("da", "Vi retter fejlen på tirsdagens faktura."),
])
def test_a_weekdays_document_names_a_thing_not_a_day(language, text):
    assert due_days(text, language) == [None]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("ca", "Te la porto aquest migdia.", "2026-11-18"),
    ("sk", "Kľúče vám prinesiem do obeda.", "2026-11-18"),
    ("sk", "Kľúče vám prinesiem zajtra do obeda.", "2026-11-19"),
    ("sv", "Vi lagar värmen i natt.", "2026-11-18"),
    ("da", "Vi ordner varmen i nat.", "2026-11-18"),
    ("nb", "Vi fikser varmen i natt.", "2026-11-18"),
])
def test_a_part_of_today_is_today(language, text, day):  # not ca "aquest matí": mostly past (round 32)
    assert due_days(text, language) == [day]
