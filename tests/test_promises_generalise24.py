"""Failure classes of round 24 (mail_blind30 and 31 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises import extract_promises

from written import Written

AT = Written("Europe/Bratislava")
promises, local_day = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Predplatné Vám predĺžime o jeden mesiac."),
    ("sk", "Permanentku vám predĺžime o dva týždne."),
    ("sk", "Platnosť poukážky bude predĺžená o 30 dní."),
])
def test_how_much_longer_we_extend_something_is_no_due_date(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None and found.due_text is None


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Opravu dokončíme o dva týždne."),
    ("sk", "Zálohu vám vrátime do piatich pracovných dní."),
    ("sk", "Predĺženie zmluvy vybavíme o dva dni."),  # the noun "extension" is no extending verb
    ("sk", "Odložené zásielky vám pošleme o dva dni."),
])
def test_in_so_many_days_is_still_a_due_date(language, text):
    (found,) = promises(text, language)
    assert found.due_at is not None


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Lehotu vám predĺžime do konca mesiaca."),
    ("sk", "Zmluvu vám predĺžime bez poplatku."),
    ("da", "Vi forlænger dit abonnement med en måned."),
    ("nb", "Vi forlenger abonnementet ditt med en måned."),
    ("sv", "Vi förlänger ditt medlemskap med två veckor."),
    ("en", "We'll extend your subscription by a month."),
])
def test_extending_what_the_client_has_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The repair is entirely at my expense."),
    ("en", "The new glass is at my own expense."),
    ("sk", "Dopravu vám účtovať nebudeme."),
    ("sk", "Hodiny navyše vám fakturovať nebudeme."),
    ("nb", "Timene over 20 fakturerer vi ikke."),
])
def test_what_we_pay_or_do_not_charge_said_object_first_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Choir rehearsals resume every Thursday from next week."),
    ("sv", "Kursen fortsätter som vanligt varje tisdag kl. 18."),
    ("nb", "Fra mandag er svømmeskolen i gang igjen hver mandag og onsdag."),
    ("ca", "El curs continua cada dimarts de 17 a 19 h."),
    ("sk", "Krúžok pokračuje každú stredu od 15:00."),
    ("da", "Svømmeholdet fortsætter hver torsdag kl. 17 som før."),
])
def test_a_service_of_ours_resuming_on_a_cadence_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert found.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Let me tell you what went wrong and what we'll do about it."),
    ("da", "Jeg vil gerne forklare, hvad der skete, og hvad vi gør nu."),
    ("sv", "Jag vill förklara vad som hände och vad vi gör nu."),
    ("nb", "Jeg vil forklare hva som skjedde og hva vi gjør videre."),
    ("ca", "Us escric per explicar-vos què ha passat i què farem."),
    ("sk", "Chcem Vám vysvetliť, čo sa stalo a čo s tým urobíme."),
])
def test_announcing_that_we_will_explain_what_we_will_do_is_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Les espelmes són un regal de la casa."),
    ("sk", "Druhý kus je tentoraz od nás."),
    ("en", "In this case we'll not hold you to the notice period."),
])
def test_a_gift_said_as_whose_it_is_or_a_term_we_waive_is_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Ponuka je od nás."),
    ("sk", "Táto správa je samozrejme od nás."),
    ("ca", "El regal de la casa és per als socis."),
    ("en", "On my end, everything looks fine."),
])
def test_where_something_comes_from_or_how_it_looks_to_us_is_no_gift(language, text):
    assert AT.promises(text, language) == []
    assert extract_promises(text, sent_at=AT.sent, timezone=AT.zone, locale_hint=language, model=None) == []


def test_a_numeric_date_the_wrap_moved_to_the_next_line_stays_in_its_sentence():
    (found,) = promises("Celú pec dokončím do\n26. 11., t. j. pred zimou.", "sk")
    assert found.quote.startswith("Celú pec") and local_day(found) == "2026-11-26"
