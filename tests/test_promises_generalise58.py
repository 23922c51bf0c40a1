"""Round 58 (issue 13, classes from the false finds and misses of mail_blind144-147, measured on
the development sets): another body's or firm's own people, named by its genitive, act on their
own ("The venue's electrician will check the supply tomorrow" (a name's genitive, "Tom's team", may be ours), "Kommunens IT-afdeling skifter
routeren på mandag"), unless we speak in the clause, the genitive is a pronoun ("Hennes leder")
or the person is named after the role ("klinikkens sekretær Tina"). What the client may keep is given to them
("De felaktiga får ni behålla", "Tie poškodené si pokojne nechajte"), unless a condition before
it holds it back. Swedish "som regel" tells a routine. A Swedish s-passive may follow a thing
and its place ("Staketet mot parkeringen höjs före den 14 maj"), measured on all 155 sets after
mail_blind148-155 had their first runs."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")  # Wednesday 18 November 2026


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The venue's electrician will check the supply tomorrow morning."),
    ("en", "The brewery's broadband contractor will upgrade the line on Tuesday."),
    ("da", "Kommunens IT-afdeling skifter routeren i salen på mandag."),
    ("nb", "Teatrets vaktmester åpner lasterampen på fredag."),
    ("sv", "Leverantörens servicetekniker kommer på torsdag."),
])
def test_another_bodys_own_people_acting_on_a_date_are_no_promise_of_ours(language, text):
    assert AT.promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "due"), [
    ("en", "Biscuit's vet bill will be covered by us on Friday.", "2026-11-20"),
    ("en", "Tom's team will finish the roof on Friday.", "2026-11-20"),
    ("nb", "Kommunens elektriker og vi kobler om anlegget på torsdag.", "2026-11-19"),
    ("sv", "Montören vår kommer på torsdag.", "2026-11-19"),
    ("nb", "Hennes leder, Anne Lea, sender deg vedtaket på fredag.", "2026-11-20"),
    ("da", "Klinikkens sekretær Tina indberetter den på fredag.", "2026-11-20"),
])
def test_a_genitive_subject_stays_ours_when_we_speak_in_it_or_name_the_person(language, text, due):
    assert AT.due_days(text, language) == [due]


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "De felaktiga får ni behålla."),
    ("sv", "Du kan behålla den gamla som reserv."),
    ("nb", "Den gale kan du bare beholde."),
    ("nb", "Du beholder selvsagt plassen din på brygga."),
    ("da", "Den gamle må du gerne beholde."),
    ("sk", "Tie poškodené si pokojne nechajte."),
    ("sk", "Staré kľúče si môžete nechať."),
])
def test_what_the_client_may_keep_is_a_gift_of_ours(language, text):
    assert len(AT.promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Om originalet dyker upp får du gärna behålla det."),
    ("nb", "Hvis pallen dukker opp, kan dere godt beholde ekstraparene."),
    ("sk", "Ak chcete, môžete si červené nechať za polovičnú cenu."),
])
def test_keeping_it_only_if_something_happens_is_no_gift_yet(language, text):
    assert AT.promises(text, language) == []


def test_what_we_do_as_a_rule_is_a_routine():
    assert AT.promises("Vi skickar som regel ett sms dagen före besöket.", "sv") == []


@pytest.mark.parametrize(("text", "due"), [
    ("Staketet mot parkeringen höjs på torsdag.", "2026-11-19"),
    ("Gräset vid entrén klipps före fredag.", "2026-11-20"),
    ("Buskarna vid gångtunneln klipps ner på fredag.", "2026-11-20"),
])
def test_a_swedish_s_passive_after_a_thing_and_its_place_is_ours_with_a_date(text, due):
    assert AT.due_days(text, "sv") == [due]
