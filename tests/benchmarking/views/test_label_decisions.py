"""Withdrawing a label (staff and assessors) and an organisation's label decision history."""

from __future__ import annotations

import pytest
from django.core import mail

from clusterbridge.benchmarking.models import Label, LabelDecision
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.queries.directory import directory_version
from tests.benchmarking.factories import AssessorFactory, admin_of, validated_assessment
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled():
    """A published cluster with an active Bronze label; its admin; the validating assessor."""
    org = OrganisationFactory(name="Alpha Cluster")
    admin = admin_of(org)
    assessor = AssessorFactory().user
    validated_assessment(org, admin, assessor)
    return org, admin, assessor, Label.objects.get(organisation=org)


def _withdraw_url(label: Label) -> str:
    return f"/benchmarking/labels/{label.pk}/withdraw/"


def _history_url(org) -> str:
    return f"/benchmarking/organisations/{org.slug}/label-decisions/"


def test_staff_withdraws_with_a_reason_recorded_notified_and_directory_bumped(
    client, labelled, django_capture_on_commit_callbacks
):
    org, admin, _, label = labelled
    staff = StaffFactory(name="Stella Staff")
    client.force_login(staff)
    page = client.get(_withdraw_url(label))
    assert page.status_code == 200
    assert 'id="withdraw-form"' in page.content.decode()
    version = directory_version()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_withdraw_url(label), {"reason": "  Member figures were false.  "})
    assert response.status_code == 302
    assert response["Location"] == _history_url(org)
    label.refresh_from_db()
    assert label.status == Label.Status.WITHDRAWN
    decision = LabelDecision.objects.get(label=label, kind=LabelDecision.Kind.WITHDRAWN)
    assert (decision.decided_by, decision.reason, decision.level, decision.organisation) == (
        staff,
        "Member figures were false.",
        "bronze",
        org,
    )
    assert directory_version() == version + 1
    notification = Notification.objects.get(user=admin, kind="benchmarking.label_withdrawn")
    assert notification.title == "The Bronze label of Alpha Cluster was withdrawn"
    assert (notification.body, notification.url) == (
        "Member figures were false.",
        _history_url(org),
    )
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert mail.outbox[0].subject.endswith("The Bronze label of Alpha Cluster was withdrawn")
    history = client.get(_history_url(org))
    assert [str(m) for m in history.context["messages"]] == [
        "The Bronze label of Alpha Cluster was withdrawn."
    ]
    # The label is gone from the public list and the directory filter.
    assert client.get("/benchmarking/labels/").context["labels"].count() == 0
    assert client.get("/api/v1/organisations/", {"label": "bronze"}).json()["results"] == []


def test_an_outside_assessor_may_withdraw(client, labelled):
    _, _, _, label = labelled
    assessor = AssessorFactory().user
    client.force_login(assessor)
    assert client.post(_withdraw_url(label), {"reason": "Audit failed."}).status_code == 302
    decision = LabelDecision.objects.get(label=label, kind="withdrawn")
    assert (decision.decided_by, decision.reason) == (assessor, "Audit failed.")


def test_reason_is_required_and_nothing_is_written(client, labelled):
    _, _, _, label = labelled
    client.force_login(StaffFactory())
    response = client.post(_withdraw_url(label), {"reason": "   "})
    assert response.status_code == 400
    assert response.context["errors"] == ["Give the reason for withdrawing the label."]
    label.refresh_from_db()
    assert label.status == Label.Status.ACTIVE
    assert not LabelDecision.objects.filter(kind="withdrawn").exists()
    assert not Notification.objects.filter(kind="benchmarking.label_withdrawn").exists()


def test_assessor_of_the_organisation_is_refused_with_a_clear_message(client, labelled):
    org, _, _, label = labelled
    insider = AssessorFactory().user
    MembershipFactory(organisation=org, user=insider, role="member")
    client.force_login(insider)
    response = client.post(_withdraw_url(label), {"reason": "Conflict."})
    # A permission failure, answered like every other one: 403 with the reason.
    assert response.status_code == 403
    assert "You cannot withdraw the label of your own organisation." in response.content.decode()
    label.refresh_from_db()
    assert label.status == Label.Status.ACTIVE


def test_withdrawing_twice_says_only_active_labels(client, labelled):
    org, _, _, label = labelled
    client.force_login(StaffFactory())
    client.post(_withdraw_url(label), {"reason": "First."})
    again = client.post(_withdraw_url(label), {"reason": "Second."})
    assert again.status_code == 302
    assert again["Location"] == _history_url(org)
    assert [str(m) for m in client.get(_history_url(org)).context["messages"]] == [
        "The Bronze label of Alpha Cluster was withdrawn.",
        "Only an active label can be withdrawn.",
    ]
    assert LabelDecision.objects.filter(label=label, kind="withdrawn").count() == 1


@pytest.mark.parametrize("who", ["anonymous", "outsider", "org_admin", "inactive_assessor"])
def test_withdraw_page_is_404_for_everyone_else(client, labelled, who):
    _, admin, _, label = labelled
    if who == "anonymous":
        response = client.post(_withdraw_url(label), {"reason": "x"})
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        user = {
            "outsider": UserFactory,
            "org_admin": lambda: admin,
            "inactive_assessor": lambda: AssessorFactory(active=False).user,
        }[who]()
        client.force_login(user)
        assert client.get(_withdraw_url(label)).status_code == 404
        assert client.post(_withdraw_url(label), {"reason": "x"}).status_code == 404
    label.refresh_from_db()
    assert label.status == Label.Status.ACTIVE


def test_withdraw_is_reachable_from_the_label_list_for_staff_only(client, labelled):
    org, _, _, label = labelled
    public = client.get("/benchmarking/labels/").content.decode()
    assert _withdraw_url(label) not in public
    client.force_login(StaffFactory())
    staff_page = client.get("/benchmarking/labels/").content.decode()
    assert f'href="{_withdraw_url(label)}" id="withdraw-alpha-cluster"' in staff_page
    assert f'href="{_history_url(org)}"' in staff_page


def test_history_lists_who_decided_what_and_why(client, labelled):
    org, admin, assessor, label = labelled
    staff = StaffFactory(name="Stella Staff")
    client.force_login(staff)
    client.post(_withdraw_url(label), {"reason": "Member figures were false."})
    client.force_login(admin)
    index = client.get("/benchmarking/").content.decode()
    assert f'href="{_history_url(org)}" id="decisions-alpha-cluster"' in index
    response = client.get(_history_url(org))
    assert response.status_code == 200
    rows = [(d.kind, d.level, d.decided_by, d.reason) for d in response.context["decisions"]]
    assert rows[0] == ("withdrawn", "bronze", staff, "Member figures were false.")
    assert rows[1][:3] == ("awarded", "bronze", assessor)
    assert rows[1][3].startswith("Benchmark validated on ")
    assert len(rows) == 2
    body = response.content.decode()
    assert "Stella Staff" in body and "Member figures were false." in body
    assert response.context["active_label"] is None
    assert response.context["can_withdraw"] is False


def test_history_offers_withdrawal_to_staff_and_assessors_not_to_admins(client, labelled):
    org, admin, _, label = labelled
    client.force_login(admin)
    response = client.get(_history_url(org))
    assert (response.context["active_label"], response.context["can_withdraw"]) == (label, False)
    assert 'id="withdraw-link"' not in response.content.decode()
    for user in (StaffFactory(), AssessorFactory().user):
        client.force_login(user)
        response = client.get(_history_url(org))
        assert response.status_code == 200
        assert response.context["can_withdraw"] is True
        assert f'href="{_withdraw_url(label)}" id="withdraw-link"' in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "plain_member", "other_admin"])
def test_history_is_404_for_others(client, labelled, who):
    org, _, _, _ = labelled
    user = {
        "outsider": UserFactory,
        "plain_member": lambda: MembershipFactory(organisation=org, role="member").user,
        "other_admin": lambda: admin_of(OrganisationFactory()),
    }[who]()
    client.force_login(user)
    assert client.get(_history_url(org)).status_code == 404


def test_history_needs_login(client, labelled):
    org, _, _, _ = labelled
    response = client.get(_history_url(org))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
