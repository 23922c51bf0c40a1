"""Failure classes found on the eighth blind mail set (issue 13, eighth round), each with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")
promises, local_day = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "The fitter will be back within approx. five days with a new sensor.", "2026-11-23"),
    ("da", "Montøren kommer igen om ca. fem dage med en ny sensor.", "2026-11-23"),
    ("nb", "Montøren kommer tilbake om ca. fem dager med en ny sensor.", "2026-11-23"),
    ("sv", "Montören kommer tillbaka om ungefär fem dagar med en ny sensor.", "2026-11-23"),
    ("sk", "Technik príde znova približne o päť dní s novým snímačom.", None),
    ("ca", "El tècnic tornarà d'aquí a uns cinc dies amb un sensor nou.", "2026-11-23"),
])
def test_an_approximate_number_of_days_is_still_a_due_date(language, text, day):
    (found,) = promises(text, language)
    if day is not None:
        assert local_day(found) == day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "The revised drawings will follow by Fri. 20 November.", "2026-11-20"),
    ("da", "Den er klar til afhentning fre. efter kl. 14.", "2026-11-20"),
    ("nb", "Den er klar til henting fre. etter klokka 14.", "2026-11-20"),
    ("sv", "Den är klar att hämta fre. efter klockan 14.", "2026-11-20"),
    ("ca", "Estarà a punt dv. a partir de les 12 h.", "2026-11-20"),
])
def test_an_abbreviated_weekday_is_a_due_day(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Chris will move your site to the new server himself."),
    ("ca", "En Dani revisarà ell mateix totes les reserves d'octubre."),
])
def test_someone_of_ours_doing_it_personally_commits_without_a_date(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Forsikringsselskabets taksator kontakter jer selv."),
    ("sv", "Vårdcentralen bekräftar själv tiden med ett sms."),
])
def test_an_outside_party_doing_it_itself_is_not_our_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "No scaffold hire will be charged for the extra weeks."),
    ("da", "Overtræksrenten for september bliver frafaldet."),
    ("nb", "Medlemskontingentet for september blir redusert med en tredjedel."),
    ("sv", "Hyran för september sätts ned med en fjärdedel."),
    ("sv", "Du får tillbaka avgiften för den inställda tiden."),
    ("sk", "Poplatok za výťah za september bude odpustený."),
    ("ca", "La coca de dissabte no te la cobrem."),
    ("ca", "T'arreglo el color sense cobrar-te res."),
])
def test_a_charge_waived_or_cut_whatever_it_is_called_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


def test_a_fee_cut_whenever_a_rule_applies_is_a_standing_term():
    assert promises("Avgiften sätts ned när handläggningen tar längre än tio veckor.", "sv") == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Det lover jeg jer: ingen ekstra salær for den ekstra tid."),
    ("nb", "Det lover jeg deg: gebyret havner ikke på fakturaen din."),
    ("sv", "Det jag kan lova är detta: stenen står på plats på fredag."),
    ("sk", "Na ospravedlnenie: november Vám nebudeme fakturovať."),
])
def test_a_promise_announced_before_a_colon_binds_what_follows(language, text):
    assert len(promises(text, language)) >= 1


def test_an_action_of_ours_in_the_present_progressive_is_a_commitment():
    assert len(promises("I'm refunding the full price of the cake.", "en")) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi har behandlet alle hundegårdene i dag."),
    ("nb", "Vi har allerede satt ham opp på leiren 11. desember."),
    ("sv", "Tidningen har redan bekräftat att annonsen går in på söndag."),
    ("nb", "Det kan hende vi finner en vikar allerede neste uke."),
    ("da", "Vores underviser Louise er på sygeorlov i to uger."),
    ("sk", "Radi Vás pri ďalšej rezervácii pozveme na kávu."),
    ("sv", "Vi bjuder gärna på fika vid nästa bokning."),
    ("en", "You'll have the right size as soon as we scan the return."),
])
def test_reports_maybes_absences_offers_and_waits_on_the_client_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_danish_have_with_a_deadline_is_still_a_promise():
    (found,) = promises("Vi har systemet oppe igen om to timer.", "da")
    assert found.due_at is not None
