"""Round 45 (issue 13, Swedish precision on mail_blind84-95): in Danish, Norwegian and Swedish an
outside body named by its kind ("Laboratoriet", "Forlaget", "Fabriken i Italien", "Køberne")
acting on a day is that body's doing, not ours; so is "our insurer" sending its assessor. The
same word is ours when we speak in the sentence or it is the object put first ("Sensoren
bytter vi"), and a salesperson ("Selgeren, Tor Erik, ringer deg") stays a colleague. A comma
splice before a cost waived or a commitment of ours splits two commitments, as in English
("jeg trykker nye i morgen, du trenger ikke betale for dem")."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Stockholm")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Laboratoriet skickar provsvaren till oss på torsdag."),
    ("sv", "Förlaget trycker en ny upplaga nästa vecka."),
    ("sv", "Fabriken i Polen skickar delarna med bil på måndag."),
    ("sv", "Köparna lämnar tillbaka nycklarna på fredag."),
    ("sv", "Vårt försäkringsbolag skickar en besiktningsman på onsdag."),
    ("da", "Laboratoriet sender prøvesvarene til os på torsdag."),
    ("da", "Ministeriet får den rettede opgørelse på fredag."),
    ("nb", "Fylkeskommunen dekker reisen for alle elevene på fredag."),
    ("nb", "Forlaget sender de nye bøkene i løpet av neste uke."),
])
def test_an_outside_body_acting_on_a_day_is_not_ours(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "fabrikken laver en ny i morgen, jeg sætter den i fredag formiddag."),
    ("nb", "Sensoren bytter vi uten kostnad på fredag."),
    ("nb", "Selgeren, Tor Erik, ringer deg onsdag."),
    ("sv", "Laboratoriet har svaret i morgon, och jag ringer dig direkt efteråt på fredag."),
])
def test_the_same_words_leave_our_own_commitment_standing(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "jag skriver ut nya i morgon, du behöver inte betala för dem."),
    ("da", "jeg printer nye i morgen, det koster dig ingenting."),
    ("nb", "jeg trykker nye i morgen, du trenger ikke betale for dem."),
    ("sv", "Skylten sätts upp på fredag, vi ska också byta ramen på måndag."),
])
def test_a_comma_splice_before_a_commitment_of_its_own_gives_two(language, text):
    assert len(promises(text, language)) == 2


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Annonsen rättas på Hemnet och Booli på fredag."),
    ("da", "Annoncen rettes på Boligsiden og Boliga under weekenden, senest fredag."),
    ("nb", "Annonsen rettes på Finn og Hjem etter avtale på fredag."),
])
def test_two_names_joined_by_and_before_a_preposition_stay_one_clause(language, text):
    found = promises(text, language)
    assert len(found) == 1 and AT.local_day(found[0]) == "2026-11-20"
