"""A standing routine told in the present is how things run, not a commitment to this client
(issue 13, round 21: mail_blind22's present-tense routines), each class with its own sentences."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Oslo")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi tømmer containerne hver torsdag."),
    ("da", "Vi opkræver husleje fire gange om året."),
    ("da", "Vi lufter hundene om søndagen."),
    ("da", "Værkstedet slibeskøjter tirsdag og fredag."),
    ("nb", "Vi tømmer søppelkassene hver mandag."),
    ("nb", "Vi kjører til Drammen onsdag og fredag."),
    ("nb", "Vi måker taket to ganger i året."),
    ("nb", "Vakta vår svarer hele døgnet."),
    ("sv", "Vi tvättar fönstren varannan månad."),
    ("sv", "Vi levererar till Borås på tisdagar."),
    ("sv", "Simskolan tränar måndag och onsdag kl. 18."),
    ("sv", "Vi servar alla pannor en gång om året."),
    ("ca", "Reguem els jardins cada dimarts."),
    ("ca", "Repartim el pa els dissabtes."),
    ("sk", "Smeti odvážame každý utorok."),
    ("sk", "Deti trénujú v utorok a vo štvrtok."),
    ("en", "Invoices go out on the first working day of each month."),
    ("en", "Statements go out automatically every month."),
])
def test_a_routine_with_a_recurring_time_in_the_present_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Fremover tømmer vi containerne hver torsdag."),
    ("da", "Vi tømmer containerne hver torsdag, indtil byggeriet er færdigt."),
    ("da", "Vi sender dig en status hver fredag."),
    ("da", "Jeg ringer hver mandag."),
    ("nb", "Fra neste uke tømmer vi søppelkassene hver mandag."),
    ("nb", "Vi tømmer søppelkassene hver mandag igjen."),
    ("nb", "Dere får en driftsstatus fra oss hver tirsdag."),
    ("nb", "Vi skal tømme søppelkassene hver mandag."),
    ("sv", "Från och med nu tvättar vi fönstren varje månad."),
    ("sv", "Vi mejlar en lägesrapport varje onsdag tills bygget är klart."),
    ("sv", "Vi ringer honom varje torsdag."),
    ("sv", "Från och med april skickar vi fakturan den 1:a varje månad."),
    ("ca", "Regarem els jardins cada dimarts."),
    ("ca", "A partir d'ara reguem els jardins cada dimarts."),
    ("ca", "Us truquem cada dilluns fins que la caldera funcioni."),
    ("sk", "Smeti budeme odvážať každý utorok."),
    ("sk", "Odteraz odvážame smeti každý utorok."),
    ("en", "We'll empty the bins every Tuesday."),
    ("en", "I’ll call you every Monday until the roof is fixed."),
])
def test_a_recurring_commitment_tied_to_this_case_stays_a_promise(language, text):
    (found,) = promises(text, language)
    assert found.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Skøjtesæsonen starter hos os den 1. december."),
    ("nb", "Fiskesesongen vår begynner 1. november."),
    ("sv", "Skidsäsongen öppnar den 5 december."),
])
def test_a_season_starting_is_the_calendar_not_a_promise(language, text):
    assert promises(text, language) == []


def test_a_managing_director_is_no_daily_cadence_in_norwegian():
    (found,) = promises("Vår daglige leder, Eva, holder et nytt møte med dere onsdag kl. 10.", "nb")
    assert found.cadence is None and found.due_at is not None


def test_a_routine_pledged_by_a_lead_in_stays_a_promise():
    assert promises("Det lover vi: vi tømmer containerne hver torsdag.", "da")


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Leiren starter mandag kl. 10 og slutter torsdag med en konsert."),
    ("da", "Kurset begynder kl. 18 og varer i to timer."),
    ("sv", "Mässan börjar klockan 9 och pågår till fredag."),
])
def test_an_event_that_starts_and_ends_is_a_timetable_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi brøyter innkjørselen i løpet av dagen når det har kommet mer enn ti centimeter snø."),
    ("sv", "Vi ersätter resan när förseningen är över 30 minuter."),
    ("da", "Vi rydder sne, når der er faldet mere end ti centimeter."),
])
def test_what_we_do_whenever_a_threshold_is_passed_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi skifter sengetøy mellom hvert opphold."),
    ("sv", "Vi desinficerar stolen efter varje kund."),
])
def test_what_we_do_between_or_after_each_visit_is_a_routine(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi leverer til jer mandag til fredag kl. 8."),
    ("da", "Vi fakturerer den sidste fredag i måneden."),
    ("da", "Vi pudser vinduer hos jer hver sjette uge."),
    ("nb", "Vi leverer blomster til dere fra torsdag til lørdag hele desember."),
    ("nb", "Vi har åpen verksted hver helg fra fredag kl. 16."),
    ("nb", "Vi lakkerer om morgenen og monterer på ettermiddagen."),
    ("sv", "Vi städar hos dig varannan fredag mellan 9 och 12."),
    ("sv", "Vi servar pannor i Mora varje höst och vår."),
    ("ca", "Encerem les pistes cada dijous al vespre."),
    ("ca", "Tenim servei de guàrdia cada nit fins a les 23 h."),
    ("sk", "Do Žiliny rozvážame v utorky a piatky."),
    ("sk", "Pohotovosť máme každý večer do 22:00."),
])
def test_routines_told_with_day_ranges_plural_days_or_to_the_client_s_door_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Hver fredag sender vi jer menuen for den kommende uge."),
    ("nb", "Jeg ringer til deg hver fredag."),
    ("sv", "Vi informerar er varje måndag."),
])
def test_telling_the_client_on_a_cadence_stays_a_promise(language, text):
    (found,) = promises(text, language)
    assert found.cadence is not None


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Forårssemestret starter mandag den 8. januar."),
    ("sv", "Vårterminen börjar måndag den 22 januari."),
    ("nb", "Nyttårsaften har vi åpent fra kl. 8 til 13."),
    ("sv", "Vår ansvarsförsäkring täcker skador upp till 50 000 kronor."),
    ("da", "Vores forsikring dækker skader op til 20.000 kr."),
    ("sk", "Naše poistenie kryje škody do 3 000 eur."),
])
def test_terms_opening_hours_and_what_our_insurance_covers_are_not_promises(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Når vi har tegningen, sender vi dig et nyt tilbud i morgen."),
    ("en", "As soon as we have it, your account will be credited."),
    ("sk", "Keď ho dostaneme, pošleme vám opravenú faktúru zajtra."),
])
def test_a_commitment_waiting_on_what_we_do_not_have_yet_is_conditional(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Vi sjekker anlegget hver mandag fra 1. mars."),
    ("da", "Vi kigger forbi hver fredag frem til udgangen af marts."),
    ("sv", "Vi kontrollerar pumpen varje morgon fram till den 15 december."),
    ("sv", "Vi kontrollerar pumpen varje morgon från 1 december."),
    ("ca", "Revisem la bomba cada dilluns fins al 15 de desembre."),
    ("ca", "T'enviem un resum cada divendres."),
    ("en", "We're sending an engineer every Tuesday."),
    ("en", "I'm sending you a summary every Friday."),
])
def test_a_cadence_bounded_by_a_date_or_said_in_the_progressive_is_a_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi arbejder fra 7 til 15 på hverdage."),
    ("sv", "Vi kör ut ved varje dag fram till den 23."),
])
def test_a_routine_with_clock_hours_or_a_bare_day_number_stays_a_routine(language, text):
    assert promises(text, language) == []
