"""Round 37 (mail_blind64-67 as development sets): something of ours lent to the client is a
promise, as LABELLING.md settles "we can lend you"; the same words about anyone else's things stay
what they were."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")  # sent Wednesday 18 November 2026
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Until the part arrives you're welcome to borrow our spare dehumidifier."),
    ("en", "You can borrow one of our loan printers in the meantime."),
    ("da", "Indtil da kan I låne vores reservepumpe."),
    ("sv", "Ni kan låna en av våra lånecyklar tills reparationen är klar."),
    ("nb", "I mellomtiden kan dere gjerne låne tilhengeren vår."),
    ("ca", "Mentrestant podeu fer servir la nostra escala d'obra."),
    ("sk", "Zatiaľ si môžete požičať náš náhradný vysávač."),
])
def test_our_thing_lent_to_the_client_is_a_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You can borrow books from the town library on Saturdays."),
    ("da", "Du kan låne bøger på biblioteket om lørdagen."),
    ("sv", "Du kan låna böcker på stadsbiblioteket."),
    ("en", "You're welcome to use the car park while you wait."),
])
def test_borrowing_what_is_not_ours_promises_nothing(language, text):
    assert promises(text, language) == []
