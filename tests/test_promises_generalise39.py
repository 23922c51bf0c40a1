"""Round 39 (mail_blind72-75 as development sets): a thing of ours given over to the client for a
while, or an exception made for them, is a promise in their favour, like "you may keep it"."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Madrid")  # sent Wednesday 18 November 2026
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Den större stugan är er resten av veckan."),
    ("da", "Mødelokalet på første sal er jeres resten af ugen."),
    ("nb", "Den ekstra boden er deres til dere reiser."),
    ("ca", "L'habitació gran és vostra fins diumenge."),
    ("sk", "Väčšia chata je vaša až do odchodu."),
])
def test_a_thing_of_ours_given_over_for_a_while_is_a_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Tickets are not refunded after the interval, but an exception will be made this time."),
    ("nb", "Vi refunderer vanligvis ikke, men denne gangen gjøres det et unntak."),
    ("sv", "Vi återbetalar vanligtvis inte, men den här gången görs ett undantag."),
    ("ca", "Normalment no retornem l'import, però aquesta vegada es farà una excepció."),
    ("sk", "Peniaze za lístky nevraciame, ale tentoraz bude urobená výnimka."),
])
def test_an_exception_made_for_the_client_is_a_promise(language, text):
    assert len(promises(text, language)) == 1


def test_whose_choice_it_is_promises_nothing():
    assert promises("Valget er dit.", "da") == []
