"""Answer validation: the range message names only the bounds that are set."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.benchmarking.models import Answer, AnswerType, Assessment, Indicator
from clusterbridge.benchmarking.validators import clean_answer
from tests import files
from tests.benchmarking.factories import admin_of
from tests.factories import OrganisationFactory


def _indicator(kind=AnswerType.NUMBER, low=None, high=None, unit="members") -> Indicator:
    return Indicator(name="Members", answer_type=kind, min_value=low, max_value=high, unit=unit)


@pytest.mark.parametrize(
    ("low", "high", "unit", "raw", "message"),
    [
        (0, 100000, "members", "-5", "“Members” must be between 0 and 100000 members; -5 given."),
        (10, None, "members", "5", "“Members” must be at least 10 members; 5 given."),
        (None, 2.5, "members", "3", "“Members” must be at most 2.5 members; 3 given."),
        (10, None, "", "-1", "“Members” must be at least 10; -1 given."),
        (None, 100, "", "150", "“Members” must be at most 100; 150 given."),
    ],
)
def test_out_of_range_message_names_the_bounds_that_are_set(low, high, unit, raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_answer(_indicator(low=low, high=high, unit=unit), raw)
    assert exc.value.messages == [message]


def test_in_range_with_one_bound_and_without_bounds_is_accepted():
    assert clean_answer(_indicator(low=10), "1000000") == ("1e+06", 1000000.0)
    assert clean_answer(_indicator(high=5), "-3") == ("-3", -3.0)
    assert clean_answer(_indicator(), "12.5") == ("12.5", 12.5)


def test_a_percentage_is_between_0_and_100_unless_a_bound_says_otherwise():
    share = _indicator(AnswerType.PERCENTAGE, low=10, unit="%")
    with pytest.raises(ValidationError) as exc:
        clean_answer(share, "101")
    assert exc.value.messages == ["“Members” must be between 10 and 100 %; 101 given."]
    growth = _indicator(AnswerType.PERCENTAGE, high=1000, unit="%")
    with pytest.raises(ValidationError) as exc:
        clean_answer(growth, "-1")
    assert exc.value.messages == ["“Members” must be between 0 and 1000 %; -1 given."]


@pytest.fixture
def one_sided(client):
    """A benchmark whose “Members in total” has a lower bound only (no upper bound)."""
    org = OrganisationFactory()
    admin = admin_of(org)
    client.force_login(admin)
    client.post(f"/benchmarking/start/{org.slug}/")
    assessment = Assessment.objects.get(organisation=org)
    indicator = Indicator.objects.get(
        dimension__indicator_set=assessment.indicator_set, code="members-total"
    )
    Indicator.objects.filter(pk=indicator.pk).update(min_value=10, max_value=None)
    return assessment, indicator


@pytest.mark.django_db
def test_autosave_of_an_out_of_range_answer_with_one_bound_is_a_400_not_a_500(client, one_sided):
    assessment, indicator = one_sided
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/answers/{indicator.pk}/",
        {f"answer-{indicator.pk}": "5"},
    )
    assert response.status_code == 400
    assert "“Members in total” must be at least 10 members; 5 given." in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.mark.django_db
def test_save_all_with_an_out_of_range_answer_with_one_bound_reports_it(client, one_sided):
    assessment, indicator = one_sided
    response = client.post(
        assessment.get_absolute_url(), {f"answer-{indicator.pk}": "5"}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "“Members in total” must be at least 10 members; 5 given."
    ]
    assert not Answer.objects.filter(assessment=assessment).exists()


# -- evidence files: sniffed like marketplace attachments -----------------------------------


def _evidence_error(content: bytes, name: str) -> ValidationError:
    from clusterbridge.benchmarking.validators import validate_evidence_file

    with pytest.raises(ValidationError) as excinfo:
        validate_evidence_file(SimpleUploadedFile(name, content))
    return excinfo.value


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (b"%PDF-1.4 budget", "budget.pdf", "application/pdf"),
        (
            files.docx(),
            "plan.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (files.odt(), "plan.odt", "application/vnd.oasis.opendocument.text"),
        (b"year;members\n2025;120\n", "members.csv", "text/csv"),
    ],
)
def test_evidence_of_an_accepted_type_passes(content, name, kind):
    from clusterbridge.benchmarking.validators import validate_evidence_file

    assert validate_evidence_file(SimpleUploadedFile(name, content)) == kind


def test_evidence_is_judged_by_its_content_not_its_name():
    # An executable renamed to .pdf passed before: only the extension was looked at.
    error = _evidence_error(b"MZ\x90\x00\x03 an executable", "budget.pdf")
    assert error.code == "attachment_type"
    assert error.messages == [
        "“budget.pdf” is not a file type we accept "
        "(PDF, PNG, JPEG, Word, Excel, OpenDocument or CSV)."
    ]
    assert _evidence_error(b"%PDF-1.4 x", "budget.docx").code == "attachment_extension"
    assert _evidence_error(b"\x00\x01binary\x00", "members.csv").code == "attachment_type"
    assert _evidence_error(b"", "empty.pdf").code == "attachment_empty"


def test_an_evidence_zip_bomb_is_refused_by_the_shared_archive_check():
    assert _evidence_error(files.docx_bomb(), "plan.docx").code == "archive_bomb"


# -- length limits of free texts -------------------------------------------------------------


@pytest.mark.django_db
def test_review_notes_and_withdrawal_reasons_are_limited():
    from clusterbridge.benchmarking.forms.labels import WithdrawLabelForm
    from clusterbridge.benchmarking.models import Label
    from clusterbridge.benchmarking.services import assessments as services
    from clusterbridge.benchmarking.services.labels import withdraw_label
    from tests.benchmarking.factories import (
        AssessorFactory,
        submitted_assessment,
        validated_assessment,
    )
    from tests.factories import StaffFactory

    assessment = submitted_assessment(OrganisationFactory())
    assessor = AssessorFactory().user
    for review in (services.request_changes, services.validate_assessment):
        with pytest.raises(ValidationError) as excinfo:
            review(assessment=assessment, assessor=assessor, note="n" * 5001)
        assert excinfo.value.messages == [
            "The review note is 5,001 characters long; at most 5,000."
        ]
    assessment.refresh_from_db()
    assert (assessment.status, assessment.review_note) == (Assessment.Status.SUBMITTED, "")

    reason = "The reason is 2,001 characters long; at most 2,000."
    assert WithdrawLabelForm({"reason": "r" * 2001}).errors["reason"] == [reason]
    validated_assessment(OrganisationFactory())
    label = Label.objects.get()
    with pytest.raises(ValidationError) as excinfo:
        withdraw_label(label=label, actor=StaffFactory(), reason="r" * 2001)
    assert excinfo.value.messages == [reason]
