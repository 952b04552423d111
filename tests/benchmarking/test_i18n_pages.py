"""The benchmarking pages in French and German: no English left in the main content, the
indicator set in the reader's language, dates and numbers in the reader's format, and the
report PDF in the language of its reader."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_countries import countries

from clusterbridge.benchmarking import texts
from clusterbridge.benchmarking.models import Dimension, Indicator, LabelDecision
from clusterbridge.benchmarking.services.indicator_sets import ensure_default_set
from tests.benchmarking.factories import (
    AssessorFactory,
    admin_of,
    answered_assessment,
    submitted_assessment,
    validated_assessment,
)
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory
from tests.i18n import english_fallbacks
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "de"]
# Texts people typed in the test data (tests/benchmarking/factories.py): names, answers, files.
TYPED = ["Our region", "Services", "Financing", "Internationalisation", "proof.pdf"]


@pytest.fixture
def benchmarks():
    ensure_default_set()
    labelled = OrganisationFactory(name="Lakeside Robotics Cluster")
    admin = admin_of(labelled)
    assessor = AssessorFactory().user
    validated = validated_assessment(labelled, admin, assessor)
    drafting = OrganisationFactory(name="Fjord Energy Cluster")
    drafting_admin = admin_of(drafting)
    draft = answered_assessment(drafting, drafting_admin, evidence=False)
    waiting = submitted_assessment(OrganisationFactory(name="Harbour Logistics Cluster"))
    return {
        "admin": admin,
        "assessor": assessor,
        "validated": validated,
        "drafting_admin": drafting_admin,
        "draft": draft,
        "waiting": waiting,
        "content": [
            *TYPED,
            "Lakeside Robotics Cluster",
            "Fjord Energy Cluster",
            "Harbour Logistics Cluster",
            str(admin),
            str(assessor),
            str(drafting_admin),
        ],
    }


def _assert_translated(client, user, urls, content):
    client.login(email=user.email, password=PASSWORD)
    for language in LANGUAGES:
        with translation.override(language):
            # Country names come translated from django-countries; some read the same.
            names = [str(name) for _code, name in countries]
        for url in urls:
            found = english_fallbacks(client, url, language, content=[*content, *names])
            assert found == [], f"{url} ({language}): {found}"


def test_the_organisations_pages_have_no_english_left(client, benchmarks):
    validated = benchmarks["validated"]
    _assert_translated(
        client,
        benchmarks["admin"],
        [
            "/benchmarking/",
            validated.get_absolute_url(),
            f"/benchmarking/assessments/{validated.pk}/report/",
            f"/benchmarking/organisations/{validated.organisation.slug}/label-decisions/",
            "/benchmarking/labels/",
        ],
        benchmarks["content"],
    )


def test_the_answer_form_has_no_english_left(client, benchmarks):
    _assert_translated(
        client,
        benchmarks["drafting_admin"],
        ["/benchmarking/", benchmarks["draft"].get_absolute_url()],
        benchmarks["content"],
    )


def test_the_assessors_pages_have_no_english_left(client, benchmarks):
    _assert_translated(
        client,
        benchmarks["assessor"],
        ["/benchmarking/", benchmarks["waiting"].get_absolute_url()],
        benchmarks["content"],
    )


def test_the_staff_pages_have_no_english_left(client, benchmarks):
    label = benchmarks["validated"].labels.get()
    _assert_translated(
        client,
        StaffFactory(),
        ["/benchmarking/labels/", f"/benchmarking/labels/{label.pk}/withdraw/"],
        benchmarks["content"],
    )


def test_the_indicator_set_is_shown_in_the_readers_language(client, benchmarks):
    client.login(email=benchmarks["drafting_admin"].email, password=PASSWORD)
    url = benchmarks["draft"].get_absolute_url()
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Struktur des Clusters" in german
    assert "Mitglieder insgesamt" in german
    assert "Entworfen, nicht beschlossen" in german  # a choice of "Documented strategy"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Structure du cluster" in french
    assert "Nombre total de membres" in french
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Structure of the cluster" in english
    assert "Members in total" in english


def test_every_text_of_the_default_set_has_french_and_german(benchmarks):
    indicator_set = ensure_default_set()
    dimensions = Dimension.objects.filter(indicator_set=indicator_set)
    indicators = Indicator.objects.filter(dimension__indicator_set=indicator_set)
    for language in LANGUAGES:
        with translation.override(language):
            for dimension in dimensions:
                assert dimension.display_name != dimension.name
                assert dimension.display_description != dimension.description
            for indicator in indicators:
                assert indicator.display_name != indicator.name, indicator.code
                assert indicator.display_help_text != indicator.help_text, indicator.code
                for choice, english in zip(
                    indicator.display_choices, indicator.choices, strict=True
                ):
                    assert choice["label"] != english["label"], indicator.code


def test_an_untranslated_text_falls_back_to_english(benchmarks):
    indicator = Indicator.objects.get(dimension__indicator_set=ensure_default_set(), code="budget")
    indicator.translations = {"de": {"name": "Jahresbudget"}}
    with translation.override("de"):
        assert indicator.display_name == "Jahresbudget"
        assert indicator.display_help_text == indicator.help_text
    with translation.override("fr"):
        assert indicator.display_name == indicator.name


def test_dates_and_numbers_follow_the_readers_language(client, benchmarks):
    validated = benchmarks["validated"]
    client.login(email=benchmarks["admin"].email, password=PASSWORD)
    url = f"/benchmarking/assessments/{validated.pk}/report/"
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    day = validated.validated_on
    with translation.override("de"):
        from django.utils import formats

        assert formats.date_format(day, "DATE_FORMAT") in german
    assert "100,0 %" in german
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{day.day} {day:%B} {day.year}" in english
    assert "100.0 %" in english


def test_platform_written_decision_reasons_are_translated(benchmarks):
    decision = LabelDecision.objects.get(assessment=benchmarks["validated"])
    day = benchmarks["validated"].validated_on
    assert decision.reason == f"Benchmark validated on {day.isoformat()}."  # the record
    with translation.override("de"):
        from django.utils import formats

        assert texts.decision_reason(decision) == (
            f"Benchmark bestätigt am {formats.date_format(day, 'DATE_FORMAT')}."
        )
    decision.kind = LabelDecision.Kind.WITHDRAWN
    decision.reason = "Member figures could not be verified."
    with translation.override("de"):
        assert texts.decision_reason(decision) == "Member figures could not be verified."


def test_the_report_pdf_is_in_german_for_a_german_reader(client, benchmarks):
    admin = benchmarks["admin"]
    admin.language = "de"
    admin.save(update_fields=["language"])
    client.login(email=admin.email, password=PASSWORD)
    # The saved language wins over the browser's (accounts.middleware.UserLanguageMiddleware).
    response = client.get(
        f"/benchmarking/assessments/{benchmarks['validated'].pk}/report.pdf",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert text.startswith("Benchmark des Clustermanagements: Lakeside Robotics Cluster")
    assert "Stand: Bestätigt · bestätigt am" in text
    assert "Gesamtergebnis: 100 %" in text
    for german in ("Bereich", "Ergebnis", "Indikator", "Antwort", "Bewertung", "Perzentil",
                   "Struktur des Clusters", "Mitglieder insgesamt", "Grün"):  # fmt: skip
        assert german in text, german
    for english in ("Overall score", "Structure of the cluster", "Members in total", "Green"):
        assert english not in text, english
