"""Failure classes found on the seventh blind mail set (issue 13, seventh round), each with its own sentences.

mail_blind7 was run once (bench/README.md) and is a development set since.
"""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "There's no need to send the old charger back."),
    ("en", "Maya can keep the loan bike as a spare."),
    ("da", "Du betaler ikke for den ekstra time."),
    ("da", "Kaffen ved næste møde er på huset."),
    ("da", "Du må gerne beholde lånecyklen."),
    ("nb", "Den ekstra timen betaler du ikke for."),
    ("nb", "Lånesykkelen kan du bare beholde."),
    ("nb", "Dere får vinduene pusset gratis."),
    ("sv", "Du får en hjulinställning på köpet."),
    ("sv", "Lånecykeln kan du gärna behålla."),
    ("ca", "Aquesta sessió no te la descomptem del bo."),
    ("ca", "Les mostres te les pots quedar."),
    ("sk", "Za dopravu Vám nič účtovať nebudeme."),
    ("sk", "Starý nabíjač nám nemusíte posielať späť."),
    ("sk", "Kontrola bude tentoraz bezplatná."),
    ("sk", "Náhradný bicykel si môžete nechať."),
])
def test_what_the_client_need_not_pay_or_return_and_may_keep_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You can keep track of the order on our website."),
    ("da", "Du kan beholde dit nuværende abonnement eller skifte."),
])
def test_keeping_track_or_a_choice_to_keep_is_no_gift(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("nb", "Vaktmester Ole Kristian reparerer porten på fredag.", "2026-11-20"),
    ("sv", "Din nya handläggare Sofie Ahl fattar beslut senast fredag.", "2026-11-20"),
    ("nb", "Din nye saksbehandler Eirik Moe ringer deg på fredag.", "2026-11-20"),
])
def test_a_role_then_a_full_name_acting_by_a_date_is_our_promise(language, text, day):
    (found,) = promises(text, language)
    assert AT.local_day(found) == day


def test_a_short_swedish_verb_before_vi_is_a_commitment():
    assert len(promises("Flisen kör vi bort samtidigt.", "sv")) == 1


@pytest.mark.parametrize("text", [
    "The parking fee on your first visit will also be refunded.",
    "Your rent for those days will be reduced accordingly.",
    "The grout will be resealed on Friday.",
])
def test_more_english_passives_with_us_as_the_agent_are_our_promise(text):
    assert len(promises(text, "en")) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi regner med, at det tager en times tid."),
    ("da", "Vi vil se på, om vi kan finde en anden løsning."),
    ("da", "Du skrev, at du er på ferie i uge 27."),
    ("da", "Vores måler skrev 1120 i stedet for 1210 på fredag."),
    ("da", "Det er ikke den velkomst, vi ønsker at give vores gæster."),
    ("sv", "Det är inte så vi vill att våra gäster ska mötas."),
    ("ca", "Sento moltíssim que dijous no et poguéssim atendre."),
    ("ca", "Perdona que dimarts no et pugués arreglar l'escalfador."),
    ("sk", "Keď doložíte technický preukaz, kartu Vám vydáme."),
    ("sk", "Všetky naše sťahovania sú kryté poistením."),
    ("sk", "Objednávky tort prijímame najneskôr tri dni vopred."),
])
def test_estimates_reported_words_evaluations_sorrow_conditions_and_terms_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("ca", "Divendres passo per casa teva amb la peça bona.", "2026-11-20"),
    ("sk", "V piatok ráno som u Vás aj s novým kotlom.", "2026-11-20"),
    ("sk", "Kľúč Vám 20. novembra nechám v schránke.", "2026-11-20"),
    ("sk", "Výťah bude opäť v prevádzke od piatku.", "2026-11-20"),
])
def test_first_person_presents_and_a_thing_back_in_service_by_a_date_are_our_promise(language, text, day):
    (found,) = promises(text, language)
    assert AT.local_day(found) == day


def test_money_handed_back_with_an_amount_is_our_promise():
    assert len(promises("I får 1.500 kr. tilbage for jeres ophold.", "da")) == 1
