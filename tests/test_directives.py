"""Specification of the #slipup directive syntax (followup.cases.directives)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cases.directives import Directive, parse_directives


def body(*lines: str) -> str:
    return "\n".join(lines)


def only(subject: str = "Re: Late delivery", new_text: str = "") -> Directive:
    found = parse_directives(subject, new_text)
    assert len(found) == 1, found
    return found[0]


# --- where a directive stands ------------------------------------------------------------


def test_a_message_without_the_tag_has_no_directives():
    assert parse_directives("Re: Late delivery", "Thanks, we will look into it.") == []


def test_a_bare_tag_in_the_subject_tags_the_case():
    directive = only(subject="Fwd: Late delivery #slipup")
    assert directive.kind == "tag"
    assert directive.line == "Fwd: Late delivery #slipup"


def test_free_words_after_the_tag_in_the_subject_are_just_the_subject():
    assert only(subject="#slipup Late delivery for ACME").kind == "tag"


def test_a_verb_after_the_tag_in_the_subject_is_a_directive():
    assert only(subject="#slipup close").kind == "close"


def test_a_cadence_after_the_tag_in_the_subject_is_read():
    assert only(subject="Late delivery #slipup every 2d").cadence_text == "every 2d"


def test_a_bracketed_subject_directive_ends_at_the_bracket():
    assert only(subject="[#slipup every 2d] Late delivery").cadence_text == "every 2d"


def test_a_line_starting_with_the_tag_is_a_directive():
    assert only(new_text=body("Hi team,", "", "   #slipup pause")).kind == "pause"


def test_the_tag_is_case_insensitive():
    assert only(new_text="#SlipUp Close").kind == "close"


def test_the_tag_word_is_configurable():
    found = parse_directives("", "#oops close\n#slipup close", tag="oops")
    assert [d.line for d in found] == ["#oops close"]


def test_a_bare_tag_within_the_first_five_lines_tags_the_case():
    directive = only(new_text=body("Hi,", "please keep track of this one #slipup", "Thanks"))
    assert directive.kind == "tag"
    assert directive.line == "please keep track of this one #slipup"


def test_a_bare_tag_after_the_fifth_non_empty_line_does_not_count():
    text = body("one", "", "two", "three", "four", "five", "", "six mentions #slipup")
    assert parse_directives("", text) == []


def test_a_directive_line_counts_anywhere_in_the_new_text():
    text = body(*[f"line {n}" for n in range(20)], "#slipup close")
    assert only(new_text=text).kind == "close"


def test_a_directive_in_quoted_text_is_ignored():
    text = body("Sounds good.", "", "> #slipup close", ">> #slipup note: old")
    assert parse_directives("Re: Late delivery", text) == []


def test_a_tag_inside_a_word_does_not_count():
    assert parse_directives("foo#slipup", "see foo#slipup") == []


def test_a_tag_in_a_url_does_not_count():
    assert parse_directives("", "https://wiki.example/page/#slipup and /#slipup") == []


def test_a_longer_word_starting_with_the_tag_does_not_count():
    assert parse_directives("#slipupx", "#slipupx close\n#slipup-old") == []


def test_directives_come_in_order_subject_first():
    found = parse_directives("#slipup", body("#slipup every week", "#slipup note: call them"))
    assert [d.kind for d in found] == ["tag", "tag", "note"]


# --- forms -------------------------------------------------------------------------------


def test_close_pause_and_resume_are_read():
    kinds = [d.kind for d in parse_directives("", "#slipup close\n#slipup pause\n#slipup resume")]
    assert kinds == ["close", "pause", "resume"]


def test_words_after_close_are_kept_as_the_reason():
    directive = only(new_text="#slipup close. Client confirmed receipt.")
    assert (directive.kind, directive.text) == ("close", "Client confirmed receipt.")


def test_tag_with_cadence_and_due_splits_both_phrases():
    directive = only(new_text="#slipup every 2 business days due friday")
    assert (directive.kind, directive.cadence_text, directive.due_text) == (
        "tag", "every 2 business days", "friday")


def test_due_may_come_before_the_cadence():
    directive = only(new_text="#slipup due 2026-12-01 every monday")
    assert (directive.cadence_text, directive.due_text) == ("every monday", "2026-12-01")


def test_a_bare_tag_line_has_no_phrases():
    assert only(new_text="#slipup") == Directive("tag", line="#slipup")


def test_norwegian_cadence_and_due_phrases_are_split():
    directive = only(new_text="#slipup hver tirsdag innen 1. desember")
    assert (directive.cadence_text, directive.due_text) == ("hver tirsdag", "1. desember")


def test_swedish_cadence_and_due_phrases_are_split():
    directive = only(new_text="#slipup varannan dag senast fredag")
    assert (directive.cadence_text, directive.due_text) == ("varannan dag", "fredag")


def test_danish_due_phrase_is_split():
    assert only(new_text="#slipup hver anden dag senest mandag").due_text == "mandag"


def test_catalan_two_word_due_keyword_is_split():
    directive = only(new_text="#slipup cada dimarts abans del divendres")
    assert (directive.cadence_text, directive.due_text) == ("cada dimarts", "divendres")


def test_slovak_cadence_keyword_with_diacritics_is_split():
    directive = only(new_text="#slipup každý pondelok do piatku")
    assert (directive.cadence_text, directive.due_text) == ("každý pondelok", "piatku")


def test_decomposed_slovak_letters_still_match_the_keyword():
    decomposed = "kaz\u030cdy\u0301 pondelok"
    assert only(new_text=f"#slipup {decomposed}").cadence_text == decomposed


def test_a_cadence_keyword_without_a_phrase_is_invalid():
    directive = only(new_text="#slipup every")
    assert directive.kind == "invalid"
    assert "needs a cadence" in directive.text


def test_the_cadence_verb_takes_the_rest_of_the_line():
    directive = only(new_text="#slipup cadence every Tuesday")
    assert (directive.kind, directive.cadence_text) == ("cadence", "every Tuesday")


def test_a_note_keeps_its_text():
    assert only(new_text="#slipup note: client prefers phone calls").text == "client prefers phone calls"


def test_a_note_runs_on_to_the_end_of_its_paragraph():
    text = body("#slipup note: client prefers", "phone calls after 10.", "", "Regards,")
    assert only(new_text=text).text == "client prefers phone calls after 10."


def test_a_note_stops_at_the_next_directive_line():
    found = parse_directives("", body("#slipup note: first", "#slipup close"))
    assert [(d.kind, d.text) for d in found] == [("note", "first"), ("close", None)]


def test_a_note_glued_to_its_colon_is_read():
    assert only(new_text="#slipup note:call Tuesday").text == "call Tuesday"


def test_a_note_without_text_is_invalid():
    assert only(new_text="#slipup note:").kind == "invalid"


def test_a_promise_splits_date_and_text_at_the_first_colon_followed_by_space():
    directive = only(new_text="#slipup promise 2026-12-01 14:00: send the corrected invoice")
    assert (directive.kind, directive.due_text, directive.text) == (
        "promise", "2026-12-01 14:00", "send the corrected invoice")


def test_a_promise_with_an_id_gives_it_a_new_date_and_an_optional_reason():
    directive = only(new_text="#slipup promise #12 2026-12-04: the auditors need another week")
    assert (directive.kind, directive.promise_id, directive.due_text, directive.text) == (
        "reschedule", 12, "2026-12-04", "the auditors need another week")
    assert only(new_text="#slipup promise #3 fredag 4. desember").due_text == "fredag 4. desember"
    assert only(new_text="#slipup promise #3 fredag 4. desember").text is None


def test_a_reschedule_without_a_date_is_invalid_and_says_how():
    directive = only(new_text="#slipup promise #12")
    assert directive.kind == "invalid" and "#slipup promise #12 2026-12-01" in directive.text


def test_two_reschedules_of_different_promises_to_one_date_both_count():
    from followup.cases.engine import _directives
    from followup.mail.parse import parse_message
    from mailfactory import message

    msg = parse_message(message("#slipup promise #1 2026-12-04\n#slipup promise #2 2026-12-04\n").as_bytes())
    assert [d.promise_id for d in _directives(msg, "slipup")] == [1, 2]


def test_a_promise_without_a_text_is_invalid():
    directive = only(new_text="#slipup promise friday")
    assert directive.kind == "invalid"
    assert "DATE: TEXT" in directive.text


def test_an_unknown_word_gives_an_invalid_directive_naming_it_and_the_known_ones():
    directive = only(new_text="#slipup frobnicate now")
    assert directive.kind == "invalid"
    assert directive.text.startswith("unknown directive 'frobnicate'; known: close, pause")
    assert directive.line == "#slipup frobnicate now"


# --- hostile input -----------------------------------------------------------------------


def test_cr_lf_injection_in_a_note_stays_one_text_without_line_breaks():
    found = parse_directives("", "#slipup note: all fine\r\nBcc: evil@example.org\rX-Injected: 1")
    assert len(found) == 1
    assert found[0].text == "all fine Bcc: evil@example.org X-Injected: 1"
    assert "\r" not in found[0].text and "\n" not in found[0].text


def test_control_characters_in_a_note_become_spaces():
    assert only(new_text="#slipup note: a\x00b\x1bc\u202ed").text == "a b c d"


def test_a_subject_with_line_breaks_gives_a_one_line_record():
    directive = only(subject="Late\r\n delivery #slipup")
    assert directive.line == "Late delivery #slipup"


@settings(max_examples=200, deadline=None)
@given(subject=st.text(), new_text=st.text(), tag=st.text(min_size=1, max_size=10))
def test_any_input_parses_without_crashing(subject, new_text, tag):
    for directive in parse_directives(subject, new_text, tag=tag):
        for text in (directive.text, directive.cadence_text, directive.due_text, directive.line):
            assert text is None or ("\n" not in text and "\r" not in text and "\x00" not in text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["#slipup", "note:", "close", "every", "due", "\r\n", "\x00",
                                  ">", " ", "promise", "#7", "2026-01-01:", "x", "\n\n", "#slipupx"])))
def test_tag_heavy_input_always_yields_known_kinds(pieces):
    kinds = {"tag", "close", "pause", "resume", "note", "promise", "reschedule", "cadence", "invalid"}
    for directive in parse_directives("".join(pieces), "".join(pieces)):
        assert directive.kind in kinds


def test_a_subject_directive_ends_at_a_colon_before_the_subject_text():
    (d,) = parse_directives("#slipup every tuesday: Kvartalsrapport Q3", "")
    assert (d.kind, d.cadence_text) == ("tag", "every tuesday")
