"""Round 49 (issue 13, the largest false class of mail_blind104-111 after general terms): a public
body named by its name acts for itself, not for us: in da/nb/sv by the head of its name
("Pensionsmyndigheten", "Arbeidstilsynet", "Gældsstyrelsen", "Statens …"), in Catalan and English
by its capitalised name ("L'Agència Tributària", "El Consell Comarcal", "Thornbury Borough
Council", "The Land Registry"), in Slovak as "<Kind> úrad". Our own board and the first person
stay ours, and so does a thing of ours put first ("Konstverket ramar vi in …").

Round 49b: a charge waived for a kind of day ("We don't charge for days when …") is a
standing term."""

from __future__ import annotations

import pytest

from written import Written

AT = Written("Europe/Copenhagen")
promises = AT.promises


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Pensionsmyndigheten skickar ett nytt beslut inom tre veckor."),
    ("sv", "Arbetsförmedlingen kallar dig till ett möte på tisdag."),
    ("sv", "Kronofogden fattar beslut i ärendet nästa vecka."),
    ("sv", "Transportstyrelsen skickar den nya registreringsskylten på fredag."),
    ("nb", "Arbeidstilsynet kommer på inspeksjon torsdag."),
    ("nb", "Brønnøysundregistrene behandler meldingen innen fem virkedager."),
    ("nb", "Statens kartverk sender den nye målebrevet neste uke."),
    ("da", "Gældsstyrelsen sender dig en opgørelse på fredag."),
    ("da", "Arbejdstilsynet kommer på besøg torsdag."),
    ("da", "Færdselsstyrelsen udsteder den nye nummerplade i næste uge."),
    ("ca", "L'Agència Tributària farà la devolució el 20 de juny."),
    ("ca", "El Consell Comarcal enviarà la resolució dijous."),
    ("ca", "La Tresoreria General pagarà la prestació a final de mes."),
    ("en", "Thornbury Borough Council will collect the bins on Tuesday."),
    ("en", "The Land Registry will update the title within ten working days."),
    ("sk", "Okresný úrad pošle rozhodnutie v piatok."),
])
def test_a_public_body_named_acting_is_no_promise_of_ours(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vi skickar intyget till Försäkringskassan på fredag."),
    ("sv", "Konstverket ramar vi in till torsdag."),
    ("nb", "Rekkverket monterer vi tirsdag."),
    ("nb", "Borettslaget betaler regningen innen fredag."),
    ("da", "Vi sender klagen til Ankenævnet på mandag."),
    ("ca", "Enviarem el formulari a l'Agència Tributària demà."),
    ("en", "We will write to the Council on your behalf by Friday."),
    ("en", "Our Customer Services team will call you on Friday."),
    ("sk", "Žiadosť pošleme na daňový úrad v piatok."),
])
def test_we_acting_towards_a_public_body_or_our_own_office_stays_ours(language, text):
    assert promises(text, language)



# Round 49b (general terms, the largest false class of mail_blind104-111): a charge waived for a
# kind of day or visit ("for days when …") is a standing term; for the days this client lost, or a
# gift to every one of a kind in an apology ("Každý účastník dostane fľašu …"), it stays a promise.
@pytest.mark.parametrize(("language", "text"), [
    ("en", "We don't charge for days when the machine is out of action."),
    ("sv", "Vi debiterar inte för besök där felet ligger hos oss."),
    ("nb", "Vi fakturerer ikke for timer der montøren venter på deler."),
    ("da", "Vi tager ikke betaling for dage, hvor maskinen står stille."),
])
def test_a_charge_waived_for_a_kind_of_day_is_a_standing_term(language, text):
    assert promises(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("da", "Vi tager ikke betaling for de dage, hvor maskinen stod stille i sidste uge."),
    ("en", "We won't charge you for the days the machine was out of action."),
    ("sk", "Každý účastník dostane fľašu vína ako ospravedlnenie."),
    ("sv", "Varje resenär får ett presentkort på 300 kronor från oss."),
])
def test_a_charge_waived_for_days_gone_by_or_a_gift_to_each_one_affected_stays_a_promise(language, text):
    assert promises(text, language)
