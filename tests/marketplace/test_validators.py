"""Attachment checks: the shared content sniffing, archives inspected without expanding them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.marketplace.validators import validate_attachment
from tests import files


def _error(content: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        validate_attachment(SimpleUploadedFile(name, content))
    return excinfo.value


def test_office_and_opendocument_attachments_pass():
    assert validate_attachment(SimpleUploadedFile("a.odt", files.odt())) == (
        "application/vnd.oasis.opendocument.text"
    )
    assert validate_attachment(SimpleUploadedFile("a.docx", files.docx())) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_an_opendocument_zip_bomb_is_refused():
    # The old check read the whole 200 MB "mimetype" entry into memory.
    error = _error(files.odt_bomb(), "minutes.odt")
    assert error.code == "archive_bomb"
    assert error.messages == [
        "“minutes.odt” is an archive that would expand to far more than its size; "
        "we do not accept it."
    ]


def test_an_office_zip_bomb_is_refused():
    # Before, a Word file was recognised by its entry names alone and this bomb was accepted.
    assert _error(files.docx_bomb(), "report.docx").code == "archive_bomb"


# -- length limits of free texts -------------------------------------------------------------

LONG_DESCRIPTION = "x" * 10_001
DESCRIPTION_MESSAGE = "The description is 10,001 characters long; at most 10,000."


@pytest.mark.django_db
def test_the_opportunity_form_limits_the_description():
    from clusterbridge.marketplace.forms.opportunity import OpportunityForm

    form = OpportunityForm(
        {"kind": "business_offer", "title": "T", "summary": "S", "description": LONG_DESCRIPTION},
        editing=True,
    )
    assert form.is_valid() is False
    assert form.errors["description"] == [DESCRIPTION_MESSAGE]


@pytest.mark.django_db
def test_the_api_limits_the_description():
    from rest_framework.test import APIClient

    from tests.marketplace.factories import poster

    user, org = poster()
    api = APIClient()
    api.force_authenticate(user)
    body = {"organisation": org.slug, "kind": "business_offer", "title": "T", "summary": "S"}
    response = api.post(
        "/api/v1/opportunities/", {**body, "description": LONG_DESCRIPTION}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"description": [DESCRIPTION_MESSAGE]}
    ok = api.post("/api/v1/opportunities/", {**body, "description": "x" * 10_000}, format="json")
    assert ok.status_code == 201, ok.content


@pytest.mark.django_db
def test_the_services_limit_descriptions_reasons_and_notes():
    from clusterbridge.marketplace.models import Report
    from clusterbridge.marketplace.services import interests, messaging, opportunities
    from tests.factories import StaffFactory, UserFactory
    from tests.marketplace.factories import opportunity, poster

    user, org = poster()
    with pytest.raises(ValidationError) as excinfo:
        opportunity(user=user, organisation=org, description=LONG_DESCRIPTION)
    assert excinfo.value.message_dict == {"description": [DESCRIPTION_MESSAGE]}
    post = opportunity(user=user, organisation=org)
    with pytest.raises(ValidationError) as excinfo:
        opportunities.update_opportunity(
            opportunity=post, actor=user, data={"description": LONG_DESCRIPTION}
        )
    assert excinfo.value.message_dict == {"description": [DESCRIPTION_MESSAGE]}

    other, other_org = poster()
    with pytest.raises(ValidationError) as excinfo:
        interests.express_interest(
            opportunity=post, actor=other, organisation=other_org,
            cooperation_sought="technical", message="Hello", missing_information="m" * 2001,
        )  # fmt: skip
    assert excinfo.value.messages == [
        "The missing information is 2,001 characters long; at most 2,000."
    ]
    with pytest.raises(ValidationError) as excinfo:
        interests.express_interest(
            opportunity=post, actor=other, organisation=other_org,
            cooperation_sought="technical", message="Hello", details="d" * 2001,
        )  # fmt: skip
    assert excinfo.value.messages == [
        "The text about your organisation is 2,001 characters long; at most 2,000."
    ]

    staff = StaffFactory()
    with pytest.raises(ValidationError) as excinfo:
        opportunities.unpublish_opportunity(opportunity=post, actor=staff, reason="r" * 2001)
    assert excinfo.value.messages == ["The reason is 2,001 characters long; at most 2,000."]

    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="S", body="Spam"
    )
    report = messaging.report(
        reporter=bob, reported_user=alice, conversation=conversation, reason="Spam"
    )
    with pytest.raises(ValidationError) as excinfo:
        messaging.resolve_report(report=report, actor=staff, action="dismiss", note="n" * 2001)
    assert excinfo.value.messages == ["The note is 2,001 characters long; at most 2,000."]
    assert Report.objects.get().status == "open"
