"""Round 43 (issue 13, mail_blind80-83 as development sets): in Danish, Norwegian and Swedish a
clause that opens with its verb before a comma is a condition ("Kan I ikke komme i juni,
refunderer vi …"): typed in lower case too, with the client's people or a named person as its
subject ("Kan jeres hold ikke komme …", "Lämnar Alva tillbaka cellon …"), and whoever the main
clause then names (a refund for "I", "ni", "du" as well as "vi")."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "kan I ikke nå det i marts, refunderer vi depositummet."),
    ("da", "Kan jeres klub ikke stille med et hold, får I gebyret retur."),
    ("da", "Melder Jonas sig til efterårsholdet, får I rabatten automatisk."),
    ("nb", "kan dere ikke komme i mars, betaler vi tilbake depositumet."),
    ("nb", "Kan laget deres ikke stille på den nye datoen, får dere avgiften tilbake."),
    ("sv", "kan ni inte komma i mars, betalar vi tillbaka depositionen."),
    ("sv", "Lämnar Ebba tillbaka fiolen före den 1 april, slipper ni vårens avgift."),
    ("sv", "Kan ert lag inte ställa upp på det nya datumet får ni tillbaka avgiften."),
])
def test_a_verb_first_clause_before_a_comma_is_a_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "I morgen ringer jeg til dig, og vi aftaler en ny dato."),
    ("nb", "Senere i dag ringer jeg deg, og vi finner en ny dato."),
    ("sv", "I morgon ringer jag dig, och vi bokar en ny tid."),
])
def test_a_commitment_opening_with_its_day_is_no_condition(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Sender fakturaen i dag, så får du den i morgen."),
    ("da", "Ringer Dem i morgen, så aftaler vi nærmere."),
    ("da", "Kommer i morgen kl. 8 og skifter pumpen, så kan du bruge den igen."),
    ("da", "Kommer Fredag og skifter pumpen, så kan du bruge den igen."),
    ("sv", "Skickar Erik i morgon så kan ni prata med honom."),
])
def test_a_phone_typed_commitment_opening_with_its_verb_stays_ours(language, text):
    assert promises(text, language)
