"""Failure classes found on the tenth blind mail set (issue 13, tenth round), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You'll have next month's hosting free."),
    ("en", "Your next two lessons will be free."),
    ("en", "The hire cost for the extra weeks is ours, not yours."),
    ("nb", "Dere får to fribilletter i posten."),
    ("nb", "De lange støvlene kan Emma beholde."),
    ("nb", "Lisensen for februar blir ikke fakturert."),
    ("da", "Du får en uges abonnement krediteret."),
    ("da", "Den gamle nøgle må I gerne beholde."),
    ("sv", "Värmefläkten får ni låna så länge det behövs."),
    ("sv", "Veckans låda bjuds du på."),
    ("ca", "Tindràs una sessió extra de regal."),
    ("ca", "Les garrafes velles se les pot quedar."),
    ("ca", "La quota de gener us serà abonada."),
    ("sk", "Dostanete poukaz na víkendový pobyt zdarma."),
    ("sk", "Za nové fotky nič nezaplatíte."),
])
def test_a_gift_received_kept_or_credited_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


def test_owning_a_mistake_is_not_a_gift():
    assert promises("The mistake is ours, not yours.", "en") == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Eiendomsskatten vil bli beregnet på nytt."),
    ("da", "Ejendomsskatten vil blive beregnet på ny."),
])
def test_a_future_passive_with_any_verb_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Just reply to this email with your choice and we'll do the rest."),
    ("sv", "Mejla en bild på kvittot så löser vi resten."),
    ("sv", "Vår städgaranti gäller i sju dagar efter städningen."),
    ("sv", "Liftkort kan annars inte återbetalas efter aktivering."),
    ("sv", "Enligt plan- och bygglagen ska beslut fattas inom tio veckor."),
    ("sv", "Din betalning bokfördes på fel konto."),
    ("sv", "Jag fattar att det blev fel stämning på kalaset."),
    ("sk", "Účty pre dôchodcov sú podľa cenníka bez poplatku."),
    ("sk", "Potvrdenia vydávame v úradných hodinách."),
    ("nb", "Lånekassen krever at dokumentasjonen kommer innen tre uker."),
    ("nb", "Ved innstillinger på grunn av vær dekker vi ikke hotell."),
    ("ca", "L'empresa instal·ladora ens diu que la placa arribarà la setmana que ve."),
    ("ca", "També els oferim una visita gratuïta durant el trimestre."),
    ("ca", "Sentim l'anul·lació del curs de dijous."),
    ("da", "Vi forventer, at passet kommer i løbet af næste uge."),
    ("da", "Hotellet har selv tilbudt en gratis middag som kompensation."),
])
def test_waits_on_the_client_terms_reports_and_outside_parties_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_bullet_item_without_a_full_stop_ends_before_an_unindented_capital_line():
    from followup.promises import split_sentences

    text = "Hva vi gjør:\n- vi sender en status hver mandag\n- lisensen blir ikke fakturert\nVil dere ha mer, si fra.\n"
    assert [text[a:b] for a, b in split_sentences(text)][-2:] == [
        "lisensen blir ikke fakturert", "Vil dere ha mer, si fra."]


def test_an_indented_wrapped_bullet_line_stays_in_its_item():
    from followup.promises import split_sentences

    text = "- Vi sender fakturaen til\n  Oslo kommune på fredag\n"
    assert [text[a:b] for a, b in split_sentences(text)] == ["Vi sender fakturaen til\n  Oslo kommune på fredag"]


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Der bliver ikke taget kørselsgebyr for turen."),
    ("sv", "Ditt kort förlängs med fyra dagar."),
    ("ca", "La denúncia de zona blava quedarà anul·lada."),
    ("sk", "Nové vstupenky budú rozdané v triedach."),
])
def test_a_charge_dropped_a_term_extended_or_a_fine_cancelled_is_our_promise(language, text):
    assert len(promises(text, language)) == 1
