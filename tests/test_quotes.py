"""split_new_text: the words the sender wrote, without quoted history and signature."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.mail.quotes import split_new_text

NEW = "We will send the corrected invoice on Friday."


def reply(*history: str) -> str:
    return "\n".join([NEW, "", *history])


# --- attributions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attribution",
    [
        "On Mon, 3 Nov 2026 at 10:00, Bob Client <bob@client.example> wrote:",
        "Den man. 3. nov. 2026 kl. 10:00 skrev Kari Nordmann <kari@klient.no>:",
        "Kari Nordmann skrev følgende:",
        "Den 3. nov. 2026 kl. 10.00 skrev Kari Nordmann <kari@klient.dk>:",
        "Den 3 nov. 2026 kl. 10:00 skrev Sven Svensson <sven@kund.se>:",
        "Sven Svensson skrev följande:",
        "El dl., 3 de nov. 2026 a les 10:00, Jordi Puig <jordi@client.cat> va escriure:",
        "Jordi Puig va escriure:",
        "Dňa 3. 11. 2026 o 10:00 Ján Novák <jan@klient.sk> napísal(a):",
        "3. 11. 2026 10:00, Ján Novák <jan@klient.sk> napísal:",
        "Am 03.11.2026 um 10:00 schrieb Hans Müller <hans@kunde.de>:",
        "Le lun. 3 nov. 2026 à 10:00, Marie Dupont <marie@client.fr> a écrit :",
        "El lun, 3 nov 2026 a las 10:00, Ana García (<ana@cliente.es>) escribió:",
    ],
    ids=["en", "nb", "nb-folgende", "da", "sv", "sv-foljande", "ca", "ca-short", "sk", "sk-short", "de", "fr", "es"],
)
def test_attribution_and_quote_below_it_are_dropped(attribution):
    assert split_new_text(reply(attribution, "> Where is the invoice?", "> Bob")) == NEW


def test_attribution_wrapped_over_two_lines_is_recognised():
    text = reply("On Mon, 3 Nov 2026 at 10:00, Bob Client <bob@client.example>", "wrote:", "", "> Where?")
    assert split_new_text(text) == NEW


@pytest.mark.parametrize(
    "first, second",
    [
        ("tir. 14. mars 2028 kl. 19:05 skrev Kari Strøm", "<kari.strom@epost.example>:"),
        ("ne 5. 3. 2028 o 19:42 Ferenc Oláh <ferenc.olah@posta.example>", "napísal(a):"),
        ("Mon, 3 Nov 2026 at 10:00, Bob Client", "<bob@client.example> wrote:"),
    ],
)
def test_attribution_without_an_opening_word_wrapped_by_the_mail_client_is_recognised(first, second):
    assert split_new_text(reply(first, second, "> Where is the invoice?")) == NEW


def test_wrapped_attribution_does_not_swallow_our_line_directly_above_it():
    ours = "Vi vasker trappene på mandag."
    text = f"{ours}\ntir. 14. mars 2028 kl. 19:05 skrev Kari Strøm\n<kari.strom@epost.example>:\n> Når?"
    assert split_new_text(text).startswith(ours)


def test_two_lines_that_read_like_a_wrapped_attribution_without_a_quote_below_are_kept():
    text = "Notatet fra tir. 14. mars 2028 kl. 19:05 skrev Kari Strøm\n<kari.strom@epost.example>:\nalt er i orden."
    assert split_new_text(text) == text


def test_attribution_followed_by_unquoted_history_ends_the_new_text():
    text = reply("On Mon, 3 Nov 2026, Bob <bob@client.example> wrote:", "Where is the invoice?")
    assert split_new_text(text) == NEW


def test_answer_written_below_the_quote_is_kept():
    text = "On Mon, 3 Nov 2026, Bob <bob@client.example> wrote:\n> Where is the invoice?\n\n" + NEW
    assert split_new_text(text) == NEW


def test_inline_answers_between_quotes_are_kept():
    text = "> When will it ship?\nOn Friday.\n> And the invoice?\nMonday."
    assert split_new_text(text) == "On Friday.\nMonday."


def test_sentence_starting_with_on_is_not_an_attribution():
    text = "On Friday we ship the parts.\nOn Monday you get the invoice."
    assert split_new_text(text) == text


def test_line_ending_in_a_colon_that_is_not_an_attribution_is_kept():
    text = "Here is what we will do:\n- ship on Friday\n- invoice on Monday"
    assert split_new_text(text) == text


# --- Outlook and forwarded blocks --------------------------------------------------------------


@pytest.mark.parametrize(
    "separator",
    [
        "-----Original Message-----",
        "-----Opprinnelig melding-----",
        "-----Oprindelig meddelelse-----",
        "-----Ursprungligt meddelande-----",
        "-----Missatge original-----",
        "-----Pôvodná správa-----",
        "---------- Forwarded message ---------",
        "---------- Videresendt melding ----------",
        "Begin forwarded message:",
    ],
)
def test_original_and_forwarded_message_separators_end_the_new_text(separator):
    assert split_new_text(reply(separator, "From: Bob", "Where is the invoice?")) == NEW


@pytest.mark.parametrize(
    ("from_label", "sent_label"),
    [("From:", "Sent:"), ("Fra:", "Sendt:"), ("Från:", "Skickat:"), ("De:", "Enviat:"), ("Od:", "Odoslané:"),
     ("Von:", "Gesendet:"), ("*From:*", "*Sent:*")],
)
def test_outlook_header_block_in_any_language_ends_the_new_text(from_label, sent_label):
    text = reply(f"{from_label} Bob Client <bob@client.example>", f"{sent_label} 3. november 2026 10:00",
                 "To: Ann", "Subject: Invoice", "", "Where is the invoice?")
    assert split_new_text(text) == NEW


def test_outlook_underscore_rule_before_the_header_block_is_dropped_too():
    text = reply("________________________________", "From: Bob", "Sent: Monday", "", "Where?")
    assert split_new_text(text) == NEW


def test_from_line_without_a_sent_line_is_ordinary_text():
    text = "From: the warehouse in Oslo, directly.\nWe ship Friday."
    assert split_new_text(text) == text


def test_the_words_original_message_alone_in_prose_are_kept():
    text = "Original message\nwas lost, sorry."
    assert split_new_text(text) == text


# --- signatures and footers ---------------------------------------------------------------------


def test_signature_after_the_dash_dash_space_marker_is_dropped():
    assert split_new_text(reply("-- ", "Ann Owner", "Our Firm AS")) == NEW


def test_dash_dash_inside_a_line_is_not_a_signature():
    text = "We ship Friday -- or Monday at the latest."
    assert split_new_text(text) == text


def test_hyphen_bullet_list_is_kept():
    text = "We will:\n- ship Friday\n- invoice Monday"
    assert split_new_text(text) == text


@pytest.mark.parametrize(
    "footer",
    ["Sent from my iPhone", "Sendt fra min iPhone", "Skickat från min iPhone",
     "Sent from my Samsung Galaxy smartphone.", "Enviat des del meu iPhone", "Odoslané z môjho iPhonu",
     "Von meinem iPhone gesendet", "Get Outlook for Android"],
)
def test_mobile_footer_is_dropped(footer):
    assert split_new_text(reply(footer)) == NEW


def test_sentence_that_starts_like_a_mobile_footer_is_kept():
    text = NEW + "\n\nSent from my desk, which is easier than my phone."
    assert split_new_text(text) == text


def test_mailing_list_footer_after_an_underscore_rule_is_dropped():
    text = reply("_______________________________________________", "riak-users mailing list", "riak@lists.example")
    assert split_new_text(text) == NEW


# --- shape of the result ------------------------------------------------------------------------


def test_crlf_and_cr_line_endings_are_accepted():
    assert split_new_text(NEW + "\r\n\r\n-- \r\nAnn") == NEW
    assert split_new_text(NEW + "\r\r-- \rAnn") == NEW


def test_text_without_history_is_returned_without_surrounding_blank_lines():
    assert split_new_text("\n\n" + NEW + "\n\n") == NEW


def test_all_quoted_text_gives_empty_new_text():
    assert split_new_text("> only\n> quotes") == ""


_lines = st.lists(st.text(st.characters(blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=60),
                  max_size=30)


@settings(max_examples=200, deadline=None)
@given(_lines)
def test_result_is_made_of_input_lines_in_order(lines):
    result = split_new_text("\n".join(lines))
    remaining = iter(lines)
    for line in result.split("\n") if result else []:
        assert any(line == candidate.rstrip() or line == candidate for candidate in remaining)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[a-z0-9 ,.]{0,50}", fullmatch=True), max_size=20))
def test_plain_prose_is_returned_unchanged(lines):
    text = "\n".join(lines)
    assert split_new_text(text) == text.strip("\n").rstrip()
