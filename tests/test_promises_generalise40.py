"""Round 40 (issue 13): what we do once something arrives from outside the client's hands is
an undated promise (LABELLING.md, settled after mail_blind54-57: "as soon as it lands"); what
waits on the client's own act stays a condition. The rule files used to count every arrival
as a condition ('Når originalen kommer, sender jeg den'), against the sets' labels."""

from __future__ import annotations

import pytest

from followup.promises.reading import read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We'll refit the handle as soon as it arrives."),
    ("en", "I'll post the spare key to you once the new blank arrives."),
    ("da", "Vi monterer den nye pumpe, så snart den er kommet."),
    ("da", "Når reservedelen kommer, skifter vi den med det samme."),
    ("nb", "Når den nye motoren kommer, bytter vi den med en gang."),
    ("nb", "Vi sender deg kortet så snart det har kommet fra trykkeriet."),
    ("sv", "När reservdelen kommer byter vi den samma dag."),
    ("sv", "Vi skickar kortet så fort det har kommit från tryckeriet."),
    ("ca", "Li canviarem la peça tan bon punt arribi."),
    ("ca", "Quan ens arribin les fitxes noves, les enviarem a l'escola."),
    ("sk", "Keď príde nový motor, hneď ho vymeníme."),
    ("sk", "Náhradný kľúč vám pošleme, hneď ako príde."),
])
def test_what_we_do_once_something_arrives_is_an_undated_promise(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Once your payment arrives, we'll dispatch the order."),
    ("da", "Når I har sendt os kvitteringen, betaler vi beløbet."),
    ("nb", "Når du har signert avtalen, sender vi den til banken."),
    ("sv", "När ni har skickat in blanketten bokar vi en tid."),
    ("ca", "Quan ens ho confirmeu, us enviarem la factura."),
    ("sk", "Keď nám pošlete faktúru, uhradíme ju."),
])
def test_what_waits_on_the_clients_own_act_stays_a_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Når din indbetaling kommer, sender vi varen."),
    ("nb", "Når innbetalingen din kommer, sender vi varen."),
    ("sv", "När din betalning kommer skickar vi varan."),
    ("ca", "Tan bon punt ens arribi la vostra transferència, us enviarem el paquet."),
    ("sk", "Keď príde vaša platba, odošleme tovar."),
])
def test_what_the_client_sends_arriving_is_their_act_a_condition(language, text):
    sentence = text.split(",")[0] if language != "sv" else text
    assert read(sentence, rules_for(language)).modality == "condition"
