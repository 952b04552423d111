"""The profile service: create, edit with history, submit, publish, send back, website check."""

from __future__ import annotations

import http.server
import socket
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import (
    Membership,
    Organisation,
    ProfileChange,
    ProfileStatus,
    SizeBand,
)
from clusterbridge.organisations.services import profiles
from clusterbridge.organisations.tasks import check_website, website_answers
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "name": "Zürich Photonics Cluster",
        "kind": "cluster",
        "country": "CH",
        "city": "Zürich",
        "short_description": "Lasers and optics in the Zürich area.",
        "members_smes": 10,
        "members_research": 5,
    }
    data.update(overrides)
    return data


# -- create ---------------------------------------------------------------------------------


def test_create_organisation_makes_a_draft_with_the_creator_as_admin():
    user = UserFactory()
    automotive = ClusterCategory.objects.get(code="automotive")

    org = profiles.create_organisation(actor=user, data=_data(sectors=[automotive]))

    org.refresh_from_db()
    assert org.status == ProfileStatus.DRAFT
    assert org.slug == "zurich-photonics-cluster"
    assert org.published_at is None
    assert list(org.sectors.values_list("code", flat=True)) == ["automotive"]
    membership = Membership.objects.get(organisation=org)
    assert (membership.user, membership.role) == (user, Membership.Role.ADMIN)
    change = ProfileChange.objects.get(organisation=org)
    assert change.action == ProfileChange.Action.CREATED
    assert change.actor == user
    assert change.changes["name"] == [None, "Zürich Photonics Cluster"]
    assert change.changes["country"] == [None, "CH"]
    assert change.changes["members_smes"] == [None, 10]
    assert change.changes["sectors"] == [None, ["automotive"]]


def test_create_organisation_computes_derived_fields():
    org = profiles.create_organisation(actor=UserFactory(), data=_data())
    org.refresh_from_db()
    assert org.members_total == 15
    assert org.size_band == SizeBand.MEDIUM
    assert org.search_name == "zurich photonics cluster "
    assert "zurich" in org.search_document
    assert "lasers and optics" in org.search_document


def test_create_organisation_gives_a_free_slug_when_the_slug_is_taken():
    OrganisationFactory(name="Something else", slug="zurich-photonics-cluster")
    org = profiles.create_organisation(actor=UserFactory(), data=_data())
    assert org.slug == "zurich-photonics-cluster-2"


def test_create_organisation_rejects_unknown_fields():
    with pytest.raises(ValueError, match="Not profile fields: status"):
        profiles.create_organisation(actor=UserFactory(), data=_data(status="published"))
    assert not Organisation.objects.filter(name="Zürich Photonics Cluster").exists()


@pytest.mark.parametrize(
    "name", ["ZÜRICH PHOTONICS CLUSTER", "zürich photonics cluster", "  Zürich Photonics Cluster "]
)
def test_duplicate_name_case_insensitive_raises_and_writes_nothing(name):
    user = UserFactory()
    profiles.create_organisation(actor=user, data=_data())
    counts = (
        Organisation.objects.count(),
        Membership.objects.count(),
        ProfileChange.objects.count(),
    )

    with pytest.raises(ValidationError) as excinfo:
        profiles.create_organisation(actor=user, data=_data(name=name))

    assert excinfo.value.code == "duplicate_name"
    assert excinfo.value.messages == [
        f"An organisation called “{name.strip()}” is already registered."
    ]
    assert (
        Organisation.objects.count(),
        Membership.objects.count(),
        ProfileChange.objects.count(),
    ) == counts


# -- update ---------------------------------------------------------------------------------


def test_update_profile_records_exactly_the_changed_fields():
    org = OrganisationFactory(city="Berlin", members_smes=3)
    admin = MembershipFactory(organisation=org).user

    profiles.update_profile(
        organisation=org,
        actor=admin,
        data={"city": "Munich", "members_smes": 20, "name": org.name, "kind": org.kind},
    )

    change = ProfileChange.objects.get(organisation=org)
    assert change.action == ProfileChange.Action.UPDATED
    assert change.actor == admin
    assert change.changes == {"city": ["Berlin", "Munich"], "members_smes": [3, 20]}


def test_update_profile_refreshes_derived_fields():
    org = OrganisationFactory(members_smes=3)
    admin = MembershipFactory(organisation=org).user
    assert org.size_band == SizeBand.SMALL

    profiles.update_profile(
        organisation=org,
        actor=admin,
        data={
            "members_smes": 100,
            "members_universities": 60,
            "description": "Große Pläne für Köln",
        },
    )

    org.refresh_from_db()
    assert org.members_total == 160
    assert org.size_band == SizeBand.XLARGE
    assert "grosse plane fur koln" in org.search_document


def test_update_profile_records_m2m_changes():
    org = OrganisationFactory(sectors=["automotive"], technologies=["photonics"])
    admin = MembershipFactory(organisation=org).user
    new_sectors = list(
        ClusterCategory.objects.filter(code__in=["automotive", "biopharmaceuticals"])
    )

    profiles.update_profile(
        organisation=org,
        actor=admin,
        data={"sectors": new_sectors, "technologies": []},
    )

    change = ProfileChange.objects.get(organisation=org)
    assert change.changes == {
        "sectors": [["automotive"], ["automotive", "biopharmaceuticals"]],
        "technologies": [["photonics"], []],
    }
    assert sorted(org.sectors.values_list("code", flat=True)) == [
        "automotive",
        "biopharmaceuticals",
    ]
    assert org.technologies.count() == 0


def test_update_profile_records_region_country_and_decimal_as_json():
    org = OrganisationFactory(region="DE30", management_fte=Decimal("1.50"))
    admin = MembershipFactory(organisation=org).user

    profiles.update_profile(
        organisation=org,
        actor=admin,
        data={
            "country": "FR",
            "nuts_region": NutsRegion.objects.get(code="FR10"),
            "management_fte": Decimal("2.25"),
        },
    )

    change = ProfileChange.objects.get(organisation=org)
    assert change.changes == {
        "country": ["DE", "FR"],
        "nuts_region": ["DE30", "FR10"],
        "management_fte": ["1.5", "2.25"],
    }


def test_update_without_changes_records_nothing():
    org = OrganisationFactory(sectors=["automotive"])
    admin = MembershipFactory(organisation=org).user
    profiles.update_profile(
        organisation=org,
        actor=admin,
        data={"name": org.name, "city": org.city, "sectors": list(org.sectors.all())},
    )
    assert not ProfileChange.objects.filter(organisation=org).exists()


def test_update_to_a_taken_name_raises_and_writes_nothing():
    OrganisationFactory(name="Taken Name")
    org = OrganisationFactory(name="Mine", city="Berlin", sectors=["automotive"])
    admin = MembershipFactory(organisation=org).user

    with pytest.raises(ValidationError) as excinfo:
        profiles.update_profile(
            organisation=org,
            actor=admin,
            data={"city": "Hamburg", "name": "taken name", "sectors": []},
        )

    assert excinfo.value.code == "duplicate_name"
    org.refresh_from_db()
    assert (org.name, org.city) == ("Mine", "Berlin")
    assert list(org.sectors.values_list("code", flat=True)) == ["automotive"]
    assert not ProfileChange.objects.filter(organisation=org).exists()


def test_renaming_to_the_same_name_in_another_case_is_allowed():
    org = OrganisationFactory(name="Mine")
    admin = MembershipFactory(organisation=org).user
    profiles.update_profile(organisation=org, actor=admin, data={"name": "MINE"})
    org.refresh_from_db()
    assert org.name == "MINE"
    assert ProfileChange.objects.get(organisation=org).changes == {"name": ["Mine", "MINE"]}


# -- submit ---------------------------------------------------------------------------------


def test_submit_incomplete_profile_lists_the_missing_items():
    org = OrganisationFactory(
        status=ProfileStatus.DRAFT, city="", short_description="", published_at=None
    )
    admin = MembershipFactory(organisation=org).user

    with pytest.raises(ValidationError) as excinfo:
        profiles.submit_for_validation(organisation=org, actor=admin)

    assert excinfo.value.code == "incomplete_profile"
    assert excinfo.value.messages == ["Before submitting, add the city, a short description."]
    org.refresh_from_db()
    assert org.status == ProfileStatus.DRAFT
    assert org.submitted_at is None


@pytest.mark.parametrize(
    ("status", "label"),
    [(ProfileStatus.PUBLISHED, "Published"), (ProfileStatus.SUBMITTED, "Submitted for validation")],
)
def test_submit_in_the_wrong_state_is_refused(status, label):
    org = OrganisationFactory(status=status)
    admin = MembershipFactory(organisation=org).user
    with pytest.raises(ValidationError) as excinfo:
        profiles.submit_for_validation(organisation=org, actor=admin)
    assert excinfo.value.code == "not_submittable"
    assert excinfo.value.messages == [
        f"Only a draft or a returned profile can be submitted; this one is “{label}”."
    ]


@pytest.mark.parametrize("status", [ProfileStatus.DRAFT, ProfileStatus.RETURNED])
def test_submit_notifies_active_staff_after_commit(status, django_capture_on_commit_callbacks):
    staff = StaffFactory(email="staff1@example.org")
    StaffFactory(email="staff2@example.org")
    StaffFactory(email="gone@example.org", is_active=False)
    org = OrganisationFactory(name="Submit Me", status=status, published_at=None)
    admin = MembershipFactory(organisation=org).user

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profiles.submit_for_validation(organisation=org, actor=admin)
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()

    org.refresh_from_db()
    assert org.status == ProfileStatus.SUBMITTED
    assert org.submitted_at is not None
    assert ProfileChange.objects.get(organisation=org).action == ProfileChange.Action.SUBMITTED
    # One e-mail per person (nobody sees the others' addresses), and its in-app twin.
    assert sorted(m.to[0] for m in mail.outbox) == ["staff1@example.org", "staff2@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Clusterbridge] Profile to validate: Submit Me"
    assert "/staff/moderation/submit-me/" in message.body
    notification = Notification.objects.get(user=staff)
    assert (notification.kind, notification.title, notification.url) == (
        "organisations.submitted",
        "Profile to validate: Submit Me",
        "/staff/moderation/submit-me/",
    )
    assert Notification.objects.count() == 2


# -- publish / send back ----------------------------------------------------------------------


def _submitted_org_with_admins():
    org = OrganisationFactory(
        name="Review Me", status=ProfileStatus.SUBMITTED, published_at=None, return_reason="old"
    )
    MembershipFactory(organisation=org, user=UserFactory(email="b-admin@example.org"))
    MembershipFactory(organisation=org, user=UserFactory(email="a-admin@example.org"))
    MembershipFactory(
        organisation=org, user=UserFactory(email="member@example.org"), role=Membership.Role.MEMBER
    )
    return org


def test_publish_requires_staff():
    org = _submitted_org_with_admins()
    admin = org.memberships.filter(role="admin").first().user
    with pytest.raises(PermissionDenied):
        profiles.publish(organisation=org, actor=admin)
    org.refresh_from_db()
    assert org.status == ProfileStatus.SUBMITTED


def test_publish_only_a_submitted_profile():
    org = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError) as excinfo:
        profiles.publish(organisation=org, actor=StaffFactory())
    assert excinfo.value.messages == ["Only a submitted profile can be published."]


def test_publish_sets_status_history_and_mails_the_admins(django_capture_on_commit_callbacks):
    org = _submitted_org_with_admins()
    staff = StaffFactory()

    with django_capture_on_commit_callbacks(execute=True):
        profiles.publish(organisation=org, actor=staff)

    org.refresh_from_db()
    assert org.status == ProfileStatus.PUBLISHED
    assert org.published_at is not None
    assert org.return_reason == ""
    change = ProfileChange.objects.get(organisation=org)
    assert (change.action, change.actor) == (ProfileChange.Action.PUBLISHED, staff)
    assert sorted(m.to[0] for m in mail.outbox) == ["a-admin@example.org", "b-admin@example.org"]
    assert mail.outbox[0].subject == "[Clusterbridge] Your profile is published: Review Me"
    assert "/organisations/review-me/" in mail.outbox[0].body
    assert sorted(
        Notification.objects.filter(kind="organisations.published").values_list(
            "user__email", flat=True
        )
    ) == ["a-admin@example.org", "b-admin@example.org"]


def test_send_back_requires_staff():
    org = _submitted_org_with_admins()
    with pytest.raises(PermissionDenied):
        profiles.send_back(organisation=org, actor=UserFactory(), reason="Fix it")


@pytest.mark.parametrize("reason", ["", "   \n ", None])
def test_send_back_requires_a_reason(reason):
    org = _submitted_org_with_admins()
    with pytest.raises(ValidationError) as excinfo:
        profiles.send_back(organisation=org, actor=StaffFactory(), reason=reason)
    assert excinfo.value.messages == ["Say what needs to change before sending the profile back."]
    org.refresh_from_db()
    assert org.status == ProfileStatus.SUBMITTED


def test_send_back_only_a_submitted_profile():
    org = OrganisationFactory(status=ProfileStatus.PUBLISHED)
    with pytest.raises(ValidationError) as excinfo:
        profiles.send_back(organisation=org, actor=StaffFactory(), reason="Fix it")
    assert excinfo.value.messages == ["Only a submitted profile can be sent back."]


def test_send_back_records_the_reason_and_mails_the_admins(django_capture_on_commit_callbacks):
    org = _submitted_org_with_admins()
    staff = StaffFactory()

    with django_capture_on_commit_callbacks(execute=True):
        profiles.send_back(organisation=org, actor=staff, reason="  Add your member numbers.  ")

    org.refresh_from_db()
    assert org.status == ProfileStatus.RETURNED
    assert org.return_reason == "Add your member numbers."
    change = ProfileChange.objects.get(organisation=org)
    assert (change.action, change.actor, change.reason) == (
        ProfileChange.Action.RETURNED,
        staff,
        "Add your member numbers.",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a-admin@example.org", "b-admin@example.org"]
    assert mail.outbox[0].subject == "[Clusterbridge] Changes requested: Review Me"
    assert "Add your member numbers." in mail.outbox[0].body
    assert "/organisations/review-me/edit/" in mail.outbox[0].body


def test_a_returned_profile_can_be_submitted_and_published_again(
    django_capture_on_commit_callbacks,
):
    org = _submitted_org_with_admins()
    staff = StaffFactory()
    admin = org.memberships.filter(role="admin").first().user
    with django_capture_on_commit_callbacks(execute=True):
        profiles.send_back(organisation=org, actor=staff, reason="More detail")
        profiles.submit_for_validation(organisation=org, actor=admin)
        profiles.publish(organisation=org, actor=staff)
    org.refresh_from_db()
    assert org.status == ProfileStatus.PUBLISHED
    assert org.return_reason == ""
    assert list(
        ProfileChange.objects.filter(organisation=org)
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "returned",
        "submitted",
        "published",
    ]


# -- website check ----------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        status = 200 if self.path == "/" else 404
        if self.path == "/no-head":
            status = 405
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        status = 200 if self.path in ("/", "/no-head") else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def _local_addresses_allowed(settings):
    # The website check refuses internal addresses (tests/common/test_safe_http.py); these tests
    # check the rest of its behaviour against a server on 127.0.0.1.
    settings.WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]


@pytest.fixture
def local_site(_local_addresses_allowed):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port_url(_local_addresses_allowed):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/"


def test_website_answers(local_site, closed_port_url):
    assert website_answers(f"{local_site}/", timeout=2) is True
    assert website_answers(f"{local_site}/no-head", timeout=2) is True  # GET after a 405 on HEAD
    assert website_answers(f"{local_site}/missing", timeout=2) is False
    assert website_answers(closed_port_url, timeout=2) is False


def test_website_answers_false_for_an_unparseable_url():
    # website_answers catches ValueError, so a malformed address must give False, not an error.
    assert website_answers("not a url", timeout=2) is False


def test_changing_the_website_checks_it_after_commit(
    local_site, django_capture_on_commit_callbacks
):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org).user

    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(organisation=org, actor=admin, data={"website": f"{local_site}/"})

    org.refresh_from_db()
    assert org.website_active is True
    assert org.website_checked_at is not None


def test_an_unreachable_website_is_marked_inactive(
    closed_port_url, django_capture_on_commit_callbacks
):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org).user

    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(organisation=org, actor=admin, data={"website": closed_port_url})

    org.refresh_from_db()
    assert org.website_active is False
    assert org.website_checked_at is not None


def test_check_website_without_a_website_does_nothing():
    org = OrganisationFactory(website="")
    result = check_website.enqueue(organisation_id=org.pk)
    assert result.return_value is None
    org.refresh_from_db()
    assert org.website_active is None
    assert org.website_checked_at is None


def test_an_unchanged_website_is_not_checked_again(local_site, django_capture_on_commit_callbacks):
    org = OrganisationFactory(website=f"{local_site}/")
    admin = MembershipFactory(organisation=org).user
    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(
            organisation=org, actor=admin, data={"website": f"{local_site}/", "city": "Bonn"}
        )
    org.refresh_from_db()
    assert org.city == "Bonn"
    assert org.website_active is None
    assert org.website_checked_at is None
