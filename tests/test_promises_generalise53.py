"""Round 53 (issue 13, after mail_blind124-127's first runs): a colleague away on any kind of
holiday ("på skiferie", "på juleferie", "på sommarsemester") is a notice, as "på ferie" was; a
place of ours opening instead on a new date ("Parken åbner i stedet lørdag den 21. november") is
no notice of opening hours but a promise of that date (LABELLING.md), while a new date left to the
client's choice promises nothing; someone else sending or giving something to us ("La restauradora
ens retornarà la creu dijous") acts for us, not for the client; a Norwegian condition may open
"Om <someone> …" ("Om styret godtar tilbudet, …"), unless "om kvelden" names a time."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vores holdleder, Søren, er på skiferie til den 30., så det er mig, der tager mig af det."),
    ("da", "Louise er på juleferie til den 2. januar."),
    ("nb", "Kari er på juleferie til 4. januar."),
    ("sv", "Anna är på sommarsemester till den 5 augusti."),
])
def test_a_colleague_on_any_holiday_is_away_not_promising(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "due"), [
    ("da", "Parken åbner i stedet lørdag den 21. november.", "2026-11-21"),
    ("nb", "Parken åpner i stedet lørdag 21. november.", "2026-11-21"),
    ("sv", "Sammanträdet hålls i stället torsdag den 26 november.", "2026-11-26"),
    ("en", "The open evening goes ahead on Thursday 26 November instead.", "2026-11-26"),
])
def test_an_event_of_ours_on_a_new_date_is_a_promise_of_that_date(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Parken åbner i stedet for sent."),
    ("nb", "Du kan også komme tirsdag i stedet, hvis det passer bedre."),
    ("en", "You're welcome to come on Friday instead if that suits you better."),
    ("sv", "Vill ni hellre komma på fredag i stället går det också bra."),
])
def test_a_new_date_left_to_the_client_promises_nothing(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Butikken lukker i morgen kl. 14."),
    ("nb", "Kontoret åpner igjen mandag kl. 8."),
])
def test_opening_hours_stay_a_notice(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "La restauradora ens retornarà la creu dijous."),
    ("en", "The supplier will send us the parts on Friday."),
    ("da", "Leverandøren sender os delene fredag."),
    ("nb", "Trykkeriet sender oss prøvene fredag."),
    ("sv", "Leverantören skickar oss delarna på fredag."),
    ("sk", "Dodávateľ nám pošle diely v piatok."),
])
def test_someone_else_sending_something_to_us_is_not_our_promise(language, text):
    assert AT.promises(text, language) == []


def test_our_promise_after_what_someone_sends_us_stands():
    text = "The supplier will send us the parts on Friday, and we'll fit them on Monday."
    assert AT.due_days(text, "en") == ["2026-11-23"]


def test_an_inverted_norwegian_condition_on_someone_elses_decision_is_no_promise():
    text = "Om styret godtar tilbudet på årsmøtet, leverer vi den nye maskinen i løpet av juni."
    assert AT.promises(text, "nb") == []


def test_a_norwegian_time_of_day_after_om_is_no_condition():
    assert len(AT.promises("Om kvelden ringer vi deg og forteller hvordan det gikk.", "nb")) == 1
