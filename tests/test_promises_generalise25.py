"""Failure classes of round 25 (mail_blind32 and 33 as development sets), each with its own sentences."""

from __future__ import annotations

import pytest

from followup.promises.sentences import split_sentences
from written import Written

AT = Written("Europe/Stockholm")
promises, local_day = AT.promises, AT.local_day


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(("language", "text", "commitment", "day"), [
    ("nb", "hei, unnskyld, ungen ble syk. jeg tar deg fredag kl 9 i stedet. går det fint?",
     "jeg tar deg fredag kl 9 i stedet.", "2026-11-20"),
    ("sv", "förlåt, bilen stod still hela dan. jag kommer på fredag kl 8 och byter den. går det bra?",
     "jag kommer på fredag kl 8 och byter den.", "2026-11-20"),
    ("ca", "perdona, vaig estar malalt tot el dia. vinc divendres a les 9 i ho arreglo. et va bé?",
     "vinc divendres a les 9 i ho arreglo.", "2026-11-20"),
    ("en", "sorry, i was ill. ill fit the gate on friday morning. is that ok?",
     "ill fit the gate on friday morning.", "2026-11-20"),
    ("sk", "prepáčte, mal som chrípku a nešlo to. v piatok prídem a opravím to. hodí sa vám to?",
     "v piatok prídem a opravím to.", "2026-11-20"),
])
def test_a_phone_typed_sentence_after_a_short_word_and_a_full_stop_is_a_sentence_of_its_own(
        language, text, commitment, day):
    assert commitment in sentences(text)
    (found,) = promises(text, language)
    assert found.quote == commitment and local_day(found) == day


@pytest.mark.parametrize("text", [
    "Reparationen bliver 500 kr. billigere.",
    "Vi er der om 10 min. og henter den.",
])
def test_a_unit_after_a_number_does_not_end_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("da", "Vi kommer tors. 26. nov. om formiddagen og monterer den.", "2026-11-26"),
    ("nb", "Porten blir reparert fre. 27. nov. om ettermiddagen.", "2026-11-27"),
    ("ca", "Us portarem el sofà nou el dj. 26 de nov. a la tarda, tal com vam quedar.", "2026-11-26"),
    ("en", "ill be on site thurs. from 8 to finish the roof.", "2026-11-19"),
    ("sk", "Notebook vám odovzdám v piatok o 14. hod. popoludní.", "2026-11-20"),
])
def test_a_weekday_month_or_hour_cut_short_before_a_lower_case_word_does_not_end_a_sentence(language, text, day):
    assert sentences(text) == [text]
    (found,) = promises(text, language)
    assert local_day(found) == day


def test_a_full_weekday_name_still_ends_a_sentence():
    assert sentences("We will send the parts by Thursday. Best, Ola") == [
        "We will send the parts by Thursday.", "Best, Ola"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "theres no call out fee for this visit."),
    ("en", "ill paint the fence on thursday"),
    ("en", "well be back on our usual friday route from this week"),
    ("nb", "I går skal du ikke betale for."),
    ("da", "Den ekstra dag skal du ikke betale for."),
    ("sv", "Jag tar bara betalt för reservdelarna."),
    ("sv", "Den inställda lektionen behöver du inte betala för."),
])
def test_phone_typed_commitments_and_what_the_client_need_not_pay_for_are_our_promise(language, text):
    assert promises(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We may well be late."),
    ("en", "He was ill yesterday."),
    ("en", "I felt ill all week."),
])
def test_well_and_ill_as_plain_words_are_no_promise(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Vi har tittat på bilen och allt ser bra ut. Vi byter bromsarna på fredag.",
     ["Vi har tittat på bilen och allt ser bra ut.", "Vi byter bromsarna på fredag."]),
    ("Zavoláme vám zajtra o 10 hod. Potom vám pošleme cenovú ponuku do piatka.",
     ["Zavoláme vám zajtra o 10 hod.", "Potom vám pošleme cenovú ponuku do piatka."]),
    ("Vi kommer til Nørregade 5, st. tv. på fredag kl. 10.", ["Vi kommer til Nørregade 5, st. tv. på fredag kl. 10."]),
    ("Den stemplede oversettelsen sendes rek. på mandag.", ["Den stemplede oversettelsen sendes rek. på mandag."]),
    ("serveren er nede. vi kigger på det i morgen", ["serveren er nede.", "vi kigger på det i morgen"]),
    ("talked to fred. ill be there thursday", ["talked to fred.", "ill be there thursday"]),
])
def test_short_forms_of_lower_case_typing_change_no_sentence_of_capitalised_mail(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(("language", "text"), [
    ("en", "the dog seemed ill see the vet on monday"),
    ("en", "he looks ill let him rest till friday"),
    ("en", "got so ill start again on monday"),
    ("en", "well be careful with the paint on friday"),
    ("da", "Du må ikke betale for varen, før den er leveret."),
    ("sv", "Du ska inte betala för sent, då tillkommer en avgift."),
    ("en", "There's no late fee mentioned in the contract, you'd have to ask them."),
])
def test_ill_well_and_not_paying_that_commit_to_nothing_are_no_promise(language, text):
    assert promises(text, language) == []
