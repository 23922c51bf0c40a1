"""Who acts and how: only our side's commitments are promises, read from whole sentences.

Each test is one failure class of issue 13, with its own sentences.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from followup.promises import split_sentences
from followup.promises.reading import client_name
from written import Written

AT = Written("Europe/Stockholm")
promises, local_due = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Lene holder fri fra tirsdag til torsdag."),
    ("nb", "Ola har fri fra mandag til onsdag."),
    ("en", "Tom is off from Monday to Wednesday."),
])
def test_a_colleagues_leave_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "I bedes sende os underskriften senest mandag."),
    ("en", "Please return the signed form by Friday."),
    ("sv", "Ni ombeds skicka blanketten senast fredag."),
    ("ca", "Si us plau, envieu-nos el formulari abans de divendres."),
])
def test_a_request_to_the_client_is_not_our_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi kan enten sende en ny ruter på fredag eller bytte kortet mandag, alt etter hva dere foretrekker."),
    ("sv", "Antingen kommer teknikern på fredag eller så skickar vi delen den 4 december, ni väljer."),
    ("en", "We can either replace the unit on Friday or refund it by the 30th, whichever you prefer."),
    ("sk", "Buď vám zariadenie vymeníme v piatok, alebo ho opravíme do 2. decembra, podľa toho, čo uprednostníte."),
])
def test_an_offer_that_leaves_the_choice_to_the_client_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Confiem tenir la factura corregida abans de dijous."),
    ("da", "Vi vil forsøge at sende fakturaen på torsdag."),
    ("en", "We are aiming to ship the parts on Thursday."),
    ("sv", "Vi siktar på att leverera på torsdag."),
])
def test_a_hedge_is_not_a_promise(language, text):
    assert promises(text, language) == []


def test_an_apology_for_a_past_outage_with_a_weekday_is_not_a_promise():
    assert promises("Lamentem la interrupció de dissabte a la tarda.", "ca") == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Frakten betaler vi selvsagt."),
    ("sv", "Returportot betalar vi naturligtvis."),
    ("da", "Gebyret dækker vi naturligvis."),
])
def test_an_undated_object_first_commitment_is_found(language, text):
    (found,) = promises(text, language)
    assert found.quote == text


def test_you_have_the_goods_by_a_date_is_our_promise_in_danish():
    (found,) = promises("Du har pakken senest den 2. december.", "da")
    assert local_due(found) == "2026-12-02"


def test_a_polite_formula_before_a_dash_does_not_swallow_the_commitment():
    (found,) = promises("Let me know if you have questions – I'll send the summary on Friday.", "en")
    assert local_due(found) == "2026-11-20"


def test_a_commitment_after_a_formula_and_dash_is_quoted_with_its_whole_sentence():
    # The formula is part of what was said: the quote is evidence, so it is not cut mid-sentence.
    text = "Let me know if you have questions – I'll send the summary on Friday."
    (found,) = promises(text, "en")
    assert found.quote == text


def test_an_apology_before_a_dash_does_not_swallow_the_commitment():
    (found,) = promises("Beklager forsinkelsen – du får fakturaen innen fredag.", "nb")
    assert local_due(found) == "2026-11-20"


@pytest.mark.parametrize("text", [
    "Our engineer will reach your St. Albans depot on Friday.",
    "Dr. Berg will call you tomorrow.",
])
def test_an_abbreviation_does_not_cut_the_sentence(text):
    (found,) = promises(text, "en")
    assert found.quote == text


@pytest.mark.parametrize(("text", "sentences"), [
    ("Vi ringer bl.a. Kari i morgon. Tack!", ["Vi ringer bl.a. Kari i morgon.", "Tack!"]),
    ("Pošleme to napr. Jánovi zajtra. Ďakujem.", ["Pošleme to napr. Jánovi zajtra.", "Ďakujem."]),
    ("Next steps:\n- I'll send the log today\n- Kim calls you Friday", ["Next steps:", "I'll send the log today", "Kim calls you Friday"]),
])
def test_sentences_split_at_real_ends_and_bullets(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_a_named_colleague_with_any_verb_is_our_promise_when_dated():
    (found,) = promises("Hi Tom,\n\nOla will drop off the spare keys on Monday.", "en")
    assert local_due(found) == "2026-11-23"


def test_the_greeted_client_acting_is_not_our_promise():
    assert promises("Hi Tom,\n\nTom will sign the contract on Monday.", "en") == []


def test_the_greeting_line_names_the_client():
    assert client_name("Dear Tom,\n\nThanks for your patience.") == "Tom"
    assert client_name("Thanks for your patience, we will fix it.\n") is None


def test_a_colleague_on_our_side_committing_is_our_promise():
    (found,) = promises("Anna from our support team will call you tomorrow.", "en")
    assert local_due(found) == "2026-11-19"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The courier will deliver the spare parts to you on Friday."),
    ("sv", "Leverantören skickar de nya delarna till er på fredag."),
    ("ca", "El proveïdor us enviarà les peces divendres."),
])
def test_a_third_party_acting_is_not_our_promise(language, text):
    assert promises(text, language) == []


def test_our_own_accountant_acting_is_our_promise():
    (found,) = promises("Regnskapsføreren vår ringer deg på fredag.", "nb")
    assert local_due(found) == "2026-11-20"


def test_a_hard_wrapped_formula_before_a_dash_still_splits():
    text = "Si\nfra hvis noe er uklart – jeg ringer deg på fredag."
    (found,) = promises(text, "nb")
    assert (found.quote, local_due(found)) == (text, "2026-11-20")


def test_two_commitments_joined_by_and_are_two_promises():
    text = "The chairs will arrive on Monday, and we will cover the delivery charge."
    found = promises(text, "en")
    assert [f.quote for f in found] == ["The chairs will arrive on Monday", text]


def test_a_clause_after_a_conjunction_is_quoted_from_the_start_of_its_sentence():
    text = "Vi har tatt over saken, og du får svar senest fredag."
    (found,) = promises(text, "nb")
    assert (found.quote, local_due(found)) == (text, "2026-11-20")


def test_a_hedge_in_a_clause_after_so_does_not_sink_the_commitment():
    (found,) = promises("I'll send two drafts by Friday, so you can choose the one you prefer.", "en")
    assert found.quote == "I'll send two drafts by Friday"


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi fakturerer selvsagt ikke for besøket."),
    ("sk", "Túto opravu Vám, samozrejme, nebudeme účtovať."),
    ("ca", "Aquesta visita no us la cobrarem."),
])
def test_a_waived_charge_is_a_promise(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Normalt leverer vi inden for ti arbejdsdage."),
    ("en", "We usually ship within two business days."),
])
def test_what_we_usually_do_is_not_a_promise(language, text):
    assert promises(text, language) == []


def test_a_weather_proviso_keeps_the_commitment():
    (found,) = promises("Stillaset settes opp om fire dager, hvis været tillater det.", "nb")
    assert local_due(found) == "2026-11-22"


def test_a_condition_on_the_client_still_excludes():
    assert promises("Hvis du sender skjemaet, setter vi opp stillaset om fire dager.", "nb") == []


def test_the_clients_caretaker_letting_us_in_is_not_our_promise():
    assert promises("Jeres vicevært låser os ind kl. 7 på mandag.", "da") == []


def test_the_same_day_counts_from_the_day_named_before_it():
    found = promises("Skrivebordene leveres den 2. december, og vores montører stiller dem op samme dag.", "da")
    assert [local_due(f) for f in found] == ["2026-12-02", "2026-12-02"]


def test_the_morning_after_counts_from_the_previous_sentence():
    text = "The scaffolding will go up in 3 days. Our roofer, Dave, will start work the following morning."
    assert [local_due(f) for f in promises(text, "en")] == ["2026-11-21", "2026-11-22"]


def test_the_same_day_with_no_day_before_it_has_no_due_date():
    (found,) = promises("I'll sort it out the same day.", "en")
    assert found.due_at is None


def test_a_named_month_is_due_at_its_end():
    (found,) = promises("Vi slutför flytten av data under januari.", "sv")
    assert local_due(found) == "2027-01-31"


def test_the_first_monday_of_every_month_is_a_monthly_cadence_not_a_due_day():
    (found,) = promises("I'll update you on the first Monday of every month.", "en")
    assert found.due_at is None
    assert (found.cadence.every, found.cadence.unit) == (1, "month")


def test_a_clock_time_alone_is_due_today():
    (found,) = promises("Testsiden er oppe igen inden kl. 16, det sørger vi for.", "da")
    assert found.due_at.astimezone(ZoneInfo(AT.zone)).strftime("%Y-%m-%dT%H:%M") == "2026-11-18T16:00"
