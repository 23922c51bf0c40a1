"""How our side speaks (issue 13, third round): modalities that look like promises but are not.

Each class has its own sentences, written for these tests (none copied from the
evaluation sets): a report of what already happened or is going on now, an absence for a
course or with words in between, a hedge of aim or hope, an assessor or utility acting, a
rule of what we never do, and an apology announced with a modal verb.
"""

from __future__ import annotations

import pytest

from followup.promises.reading import THIRD_PARTY, read
from followup.promises.rules import rules_for
from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


def modality(text: str, language: str) -> str:
    return read(text, rules_for(language)).modality


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our courier left the parcel at the wrong address by mistake on Monday."),
    ("nb", "Lageret vårt sendte feil farge på mandag."),
    ("nb", "Montøren vår er fremdeles hos en annen kunde."),
    ("da", "Vores lager sendte den forkerte farve mandag."),
    ("da", "Vi har desværre ved en fejl faktureret jer to gange."),
    ("da", "Vores supportere gennemgår loggen lige nu."),
    ("sv", "Lagret skickade fel färg i måndags."),
    ("sv", "Skrivaren krånglade under tisdagen."),
    ("sk", "Náš sklad omylom poslal inú farbu."),
    ("sk", "V pondelok sme vám nesprávne potvrdili termín."),
    ("ca", "El nostre magatzem va enviar per error el color equivocat dilluns."),
])
def test_a_report_of_what_already_happened_or_is_going_on_is_not_a_promise(language, text):
    assert promises(text, language) == []


def test_right_now_inside_a_sentence_is_not_read_as_a_report():
    [found] = promises("Vi har mycket just nu, men vi kan göra det på fredag.", "sv")
    assert found.due_at is not None


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Our trainer will be on a course from Monday until Wednesday."),
    ("nb", "Ola er på kurs mandag og tirsdag."),
    ("nb", "Jeg tar selv fri fredag."),
    ("da", "Mette er på kursus torsdag og fredag."),
    ("da", "Jeg holder selv fri fredag."),
    ("sv", "Karin är på utbildning torsdag och fredag."),
    ("sv", "Jag tar själv ledigt på fredag."),
    ("ca", "La tècnica serà fora fins al 27 de novembre."),
    ("sk", "Technik bude mimo kancelárie do piatku."),
])
def test_an_absence_for_a_course_or_with_words_in_between_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("ca", "Esperem acabar la instal·lació divendres."),
    ("ca", "Comptem tenir-vos el pressupost dilluns."),
    ("nb", "Vi sikter mot å levere skissene fredag."),
    ("da", "Vi sigter efter at levere tegningerne fredag."),
    ("sv", "Vi har som mål att leverera ritningarna på fredag."),
    ("sk", "Výkresy by sme mali dodať v piatok."),
])
def test_an_aim_or_hope_is_a_hedge(language, text):
    assert modality(text, language) == "hedge"
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The surveyor will inspect the roof on Friday."),
    ("nb", "Takstmannen kommer på befaring fredag."),
    ("da", "Taksatoren besigtiger skaden fredag."),
    ("sv", "Besiktningsmannen kommer på fredag."),
    ("ca", "El perit vindrà a veure els danys divendres."),
    ("sk", "Poisťovňa pošle likvidátora v piatok."),
])
def test_an_assessor_inspector_or_utility_acting_is_a_third_party(language, text):
    assert read(text, rules_for(language)).actor == THIRD_PARTY
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We never invoice a disputed amount while a complaint is open."),
    ("nb", "Vi sender aldri purring mens en reklamasjon behandles."),
    ("da", "Vi sender aldrig rykker, mens en reklamation behandles."),
    ("sv", "Vi skickar aldrig påminnelser medan en reklamation pågår."),
    ("ca", "No enviem mai recordatoris mentre una reclamació és oberta."),
    ("sk", "Upomienky nikdy neposielame, kým reklamácia nie je vybavená."),
])
def test_what_we_never_do_is_a_general_rule_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I would like to apologise for the outage on Monday."),
    ("nb", "Jeg vil gjerne beklage bruddet på mandag."),
    ("da", "Jeg vil gerne beklage nedbruddet mandag."),
    ("sv", "Jag vill be om ursäkt för avbrottet i måndags."),
    ("ca", "Volem demanar disculpes per la caiguda de dilluns."),
    ("sk", "Musíme sa vám ospravedlniť za pondelňajší výpadok."),
])
def test_an_apology_announced_with_a_modal_verb_is_not_a_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Today's delivery charge we will refund in full."),
    ("en", "This week's cleaning we will not charge you for."),
    ("ca", "El transport d'avui us el retornarem sencer."),
    ("sk", "Poplatok, ktorý ste dnes zaplatili, vám vrátime."),
])
def test_a_day_that_names_a_thing_or_a_past_act_is_not_a_due_date(language, text):
    [found] = promises(text, language)
    assert found.due_at is None


def test_the_end_of_todays_business_is_still_a_due_date():
    [found] = promises("Jag bekräftar leveransdagen innan dagens slut.", "sv")
    assert found.due_at is not None


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Fraktgebyret tar vi selvsagt på oss."),
    ("da", "Fragtgebyret tager vi naturligvis på os."),
    ("sv", "Fraktavgiften tar vi förstås på oss."),
    ("sk", "Poštovné vám samozrejme neúčtujeme."),
])
def test_a_cost_we_take_on_ourselves_is_our_undated_promise(language, text):
    [found] = promises(text, language)
    assert (found.quote, found.due_at) == (text, None)
