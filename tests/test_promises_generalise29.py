"""Failure classes of round 29 (mail_blind40 and 41 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises.reading import THIRD_PARTY, read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Copenhagen")  # sent Wednesday 18 November 2026
promises, due_days = AT.promises, AT.due_days


def actor(text: str, language: str) -> str:
    """Who the rules read as acting, whatever the learned reader would add."""
    return read(text, rules_for(language), None).actor


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "t'he passat a dimecres a les 10 i el tractament te'l regalo aquesta vegada"),
])
def test_a_gift_after_a_rescheduling_already_done_has_no_day(language, text):
    assert due_days(text, language) == [None]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We usually collect on Mondays and you won't be charged for collection."),
    ("da", "Vi plejer at komme om mandagen og det koster ikke noget."),
])
def test_a_gift_after_a_habit_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll be there between 8 and 10 tomorrow."),
    ("nb", "jeg er på plass onsdag kl 7 og gjør ferdig rekkverket"),
])
def test_numbers_joined_by_and_stay_one_clause(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sv", "grossisten lovar beredaren till onsdag så jag installerar den torsdag förmiddag.", "2026-11-19"),
    ("da", "grossisten siger den kommer onsdag så jeg monterer den torsdag formiddag.", "2026-11-19"),
])
def test_so_before_our_own_commitment_starts_a_clause(language, text, day):
    assert due_days(text, language)[-1:] == [day]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vores tekniker er syg, så jeg svarer for ham."),
    ("sv", "Jag ringde dig i fredags men nådde dig inte, så jag skriver i stället."),
    ("nb", "Leverandøren sa vi får delen på fredag."),
])
def test_so_after_a_comma_joins_what_depends_on_it(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Fuktteknikern från TorrTeknik gör en ny mätning på onsdag."),
    ("da", "TørreTeam henter affugterne i morgen."),
    ("nb", "Taktekkeren fra Tett Tak AS legger ny membran på fredag."),
    ("nb", "Rørleggeren fra VVS-Partner Nord monterer en ny bereder onsdag formiddag."),
    ("da", "Låsesmeden fra Vagns Lås omkoder hele systemet på torsdag."),
    ("en", "Engineers from Otis will replace the controller board on 24 November."),
    ("en", "Their crew will return to empty the blue bins on Saturday."),
    ("en", "The freeholder's surveyor will inspect the roof on 7 December."),
    ("en", "The garage promises the phone will be ready on Thursday."),
    ("sv", "Verkstaden lovar att telefonen är klar på torsdag."),
    ("sv", "Vår underentreprenör, Mälardalens Åkeri, kör ut den på torsdag förmiddag."),
    ("nb", "Kommunens elektriker kobler om anlegget torsdag."),
    ("ca", "El tècnic de Telecom Vallès vindrà dilluns a canviar la placa."),
    ("ca", "La constructora reprendrà els treballs dilluns."),
    ("sk", "Technik dodávateľa príde v piatok vymeniť motor."),
    ("sk", "Náš zmluvný dopravca ho doručí vo štvrtok dopoludnia."),
    ("da", "Brandt & Holm sender beregningerne inden fredag."),
    ("sv", "Bygg AB levererar materialet på fredag."),
])
def test_another_business_by_its_name_or_its_role_acts_on_its_own(language, text):
    assert actor(text, language) == THIRD_PARTY
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our technician from Leeds will come on Friday."),
    ("en", "Tom's team will finish the roof on Friday."),
    ("en", "A heating engineer from Estates will be with you this afternoon."),
    ("en", "Nina from Accounts will call you on Friday."),
    ("en", "Our contractor will be with you tomorrow between 1 and 3pm."),
    ("da", "Vores tekniker Mads kigger forbi torsdag kl. 9."),
    ("da", "Annas kollega ringer til dig i morgen."),
    ("da", "Fysioterapeut Anders Riis ser dig på torsdag kl. 8.15."),
    ("da", "Storskraldet fra Kirsebærvej henter vi på lørdag formiddag."),
    ("nb", "Gebyret fra Vegvesenet betaler vi."),
    ("sv", "En tekniker från Lund, Hampus, kommer ut på fredag."),
    ("sv", "Poleringen hos Lackcenter betalas av oss."),
    ("ca", "L'empresa us enviarà la factura nova demà."),
    ("sv", "Vi lovar att telefonen är klar på torsdag."),
    ("en", "I can promise – a matching button will be sewn on by Thursday."),
    ("sk", "Náš technik z Bratislavy príde v piatok."),
    ("sk", "Technik z našej firmy príde v piatok."),
    ("ca", "El nostre tècnic de Girona vindrà divendres."),
    ("da", "Konsulenten fra Kundeservice ringer dig i morgen."),
    ("sv", "Teknikern från Kundtjänst ringer dig i morgon."),
    ("en", "The engineer from Tuesday will come back on Friday."),
    ("da", "Vores rådgiver ringer dig i morgen."),
    ("sv", "Vår konsult kommer på fredag."),
    ("ca", "El nostre col·laborador Jordi et trucarà demà."),
    ("da", "Firmaets montører kommer på fredag."),
    ("en", "The manager's team will finish the roof on Friday."),
    ("sv", "Vi på Bygg AB skickar fakturan på fredag."),
    ("ca", "L'empresa assumirà el cost de la reparació."),
    ("en", "Ian McDonald will call you on Friday."),
    ("en", "Your MacBook will be repaired by Friday."),
    ("en", "Tom & I will come round on Friday."),
    ("da", "Men jeg lover at ringe til dig på fredag."),
    ("sv", "Och vi lovar att leverera senast fredag."),
    ("en", "Our installer promises it will be done by Friday."),
    ("da", "Vi maler hos Hansens fra mandag."),
    ("da", "Jeg sender tilbuddet til dig og elektrikeren fra Jensen efter mødet i morgen."),
])
def test_our_own_people_and_what_we_pay_for_stay_ours(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text", "days"), [
    ("en", "ill be back thurs 8am to finish the panels and the extra trip wont cost you anything.",
     ["2026-11-19", None]),
    ("da", "vi kommer med maden på lørdag og dem betaler i selvfølgelig ikke for.", ["2026-11-21", None]),
])
def test_a_gift_beside_a_commitment_is_a_promise_of_its_own_without_its_day(language, text, days):
    assert due_days(text, language) == days


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sv", "Vi kommer tillbaka på söndag och gör om det kostnadsfritt.", "2026-11-22"),
    ("da", "Vores montør kommer torsdag og samler reolen uden beregning.", "2026-11-19"),
    ("en", "Sam will come on Friday between 8 and 10 and the service is on us this year.", "2026-11-20"),
])
def test_what_the_same_subject_does_free_of_charge_keeps_its_day(language, text, day):
    assert due_days(text, language)[0] == day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sk", "Technik príde v piatok o 8 a dvierka vymení zadarmo.", "2026-11-20"),
    ("nb", "Vi kommer fredag kl. 8 og gjør det om uten kostnad.", "2026-11-20"),
    ("da", "Vi kommer torsdag kl. 8 og reolen samler vi uden beregning.", "2026-11-19"),
    ("en", "I'll fit the sink on Friday at 8 and the new tap free of charge this time.", "2026-11-20"),
])
def test_what_is_done_free_at_the_same_visit_keeps_the_visits_day(language, text, day):
    assert due_days(text, language) == [day]


def test_a_gift_after_a_time_of_a_rescheduling_already_done_has_no_day():
    assert due_days("jeg har flyttet dig til onsdag kl 10 og lakken er gratis denne gang", "da") == [None]


@pytest.mark.parametrize("text", [
    "Cancelling before Friday doesn't cost you anything.",
    "It doesn't cost you anything to ask.",
])
def test_what_costs_nothing_in_general_is_no_gift(text):
    assert promises(text, "en") == []
