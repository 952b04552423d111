"""The audit log: one entry for each action that matters, none for a change rolled back."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from clusterbridge.common import audit
from clusterbridge.common.models import AuditEntry
from clusterbridge.events.services import registration as registrations
from clusterbridge.events.services import scheduling
from clusterbridge.marketplace.services.opportunities import unpublish_opportunity
from clusterbridge.organisations.models import ProfileStatus
from clusterbridge.organisations.services import memberships, profiles
from tests.benchmarking.factories import validated_assessment
from tests.events.factories import EventFactory, RegistrationFactory, add_slots
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_profile_moderation_and_roles_are_logged_with_who_what_and_where_from():
    staff = StaffFactory(name="Sam Staff")
    org = OrganisationFactory(name="Audit Org", status=ProfileStatus.DRAFT, published_at=None)
    admin = MembershipFactory(organisation=org).user
    colleague = MembershipFactory(organisation=org, role="member", user=UserFactory(name="Col"))
    profiles.submit_for_validation(organisation=org, actor=admin)
    profiles.send_back(organisation=org, actor=staff, reason="Add a logo.")
    profiles.submit_for_validation(organisation=org, actor=admin)
    profiles.publish(organisation=org, actor=staff)
    memberships.change_role(membership=colleague, actor=admin, role="admin")
    assert _actions() == [
        "organisations.submitted",
        "organisations.returned",
        "organisations.submitted",
        "organisations.published",
        "organisations.members_changed",
    ]
    published = AuditEntry.objects.get(action="organisations.published")
    assert (published.actor, published.actor_label, published.object_label) == (
        staff,
        "Sam Staff",
        "Audit Org",
    )
    assert published.organisation_id == org.pk
    assert published.source == "clusterbridge.organisations.services.profiles.publish"
    returned = AuditEntry.objects.get(action="organisations.returned")
    assert returned.changes == {"reason": "Add a logo."}
    roles = AuditEntry.objects.get(action="organisations.members_changed")
    assert roles.changes == {"role": ["member", "admin"], "member": "Col"}
    assert roles.source == "clusterbridge.organisations.services.memberships.change_role"


def test_a_rolled_back_change_leaves_no_entry():
    staff = StaffFactory()
    org = OrganisationFactory(status=ProfileStatus.SUBMITTED, published_at=None)
    with pytest.raises(RuntimeError), transaction.atomic():
        profiles.publish(organisation=org, actor=staff)
        raise RuntimeError("something later in the same request fails")
    assert AuditEntry.objects.count() == 0
    with pytest.raises(ValidationError):
        profiles.send_back(organisation=org, actor=staff, reason="")
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit.record(actor=None, action="x.y")


def test_admissions_schedules_labels_and_moderation_are_logged(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    event = EventFactory(admission_policy="review")
    add_slots(event, 1)
    pending = RegistrationFactory(event=event, status="pending")
    registrations.decide(registration=pending, actor=staff, decision="admitted")
    with pytest.raises(ValidationError):
        scheduling.publish_agenda(event=event, actor=staff)  # nothing scheduled: no entry
    validated_assessment(OrganisationFactory(name="Label Org", kind="cluster"))
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    unpublish_opportunity(opportunity=post, actor=staff, reason="Spam.")
    assert _actions() == [
        "events.admission_decided",
        "benchmarking.validated",
        "benchmarking.label_awarded",
        "marketplace.unpublished",
    ]
    decided = AuditEntry.objects.get(action="events.admission_decided")
    assert decided.changes == {"status": ["pending", "admitted"], "event": event.title}
    assert decided.organisation_id == event.organiser_id


def test_staff_logins_and_exports_are_logged(client):
    staff = StaffFactory()
    client.post(
        "/accounts/login/", {"login": staff.email, "password": "correct horse battery staple"}
    )
    member = UserFactory()
    client.force_login(member)
    client.get("/me/privacy/export.json")
    assert _actions() == ["accounts.staff_login", "accounts.personal_data_exported"]


def test_staff_filter_the_log_and_download_it_others_get_404(client):
    staff = StaffFactory(name="Sam Staff")
    org = OrganisationFactory(status=ProfileStatus.SUBMITTED, published_at=None, name="Filter Org")
    profiles.publish(organisation=org, actor=staff)
    profiles_other = OrganisationFactory(status=ProfileStatus.SUBMITTED, published_at=None)
    profiles.publish(organisation=profiles_other, actor=StaffFactory(name="Other Staff"))
    client.force_login(UserFactory())
    assert client.get(reverse("audit_log")).status_code == 404
    client.force_login(staff)
    page = client.get(reverse("audit_log"), {"actor": "Sam", "action": "organisations.published"})
    assert [e.object_label for e in page.context["page"].object_list] == ["Filter Org"]
    assert "Profile published" in page.content.decode()
    bad = client.get(reverse("audit_log"), {"since": "2026-12-31", "until": "2026-01-01"})
    assert "The start date is after the end date." in bad.content.decode()
    csv = client.get(
        reverse("audit_log"), {"actor": "Sam", "action": "organisations.published", "format": "csv"}
    )
    text = b"".join(csv.streaming_content).decode()
    assert (
        text.splitlines()[0]
        == "at,actor,action,object_type,object_id,object,organisation_id,changes,source"
    )
    assert len(text.splitlines()) == 2 and "Filter Org" in text
    assert AuditEntry.objects.filter(action="common.audit_exported").count() == 1


def test_organisation_admins_see_decisions_about_their_organisation(client):
    org = OrganisationFactory(name="Seen Org", kind="cluster")
    admin = MembershipFactory(organisation=org).user
    validated_assessment(org, admin=admin)
    validated_assessment(OrganisationFactory(name="Unrelated", kind="cluster"))
    client.force_login(admin)
    page = client.get(f"/organisations/{org.slug}/history/")
    assert [e.action for e in page.context["activity"]] == [
        "benchmarking.label_awarded",
        "benchmarking.validated",
    ]
    assert "Label awarded" in page.content.decode()
