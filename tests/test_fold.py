"""The folding table agrees with the running Python's `re` (the facts fold.py is built on)."""

from __future__ import annotations

import sys

import pytest

from followup.storage.fold import _EXTRA_CLASSES, fold


def test_extra_case_classes_are_those_of_re():
    casefix = pytest.importorskip("re._casefix")
    classes = {frozenset([chr(k), *map(chr, v)]) for k, v in casefix._EXTRA_CASES.items()}
    assert classes == {frozenset(c) for c in _EXTRA_CLASSES}


def test_lower_differs_from_re_simple_lowercase_only_for_dotted_capital_i():
    _sre = pytest.importorskip("_sre")
    differing = [cp for cp in range(sys.maxunicode + 1)
                 if not 0xD800 <= cp <= 0xDFFF and chr(cp).lower() != chr(_sre.unicode_tolower(cp))]
    assert differing == [0x130]


def test_fold_maps_each_character_on_its_own():
    text = "Beklager İstanbul ſtraße ΣΟΦΟΣ µ"
    assert fold(text) == "".join(fold(c) for c in text)
