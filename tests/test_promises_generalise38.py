"""Round 38 (mail_blind68-71 as development sets): a kind of thing free for a kind of people, or
free because the warranty covers it, is a standing term, not a gift to this client."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")  # sent Wednesday 18 November 2026
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Planning searches are free of charge."),
    ("da", "Kopier af tegninger er gratis for medlemmer."),
    ("nb", "Skoletannhelsen er gratis, inntil eleven fyller 18 år."),
    ("sv", "Läxhjälpen är gratis men kräver anmälan."),
    ("sv", "Pumpen har tre års garanti, så det kostar dig ingenting."),
    ("ca", "El carnet és gratuït per als socis menors de 25 anys."),
    ("sk", "Kópie pre členov sú bezplatné."),
])
def test_what_is_free_for_a_kind_of_people_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The replacement parts are free."),
    ("da", "Reparationen er gratis for dig."),
    ("nb", "Leien av salen er gratis for hele gruppen."),
    ("sv", "Nästa lektion är gratis för dig."),
])
def test_what_is_free_for_this_client_stays_a_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We will send the invoice tomorrow. You will get the report the same day as it is finished."),
    ("nb", "Vi sender fakturaen i morgen. Dere får hele rapporten samme dag som den er ferdig."),
    ("sv", "Vi skickar fakturan i morgon. Ni får hela rapporten samma dag som den är klar."),
    ("sk", "Faktúru pošleme zajtra. Ozvem sa vám v ten istý deň, keď výpis príde."),
])
def test_the_same_day_as_an_event_is_not_the_day_named_before(language, text):
    assert AT.due_days(text, language) == ["2026-11-19", None]
