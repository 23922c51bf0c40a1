"""Failure classes found on a fourth blind mail set (issue 13, third round), each with its own sentences.

Every class is a construction (a passive with our side as agent, a negated charge, an offer
of the client's choice, a speech act about this mail…), tested with sentences written for
it in each language where it applies, none copied from the evaluation sets.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.promises import extract_promises

ZONE = "Europe/Oslo"
SENT = datetime(2026, 11, 18, 10, 15, tzinfo=ZoneInfo(ZONE))  # a Wednesday


def promises(text: str, language: str):
    return extract_promises(text, sent_at=SENT, timezone=ZONE, locale_hint=language)


def local_day(found) -> str | None:
    return None if found.due_at is None else found.due_at.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The scaffolding permit will be renewed by us."),
    ("nb", "Leiebilen betales fullt ut av oss."),
    ("da", "Depositummet tilbageføres naturligvis af os."),
    ("sv", "Hyran för släpvagnen betalas i sin helhet av oss."),
    ("sk", "Poplatok za parkovanie bude uhradený nami."),
    ("ca", "El lloguer de la furgoneta serà pagat per nosaltres."),
])
def test_a_passive_with_our_side_as_agent_is_our_promise(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The extra night at the hotel is at our expense."),
    ("nb", "Den ekstra natten på hotellet er for vår regning."),
    ("da", "Den ekstra nat på hotellet er på vores regning."),
    ("sv", "Den extra natten på hotellet står på vår bekostnad."),
    ("sk", "Nové tesnenie namontujeme na vlastné náklady."),
    ("ca", "La nit extra a l'hotel va a càrrec nostre."),
])
def test_a_cost_taken_on_our_side_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The second inspection won't be billed to you."),
    ("nb", "Den andre kontrollen blir selvfølgelig ikke fakturert."),
    ("da", "Det andet eftersyn bliver naturligvis ikke faktureret."),
    ("sv", "Den andra besiktningen kommer inte att bli debiterad."),
    ("sk", "Druhá kontrola Vám nebude účtovaná."),
    ("ca", "La segona revisió no us serà cobrada."),
])
def test_a_charge_we_waive_in_the_passive_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The training room will be booked by the council."),
    ("nb", "Kurslokalet betales av kommunen."),
    ("sv", "Lokalen betalas av kommunen."),
])
def test_a_passive_with_someone_else_as_agent_is_not_ours(language, text):
    assert promises(text, language) == []


def test_a_catalan_reflexive_passive_in_the_future_is_our_promise():
    (found,) = promises("Dijous se us enviarà el certificat corregit.", "ca")
    assert local_day(found) == "2026-11-19"


def test_a_catalan_result_passive_with_quedara_is_our_promise():
    assert len(promises("La comanda duplicada quedarà cancel·lada avui mateix.", "ca")) == 1


def test_a_slovak_passive_addressed_to_the_client_is_our_promise():
    (found,) = promises("Náhradný kľúč Vám bude odovzdaný v piatok.", "sk")
    assert local_day(found) == "2026-11-20"


def test_a_slovak_future_adjective_is_not_a_passive():
    assert promises("Objednávka bude platná po podpise zmluvy.", "sk") == []
