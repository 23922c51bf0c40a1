"""Which literal text a regex match must contain: only ever weaker than the regex."""

from __future__ import annotations

from followup.storage.literals import MAX_TRIGRAMS, All, Any, fts_query, required


def test_a_plain_word_requires_itself():
    assert required("invoice") == "invoice"


def test_adjacent_literals_around_an_anchor_stay_one_run():
    assert required(r"\bwill send\b") == "will send"


def test_a_class_splits_the_literal_into_two_requirements():
    assert required("invoice #[0-9]{4} paid") == All(("invoice #", " paid"))


def test_alternation_requires_one_branch():
    assert required("mandag|friday") == Any(("mandag", "friday"))


def test_an_alternation_with_a_short_branch_requires_nothing():
    assert required("fr|friday") is None


def test_optional_parts_require_nothing():
    assert required("(?:urgent)?ly") is None
    assert required("(?:urgent)?fix") == "fix"


def test_a_repeated_group_requires_its_content():
    assert required("(?:abc)+") == "abc"


def test_literals_shorter_than_a_trigram_require_nothing():
    assert required("ab.cd") is None


def test_a_bad_pattern_requires_nothing():
    assert required("(") is None


def test_the_query_folds_case_and_escapes_quotes():
    assert fts_query(All(('Say "HI"', "Ønske"))) == \
        '(("say" AND "ay " AND "y """ AND " ""h" AND """hi" AND "hi""") AND ("øns" AND "nsk" AND "ske"))'


def test_a_phrase_is_looked_up_by_its_trigrams_across_the_word_break():
    assert fts_query("man page") == '("man" AND "an " AND "n p" AND " pa" AND "pag" AND "age")'


def test_a_long_literal_is_looked_up_by_trigrams_covering_it_first():
    grams = fts_query("segmentation fault in uhd_usrp_probe").strip("()").replace('"', "").split(" AND ")
    assert len(grams) == MAX_TRIGRAMS
    assert grams[:3] == ["seg", "men", "tat"] and "obe" in grams  # every third, then the last


def test_a_string_under_an_inline_ignore_case_flag_is_not_a_plain_literal():
    from followup.storage.literals import literal_text

    assert literal_text("a\\.b") == "a.b"
    assert literal_text("(?i)abc") is None and literal_text("(?i)a\\.b") is None
