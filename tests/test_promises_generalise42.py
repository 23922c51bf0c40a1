"""Round 42 (issue 13): what the client may use or borrow of ours until something is fixed is a
promise, as LABELLING.md settles ("we can lend you X in the meantime"), even worded as a choice
("Indtil da kan du låne …", "Dovtedy môžete používať …") and without "our"; the time marker says
it is this case's stopgap, not a standing service. A condition still holds it back. The rule
files keep these in one place, [cues] lending, which also overrules an offer reading."""

from __future__ import annotations

import pytest

from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Oslo")  # sent Wednesday 18 November 2026
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Until then you can use the spare room on the ground floor."),
    ("en", "In the meantime you can borrow a heater from us."),
    ("da", "Indtil da kan du låne en ekstra bod i kælderen."),
    ("da", "I mellemtiden må du gerne bruge vaskeriet i opgang B."),
    ("sv", "Tills dess kan du använda det tomma förrådet på vinden."),
    ("sv", "Under tiden får ni låna en avfuktare av oss."),
    ("nb", "Inntil da kan du låne en ekstra bod i kjelleren."),
    ("nb", "I mellomtiden kan dere bruke gjesteleiligheten i første etasje."),
    ("ca", "Fins aleshores podeu fer servir el traster buit del primer pis."),
    ("ca", "Mentrestant pots fer servir la furgoneta de cortesia."),
    ("sk", "Dovtedy môžete používať prázdnu pivnicu na prízemí."),
    ("sk", "Medzitým si môžete požičať ventilátor od nás."),
])
def test_what_the_client_may_use_of_ours_meanwhile_is_an_undated_promise(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If you need one in the meantime, you can borrow a heater from us."),
    ("da", "Hvis du vil, kan du låne en affugter i mellemtiden."),
    ("sv", "Om du vill kan du låna en avfuktare under tiden."),
    ("nb", "Hvis dere ønsker det, kan dere låne en avfukter i mellomtiden."),
    ("ca", "Si ho necessiteu, mentrestant podeu fer servir la furgoneta de cortesia."),
    ("sk", "Ak potrebujete, medzitým si môžete požičať ventilátor."),
])
def test_a_loan_under_a_condition_stays_a_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We can lend you our own van in the meantime."),
    ("da", "Vi kan låne jer vores egen trailer imens."),
    ("sv", "Under tiden kan vi låna ut vår egen bil."),
    ("nb", "Vi kan låne dere en varebil i mellomtiden."),
    ("ca", "Mentrestant et podem deixar la nostra furgoneta."),
    ("sk", "Medzitým vám môžeme požičať naše auto."),
])
def test_what_we_can_lend_the_client_meanwhile_is_a_promise(language, text):
    (found,) = promises(text, language)
    assert found.due_at is None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If you like, we can lend you a van."),
    ("da", "Hvis du vil, kan vi låne dig en trailer."),
    ("sv", "Om ni vill kan vi låna ut en bil."),
])
def test_a_loan_offered_under_a_condition_stays_a_condition(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "In the meantime you can borrow a heater from your landlord."),
    ("da", "Indtil da kan du låne en bil hos Europcar."),
    ("da", "Indtil da kan du bruge din egen bil."),
    ("sv", "Tills dess kan du använda din egen bil."),
    ("nb", "Inntil da kan du låne en bil hos Avis."),
    ("ca", "Mentrestant pots fer servir el teu cotxe."),
    ("sk", "Dovtedy môžete používať svoje auto."),
])
def test_using_the_clients_own_things_or_someone_elses_meanwhile_lends_nothing(language, text):
    assert not _any(rules_for(language).lending, text)


def test_as_long_as_before_a_clause_is_no_loan():
    assert not _any(rules_for("nb").lending, "Dere kan bruke garasjen så lenge dere betaler leie.")


def _any(patterns, text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def test_our_own_things_lent_are_still_a_loan():
    assert _any(rules_for("da").lending, "Indtil da kan I låne en af mine egne sadler til holdene.")
