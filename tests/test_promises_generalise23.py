"""Failure classes of round 23 (mail_blind24 and 25 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Verkstedet regner med at delen er klar om en uke."),
    ("sv", "Leverantören tror att pumpen kan vara på plats om tio dagar."),
    ("ca", "El proveïdor creu que podran venir dijous."),
    ("en", "The depot say the part will be with us on Thursday."),
    ("en", "There's a good chance it will be fixed next week."),
    ("da", "Det kan godt være, at vi skal male igen i morgen."),
])
def test_what_others_expect_or_what_may_happen_is_a_hedge(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Jeg har sat dig ind på fredag kl. 10 i stedet."),
    ("sv", "Jag har lagt in dig på fredag kl 10 i stället."),
    ("sk", "Kolega vám v pondelok povedal, že okno bude vymenené v stredu."),
])
def test_a_booking_made_or_what_a_colleague_said_is_a_report(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Alle pakker over 500 kroner sendes med sporing."),
    ("nb", "Alle turer før kl. 06 bekreftes på sms kvelden før."),
    ("sv", "Alla fakturor över 5 000 kronor skickas rekommenderat."),
    ("sk", "Objednávky nad 50 eur doručujeme zadarmo."),
    ("sk", "Zásielky podané do 14.00 doručujeme nasledujúci deň."),
    ("sk", "Úradné hodiny máme v utorok od 9.00 do 11.00."),
    ("en", "Parking is free for members at all our sites."),
    ("nb", "Oppsigelsestiden er tre måneder."),
    ("sv", "Telefontiden är måndag–torsdag kl. 8–9."),
    ("sv", "Skador behöver anmälas till oss inom 14 dagar."),
    ("da", "Vi aflæser målerne hver nat, så du skal ikke selv gøre noget."),
    ("sv", "Föräldramötet blir som planerat den 12 maj kl. 18."),
])
def test_thresholds_office_hours_and_what_is_done_to_all_of_a_kind_are_standing_terms(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Alla kostnader för skadan betalas av oss."),
    ("da", "Alle børn har deres dragt senest den 1. november."),
    ("sk", "Náš technik osobne overí zapojenie pred každým zápasom."),
])
def test_what_we_pay_for_all_or_check_before_each_round_stays_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "ill do the fence saturday morning"),
    ("en", "i wont charge you for the extra visit"),
    ("sv", "Den extra resan kostar dig inget."),
    ("da", "Det koster naturligvis ikke Dem noget."),
    ("nb", "Det koster dere ingenting."),
    ("ca", "Et retornem l'import de la reserva."),
    ("sv", "Avgiften för besöket tas naturligtvis inte ut."),
    ("sv", "Din avgift reduceras med 40 procent."),
    ("sv", "Bussen betalas av föreningen."),
])
def test_phone_typed_commitments_and_costs_the_client_does_not_bear_are_promises(language, text):
    assert promises(text, language)


def test_ill_as_an_illness_is_no_commitment():
    assert promises("I was ill for a week in March.", "en") == []


def test_orders_placed_by_a_date_that_we_will_send_by_another_stay_a_promise_in_slovak():
    assert promises("Objednávky prijaté do 29. júla odošleme najneskôr 31. júla.", "sk")


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Les portes noves es tallaran dijous."),
    ("ca", "L'import de l'entrada li serà reemborsat."),
    ("sk", "Nové dlaždice sa privezú v stredu."),
    ("sk", "Poplatok sa vám z faktúry odpočíta."),
    ("en", "A written report will be sent to you by 16 February."),
    ("en", "A new worktop is being cut on Wednesday."),
])
def test_work_and_money_back_in_the_future_passive_are_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Zásielka sa nám vrátila z pošty."),
    ("sk", "Lístky sa dajú vymeniť najneskôr deň pred zápasom."),
])
def test_a_past_a_possibility_or_someone_else_s_passive_is_no_promise(language, text):
    assert promises(text, language) == []


def test_what_slovak_does_at_the_same_time_has_the_day_before_it():
    found = promises("Novú práčku vám dovezieme v piatok, a starú zároveň odvezieme.", "sk")
    assert len(found) == 2 and found[0].due_at == found[1].due_at


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi aflæser målerne hver nat, så jeg sender dig den rettede regning i morgen."),
    ("nb", "Alle pakkene dine sendes i morgen."),
    ("sv", "Alla felaktiga fakturor krediteras i dag."),
    ("en", "We'll cover the cost for all members this time."),
    ("nb", "Vi refunderer alt over 500 kroner i løpet av uka."),
    ("sk", "Všetko nad 20 eur vám vrátime do piatku."),
    ("da", "Jeg ringer til dig om et år og hører, hvordan det går."),
    ("sk", "Náhradný diel vám pošleme do 3 dní od nahlásenia."),
    ("nb", "Montøren kommer som planlagt på mandag."),
    ("nb", "Pakken sendes som vanlig med Posten i morgen."),
    ("sv", "Jag kommer på fredag i stället, eftersom Erik inte kan komma på torsdag."),
    ("sv", "Vi byter pumpen på fredag, men vi kan behöva beställa en ny ventil."),
    ("nb", "Jeg mistenker at det er pakningen, så jeg bytter den i morgen."),
    ("ca", "Us garanteixo que no es farà cap càrrec addicional."),
    ("da", "Denne gang fakturerer vi kun for materialerne."),
    ("en", "I said the engineer will come back tomorrow, and he will."),
    ("en", "Ill be there at 9 tomorrow."),
])
def test_commitments_sharing_words_with_standing_terms_and_hedges_stay_promises(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sk", "Cesta pred domom sa opravuje do piatku."),
    ("da", "Udskiftningen koster desværre jer noget mere end planlagt."),
    ("nb", "Parkering koster ingenting for gjester."),
    ("sv", "Gamla bokningar tas bort automatiskt efter 30 dagar."),
    ("en", "Priority will be given to members who booked early."),
    ("en", "Pupils who are ill get a full refund for the missed lesson."),
])
def test_standing_terms_and_ongoing_work_are_no_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize("text", [
    "I’m sending you a summary every Friday.",
    "I’m refunding the full price.",
    "We’re going to replace it on Monday.",
])
def test_a_typographic_apostrophe_commits_like_a_straight_one(text):
    assert promises(text, "en") and promises(text.replace("’", "'"), "en")


def test_a_letter_announcing_itself_with_a_typographic_apostrophe_is_no_promise():
    assert promises("I’m writing to explain what happened.", "en") == []
