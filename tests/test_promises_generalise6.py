"""Failure classes found on the sixth blind mail set (issue 13, sixth round), each with its own sentences.

mail_blind6 was run once (bench/README.md) and is a development set since; every class here is
a construction tested with sentences written for it, none copied from the evaluation sets.
"""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")
promises, local_day = AT.promises, AT.local_day


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our site manager, Priya, will call you on Friday."),
    ("nb", "Montøren vår, Kjetil, kommer på fredag."),
    ("da", "Vores montør, Kasper, kommer på fredag."),
    ("sv", "Vår montör, Jonas, kommer på fredag."),
    ("sk", "Náš montér, pán Kollár, príde v piatok."),
    ("ca", "El nostre instal·lador, en Jordi, vindrà divendres."),
])
def test_someone_of_ours_named_in_apposition_after_the_role_commits(language, text):
    (found,) = promises(text, language)
    assert local_day(found) == "2026-11-20"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The two extra lessons are on the house."),
    ("en", "This month's storage fees are waived."),
    ("ca", "La neteja te la regalem."),
    ("ca", "El transport no us costarà res."),
    ("da", "Du beholder lånecyklen som reserve."),
    ("nb", "Du slipper å betale for reparasjonen."),
    ("nb", "Kaffen spanderer vi."),
    ("sv", "Lånecykeln får du behålla."),
    ("sk", "Za opravu od Vás nebudeme pýtať ani jedno euro."),
    ("sk", "Čistenie máte tentoraz od nás zadarmo."),
])
def test_a_gift_in_its_own_words_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sv", "Båten sjösätts senast den 25 november.", "2026-11-25"),
    ("sv", "Mätarbytet görs torsdagen den 19 november.", "2026-11-19"),
    ("nb", "Båten settes på vannet senest 25. november.", "2026-11-25"),
    ("da", "Båden søsættes senest den 25. november.", "2026-11-25"),
])
def test_a_definite_thing_handled_in_the_s_passive_by_a_date_is_our_promise(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Papir hentes hver fjerde uke på tirsdager."),
    ("nb", "Vannmålere byttes hvert tiende år."),
    ("nb", "Innkalling skal sendes ut minst to uker før årsmøtet."),
    ("sv", "Vi ger fem års garanti på allt vi bygger."),
])
def test_a_standing_rule_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vores elektriker havde ikke den rigtige tilladelse med på fredag."),
    ("nb", "Rørleggeren vår hadde fått feil adresse på fredag."),
    ("sv", "Vår elektriker hade fel adress med sig på fredag."),
    ("nb", "Renholderen vår har vært sykmeldt i tre uker."),
    ("sk", "Je mi ľúto, že naši pracovníci v piatok poškodili Vašu komodu."),
    ("sk", "Uznávame, že oprava mala byť hotová už v piatok."),
])
def test_what_had_happened_or_is_regretted_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("sk", "Nový parapet Vám osadíme budúci týždeň v utorok.", "2026-11-24"),
    ("en", "We'll rebuild the wall within a fortnight.", "2026-12-02"),
    ("en", "A new permit we'll send you within a week.", "2026-11-25"),
])
def test_due_dates_of_this_round(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


def test_an_inverted_future_with_a_colleague_and_a_cadence_is_our_promise():
    (found,) = promises("Varje onsdag framöver kommer vår arbetsledare att kontrollera städningen.", "sv")
    assert found.cadence is not None


def test_windows_in_lower_case_are_glass_not_the_operating_system():
    (found,) = promises("We'll clean your windows every Thursday.", "en")
    assert found.cadence is not None


def test_every_fortnight_is_a_cadence_of_two_weeks():
    from followup.promises import parse_cadence

    cadence = parse_cadence("We'll report every fortnight.", ["en"])
    assert (cadence.every, cadence.unit) == (2, "week")


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Kursavgiften reduseres med en tredjedel."),
    ("nb", "Dere får hele depositumet tilbake."),
    ("da", "Ekspeditionsgebyret bliver droppet."),
    ("da", "I får hele depositummet tilbage."),
    ("sv", "Expeditionsavgiften stryks."),
    ("sv", "Ni får hela depositionen tillbaka."),
    ("sk", "Poškodený stôl bude od Vás odvezený zdarma."),
])
def test_a_charge_of_ours_cut_dropped_or_handed_back_is_our_promise(language, text):
    assert len(promises(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vår tannlege, Eirik, er på kongress denne uka."),
    ("nb", "Renholderen vår har vært sykmeldt siden mandag."),
    ("da", "Vores tandlæge, Mette, er på kursus i denne uge."),
    ("sv", "Vår tandläkare, Lisa, är på kongress den här veckan."),
    ("sk", "Je mi ľúto, že sa vám v piatok nikto neozval."),
    ("sk", "Jeden z našich technikov musel v piatok odísť k havárii."),
    ("nb", "Vi vurderer å ansette en ekstra montør til våren."),
    ("sv", "Vi överväger att öppna på lördagar från mars."),
    ("sv", "Vi ger fem års garanti på allt snickeri."),
])
def test_absence_regret_plans_under_consideration_and_terms_are_not_promises(language, text):
    assert promises(text, language) == []


def test_a_slovak_closing_with_a_name_and_a_town_is_not_a_promise():
    assert promises("Zdravím Peter Kováč Autoservis Kováč, Dunajská Streda", "sk") == []


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", "We'll relay the patio on Friday if it doesn't rain.", "2026-11-20"),
    ("ca", "Divendres hi enviarem el paleta, si no plou.", "2026-11-20"),
    ("sk", "Strechu Vám opravíme v piatok, ak nebude pršať.", "2026-11-20"),
    ("nb", "Vi legger taket på fredag hvis det ikke regner.", "2026-11-20"),
    ("da", "Vi lægger taget på fredag, hvis det ikke regner.", "2026-11-20"),
    ("sv", "Vi lägger taket på fredag om det inte regnar.", "2026-11-20"),
])
def test_rain_is_a_proviso_not_a_condition_on_the_client(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


@pytest.mark.parametrize(("language", "text", "day"), [
    ("nb", "Jeg er selv hos deg i morgen klokka sju.", "2026-11-19"),
    ("sv", "Jag är själv hos dig i morgon klockan sju.", "2026-11-19"),
    ("nb", "Du er tilkoblet igjen innen fredag.", "2026-11-20"),
    ("da", "Du er tilsluttet igen inden fredag.", "2026-11-20"),
    ("sv", "Du är inkopplad igen senast fredag.", "2026-11-20"),
    ("sk", "Chýbajúce zošity budú ešte dnes odoslané kuriérom.", "2026-11-18"),
])
def test_our_visit_or_the_clients_state_by_a_date_is_our_promise(language, text, day):
    (found,) = promises(text, language)
    assert local_day(found) == day


def test_a_catalan_invitation_of_ours_is_a_gift():
    assert len(promises("Us convido personalment a un sopar per a dos.", "ca")) == 1


def test_a_slovak_past_inside_a_relative_clause_leaves_the_passive_standing():
    assert len(promises("Cena taxíka, ktorý ste si museli objednať, Vám bude preplatená.", "sk")) == 1
