"""The learned reader: its packaged weights, and how the extractor blends it with the rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from followup.promises import extract as extractor
from followup.promises.extract import read_clauses
import gzip
import io

from followup.promises.learned import ClauseModel, clause_model, load
from written import Written

AT = Written("Europe/Oslo")

def _honest() -> set[str]:
    """The sets the training script must never train on (bench/promises_classifier.py)."""
    import ast
    from pathlib import Path
    source = (Path(__file__).resolve().parents[1] / "bench" / "promises_classifier.py").read_text("utf-8")
    assignment = next(node for node in ast.parse(source).body
                      if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HONEST")
    return set(ast.literal_eval(assignment.value))


@dataclass(frozen=True)
class Constant:
    """A model that gives every clause the same probability."""

    p: float

    def probability(self, features) -> float:
        return self.p


def found(text: str, language: str, model) -> list[str]:
    return [c.quote for c in extractor.extract_promises(text, sent_at=AT.sent, timezone=AT.zone,
                                                        locale_hint=language, model=model)]


def test_the_packaged_model_was_never_trained_on_a_set_kept_for_honest_figures():
    model = clause_model()
    assert model is not None and len(model.weights) > 10_000
    honest = _honest()
    assert {"mail_blind156", "mail_blind157", "mail_blind158", "mail_blind159"} <= honest
    assert model.trained_on and not honest & set(model.trained_on)


@pytest.mark.parametrize(("language", "text"), [
    ("sv", "Vi ska skicka fakturan den 3 december."),
    ("da", "Vi skal sende fakturaen den 25. november."),
    ("nb", "Vi skal sende den signerte avtalen 4. desember."),
    ("en", "We commit to having the API documentation finished by the end of the month."),
])
def test_the_packaged_model_keeps_explicit_dated_promises(language, text):
    assert found(text, language, "packaged") == [text]


def test_the_packaged_model_speaks_the_features_the_extractor_builds():
    model = clause_model()
    (clause,) = read_clauses("Vi sender deg fakturaen i morgen.", sent_at=AT.sent, timezone=AT.zone, locale_hint="nb")
    assert clause.probability is not None
    from followup.promises.features import clause_features
    from followup.promises.rules import rules_for
    features = clause_features(clause.dated.sentence, clause.lead, rules_for("nb"), None, clause.dated)
    assert {"modality=commit", "due", "nb:w=sender"} <= set(features)
    # the reading's own features carry weight; a single one may fall under the pruning floor
    # (0.01) in a retraining, as actor=we did once, so most of the clause's features are asked for
    assert all(name in model.weights for name in ("modality=commit", "due", "strong"))
    assert sum(name in model.weights for name in features) > len(features) / 2


def test_a_logistic_model_gives_the_sigmoid_of_its_weighted_sum():
    model = ClauseModel(bias=-1.0, weights={"a": 2.0, "b": -3.0})
    assert model.probability({}) == pytest.approx(0.2689, abs=1e-4)
    assert model.probability({"a": 1}) == pytest.approx(0.7311, abs=1e-4)
    assert model.probability({"a": 1, "b": 1, "unknown": 1}) == pytest.approx(0.1192, abs=1e-4)
    assert model.probability({"b": 100}) == 0.0


def test_without_a_model_the_rules_decide_alone():
    text = "Vi sender deg fakturaen i morgen."
    assert found(text, "nb", None) == found(text, "nb", Constant(0.5)) == [text]


def test_a_weak_find_of_the_rules_is_dropped_when_the_model_gives_it_less_than_decide():
    text = "Kari ringer deg i morgen."  # a named person and a day: a weak cue
    assert found(text, "nb", None) == [text]
    assert found(text, "nb", Constant(extractor.DECIDE - 0.01)) == []
    assert found(text, "nb", Constant(extractor.DECIDE)) == [text]


def test_an_explicit_undated_find_of_the_rules_falls_only_when_the_model_is_sure_it_is_none():
    text = "Vi sender deg en ny faktura."
    assert found(text, "nb", Constant(extractor.VETO_EXPLICIT)) == [text]
    assert found(text, "nb", Constant(extractor.VETO_EXPLICIT - 0.01)) == []


def test_an_explicit_dated_find_of_the_rules_stands_whatever_the_model_says():
    text = "Vi sender deg fakturaen i morgen."
    assert found(text, "nb", Constant(0.0)) == [text]


def test_a_find_of_the_rules_the_model_keeps_keeps_the_rules_confidence():
    text = "Vi sender deg fakturaen i morgen."
    (by_rules,) = extractor.extract_promises(text, sent_at=AT.sent, timezone=AT.zone, locale_hint="nb", model=None)
    (kept,) = extractor.extract_promises(text, sent_at=AT.sent, timezone=AT.zone, locale_hint="nb",
                                         model=Constant(0.99))
    assert kept == by_rules


@dataclass(frozen=True)
class DoubtsTheSecondPredicate:
    """Sure of the clause that says "replace", sure against the one that only says "check"."""

    def probability(self, features) -> float:
        return 1.0 if "en:w=replace" in features else 0.0


def test_a_predicate_sharing_a_kept_commitments_subject_is_not_vetoed():
    text = "I'll replace the filter tomorrow and check the pump every Friday after that."
    assert len(found(text, "en", None)) == 2
    assert len(found(text, "en", DoubtsTheSecondPredicate())) == 2


def test_a_clause_the_rules_pass_over_is_added_as_proposed_when_the_model_is_sure_it_commits():
    text = "Kassen med nye glass står på trappa di."  # no cue the rules know, no time
    assert found(text, "nb", None) == []
    (added,) = extractor.extract_promises(text, sent_at=AT.sent, timezone=AT.zone, locale_hint="nb",
                                          model=Constant(1.0))
    assert added.quote == text and added.confidence < 0.6  # proposed: an owner confirms it


def test_a_clause_the_rules_pass_over_is_added_from_decide_on():
    text = "Kassen med nye glass står på trappa."  # nothing the rules know commits
    assert found(text, "nb", Constant(extractor.DECIDE - 0.01)) == []
    assert found(text, "nb", Constant(extractor.DECIDE)) == [text]


def test_a_veto_does_not_take_the_shared_commitment_from_the_next_predicate():
    text = "Vi har systemet oppe igen om to timer og sender dig en rapport hver mandag."
    assert len(found(text, "da", None)) == 2
    (kept,) = found(text, "da", Constant(0.0))
    assert "rapport" in kept


@pytest.mark.parametrize("damage", [b"", b"not gzip at all", gzip.compress(b"{not json"),
                                    gzip.compress(b'{"weights": {}}'), gzip.compress(b'{"bias": "nan", "weights": {}}')])
def test_a_damaged_model_file_leaves_the_rules_to_decide(damage, caplog):
    assert load(io.BytesIO(damage)) is None
    assert "the rules decide alone" in caplog.text


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Please send us the signed form by Friday."),  # a request
    ("ca", "Tindràs temps per a una trucada demà?"),  # a question
    ("en", "As you said, you'll send us the new logo files by Thursday."),  # the client acting
    ("en", "The courier will deliver it on Monday."),  # a third party acting
    ("nb", "Vi tømmer søppelkassene hver mandag."),  # a routine
])
def test_a_question_a_request_someone_else_acting_or_a_routine_is_never_overruled(language, text):
    assert found(text, language, Constant(1.0)) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Here is what we will do:"),  # a lead-in
    ("en", "We hope to have it fixed by Friday."),  # a hedge
])
def test_another_refusal_of_the_rules_is_overruled_only_when_the_model_is_surer(language, text):
    assert found(text, language, Constant(extractor.SURER - 0.01)) == []
    assert found(text, language, Constant(extractor.SURER)) == [text]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Please send us the signed form by Friday."),
    ("nb", "Vi tømmer søppelkassene hver mandag."),
    ("en", "The courier will deliver it on Monday."),
    ("da", "Lene holder fri fra tirsdag til torsdag."),
    ("sv", "Antingen levererar vi på tisdag eller så väntar vi till den 1 oktober, ni väljer."),
    ("sv", "Vi skickar fakturor varje måndag för föregående vecka."),
    ("nb", "Vi sender fakturaer hver mandag for uka før."),
    ("sv", "Korrekturen måste godkännas av er senast kl. 15 i morgon."),
])
def test_the_packaged_model_does_not_overrule_what_the_rules_refuse(language, text):
    assert found(text, language, "packaged") == []
