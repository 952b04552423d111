"""Every sentence the label rules (the plain package clusterbridge.indicators.labels) can write
is known to benchmarking.texts, so it is shown in the reader's language; an unknown sentence
would stay English."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from clusterbridge.benchmarking import texts
from clusterbridge.indicators import labels as rules

FIRST = datetime.date(2024, 1, 15)
FACTS = [
    rules.AssessmentFacts(validated_on=None),
    rules.AssessmentFacts(
        validated_on=datetime.date(2024, 6, 1),
        overall_score=None,
        improvement_areas=["One"],
        red_minimum_requirements=["members-total", "strategy"],
        quality_answers=[
            rules.QualityAnswer("budget", answered=False, has_evidence=False),
            rules.QualityAnswer("awards", answered=True, has_evidence=False),
        ],
    ),
    rules.AssessmentFacts(
        validated_on=datetime.date(2024, 2, 20),
        overall_score=72.5,
        assessor_count=1,
        quality_answers=[],
    ),
    rules.AssessmentFacts(validated_on=datetime.date(2027, 1, 15), overall_score=10.0),
]


def _sentences() -> list[str]:
    found = []
    for facts in FACTS:
        for first in (None, FIRST):
            for level in rules.Level:
                found.extend(rules.decide(level, facts, first).reasons)
    return found


def test_the_facts_cover_every_kind_of_sentence():
    sentences = set(_sentences())
    assert len(sentences) >= 12
    assert any("at least 18 months" in s for s in sentences)
    assert any("at most 24 months" in s for s in sentences)
    assert any("1 months later" in s for s in sentences)


@pytest.mark.parametrize("language", ["fr", "de", "es", "it", "pl"])
def test_every_rule_sentence_is_translated(language):
    for sentence in _sentences():
        assert texts.is_known_rule_sentence(sentence), sentence
        with translation.override(language):
            assert texts.label_reason(sentence) != sentence, (language, sentence)


def test_the_sentences_keep_their_numbers_and_dates_in_the_readers_format():
    sentence = (
        "Silver needs a repeat benchmark at least 18 months after the first (validated "
        "2024-01-15); this one is 1 months later."
    )
    with translation.override("de"):
        assert texts.label_reason(sentence) == (
            "Silber erfordert einen Wiederholungsbenchmark mindestens 18 Monate nach dem ersten "
            "(bestätigt am 15. Januar 2024); dieser liegt 1 Monat später."
        )
    with translation.override("fr"):
        assert texts.label_reason("Gold needs an overall score of at least 80 %; 72.5 %.") == (
            "Le label Or exige un résultat global d’au moins 80 % ; 72,5 %."
        )
    with translation.override("en"):
        assert texts.label_reason(sentence) == sentence.replace(
            "2024-01-15", "15 January 2024"
        ).replace("1 months", "1 month")


def test_an_unknown_sentence_stays_as_it_is():
    with translation.override("fr"):
        assert texts.label_reason("Something new.") == "Something new."
