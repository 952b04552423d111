"""The partnership life cycle: propose → invite → accept → validate → published, with the
transitions table, audit records, notifications and the facet copies."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import ProfileStatus
from clusterbridge.partnerships.models import (
    MemberRole,
    MemberState,
    PartnershipMember,
    PartnershipStatus,
)
from clusterbridge.partnerships.services import partnerships as services
from clusterbridge.partnerships.services.stories import add_story
from clusterbridge.taxonomy.models import ClusterCategory
from tests.factories import OrganisationFactory, StaffFactory, UserFactory
from tests.partnerships.factories import admin_of, member_of, proposed, published, with_partner

pytestmark = pytest.mark.django_db


def test_propose_makes_the_coordinator_its_first_accepted_member():
    staff = StaffFactory()
    coordinator = OrganisationFactory(name="Cluster Alpha", country="DE")
    actor = admin_of(coordinator)
    sector = ClusterCategory.objects.order_by("code").first()
    partnership = services.propose(
        actor=actor,
        coordinator=coordinator,
        name="  Hydrogen Valleys  ",
        acronym="H2V",
        kind="going_international",
        sectors=[sector],
        target_countries=["US", "KR", "US"],
    )
    assert partnership.name == "Hydrogen Valleys"
    assert partnership.slug == "h2v"
    assert partnership.status == PartnershipStatus.PROPOSED
    assert [str(c.code) for c in partnership.target_countries] == ["KR", "US"]
    assert sorted(c.code for c in partnership.target_country_set.all()) == ["KR", "US"]
    assert [c.code for c in partnership.member_country_set.all()] == ["DE"]
    member = PartnershipMember.objects.get(partnership=partnership)
    assert (member.organisation, member.role, member.state) == (
        coordinator,
        MemberRole.COORDINATOR,
        MemberState.ACCEPTED,
    )
    entry = AuditEntry.objects.get(action="partnerships.proposed")
    assert (entry.actor, entry.organisation_id) == (actor, coordinator.pk)
    assert list(Notification.objects.values_list("user", "kind")) == [
        (staff.pk, "partnerships.to_validate")
    ]


def test_only_an_administrator_of_the_coordinator_proposes():
    coordinator = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        proposed(coordinator=coordinator, actor=member_of(coordinator))
    with pytest.raises(PermissionDenied):
        proposed(coordinator=coordinator, actor=UserFactory())
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "   "}, "required"),
        ({"name": "x" * 201}, "too_long"),
        ({"kind": "cartel"}, "kind"),
        (
            {"starts_on": datetime.date(2026, 5, 1), "ends_on": datetime.date(2026, 4, 1)},
            "period",
        ),
        ({"target_countries": ["XX"]}, "country"),
        ({"objectives": "x" * 10_001}, "too_long"),
    ],
)
def test_bad_input_is_refused_with_a_code_and_nothing_is_written(fields, code):
    coordinator = OrganisationFactory()
    with pytest.raises(ValidationError) as caught:
        proposed(coordinator=coordinator, **fields)
    assert caught.value.code == code
    assert not PartnershipMember.objects.exists()


def test_an_unpublished_coordinator_cannot_propose():
    coordinator = OrganisationFactory(status=ProfileStatus.DRAFT)
    with pytest.raises(ValidationError) as caught:
        proposed(coordinator=coordinator)
    assert caught.value.code == "coordinator_unpublished"


def test_reserved_words_never_become_slugs():
    assert proposed(name="Stories").slug == "stories-partnership"


def test_invite_accept_updates_member_countries_and_notifies_both_sides():
    partnership = proposed()
    guest = OrganisationFactory(name="Pôle Bêta", country="FR")
    guest_admin = admin_of(guest)
    inviter = partnership.proposed_by
    member = services.invite(partnership=partnership, actor=inviter, organisation=guest)
    assert member.state == MemberState.INVITED
    assert Notification.objects.filter(user=guest_admin, kind="partnerships.invited").count() == 1
    assert [c.code for c in partnership.member_country_set.all()] == ["DE"]
    member = services.answer_invitation(member=member, actor=guest_admin, accept=True)
    assert member.state == MemberState.ACCEPTED
    assert member.answered_by == guest_admin
    assert sorted(c.code for c in partnership.member_country_set.all()) == ["DE", "FR"]
    notice = Notification.objects.get(user=inviter, kind="partnerships.answered")
    assert notice.params["organisation"] == "Pôle Bêta"
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "partnerships.proposed",
        "partnerships.invited",
        "partnerships.accepted",
    ]


def test_an_invitation_is_answered_once_and_a_declined_one_may_be_renewed():
    partnership = proposed()
    member = with_partner(partnership, accept=False)
    admin = member.answered_by
    with pytest.raises(ValidationError) as caught:
        services.answer_invitation(member=member, actor=admin, accept=True)
    assert caught.value.code == "transition"
    renewed = services.invite(
        partnership=partnership, actor=partnership.proposed_by, organisation=member.organisation
    )
    assert (renewed.pk, renewed.state) == (member.pk, MemberState.INVITED)
    services.answer_invitation(member=renewed, actor=admin, accept=True)
    with pytest.raises(ValidationError) as caught:
        services.invite(
            partnership=partnership,
            actor=partnership.proposed_by,
            organisation=member.organisation,
        )
    assert caught.value.code == "already_member"


def test_only_the_invited_organisations_administrator_answers():
    partnership = proposed()
    member = with_partner(partnership, accept=None)
    for outsider in (UserFactory(), member_of(member.organisation), partnership.proposed_by):
        with pytest.raises(PermissionDenied):
            services.answer_invitation(member=member, actor=outsider, accept=True)


def test_invitations_refuse_unpublished_organisations_and_the_coordinator_role():
    partnership = proposed()
    with pytest.raises(ValidationError) as caught:
        services.invite(
            partnership=partnership,
            actor=partnership.proposed_by,
            organisation=OrganisationFactory(status=ProfileStatus.DRAFT),
        )
    assert caught.value.code == "organisation_unpublished"
    with pytest.raises(ValidationError) as caught:
        services.invite(
            partnership=partnership,
            actor=partnership.proposed_by,
            organisation=OrganisationFactory(),
            role=MemberRole.COORDINATOR,
        )
    assert caught.value.code == "role"
    with pytest.raises(PermissionDenied):
        services.invite(
            partnership=partnership, actor=UserFactory(), organisation=OrganisationFactory()
        )


def test_staff_validate_only_with_two_accepted_members():
    partnership = proposed()
    staff = StaffFactory()
    with pytest.raises(ValidationError) as caught:
        services.validate(partnership=partnership, actor=staff)
    assert caught.value.code == "too_few_members"
    with_partner(partnership, accept=None)  # invited, not accepted: still too few
    with pytest.raises(ValidationError):
        services.validate(partnership=partnership, actor=staff)
    with_partner(partnership)
    with pytest.raises(PermissionDenied):
        services.validate(partnership=partnership, actor=partnership.proposed_by)
    partnership = services.validate(partnership=partnership, actor=staff)
    assert partnership.status == PartnershipStatus.PUBLISHED
    assert partnership.published_at is not None
    assert Notification.objects.filter(
        user=partnership.proposed_by, kind="partnerships.published"
    ).exists()


def test_transitions_table_is_enforced():
    assert services.TRANSITIONS[PartnershipStatus.WITHDRAWN] == set()
    partnership = published()
    staff = StaffFactory()
    with pytest.raises(ValidationError) as caught:
        services.validate(partnership=partnership, actor=staff)
    assert caught.value.code == "transition"
    with pytest.raises(ValidationError):
        services.send_back(partnership=partnership, actor=staff, reason="Too late")
    with pytest.raises(ValidationError):
        services.resubmit(partnership=partnership, actor=partnership.proposed_by)
    services.withdraw(partnership=partnership, actor=partnership.proposed_by)
    with pytest.raises(ValidationError):
        services.withdraw(partnership=partnership, actor=partnership.proposed_by)


def test_send_back_then_resubmit():
    partnership = proposed()
    staff = StaffFactory()
    with pytest.raises(ValidationError) as caught:
        services.send_back(partnership=partnership, actor=staff, reason="  ")
    assert caught.value.code == "required"
    partnership = services.send_back(
        partnership=partnership, actor=staff, reason="Add the target countries."
    )
    assert (partnership.status, partnership.return_reason) == (
        PartnershipStatus.RETURNED,
        "Add the target countries.",
    )
    notice = Notification.objects.get(kind="partnerships.returned")
    assert notice.params["reason"] == "Add the target countries."
    partnership = services.resubmit(partnership=partnership, actor=partnership.proposed_by)
    assert partnership.status == PartnershipStatus.PROPOSED


def test_stories_are_added_by_member_administrators_of_published_partnerships():
    partnership = proposed()
    admin = partnership.proposed_by
    story = {
        "title": "MoU with KOTRA",
        "story": "Signed in Seoul.",
        "result_type": "mou",
        "happened_on": datetime.date(2026, 3, 1),
        "country": "KR",
    }
    with pytest.raises(PermissionDenied):
        add_story(partnership=partnership, actor=admin, **story)
    partnership = published()
    admin = partnership.proposed_by
    with pytest.raises(PermissionDenied):
        add_story(partnership=partnership, actor=UserFactory(), **story)
    created = add_story(
        partnership=partnership,
        actor=admin,
        organisations=[partnership.coordinator],
        smes_involved=12,
        **story,
    )
    assert (created.title, created.country.code, created.smes_involved) == (
        "MoU with KOTRA",
        "KR",
        12,
    )
    assert list(created.organisations.all()) == [partnership.coordinator]
    assert AuditEntry.objects.filter(action="partnerships.story_added").count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": ""}, "required"),
        ({"story": " "}, "required"),
        ({"result_type": "merger"}, "result_type"),
        ({"country": "ZZ"}, "country"),
        ({"happened_on": datetime.date(2999, 1, 1)}, "date"),
        ({"smes_involved": -1}, "smes"),
    ],
)
def test_bad_stories_are_refused(changes, code):
    partnership = published()
    story = {
        "title": "Deal",
        "story": "A deal.",
        "result_type": "business_deal",
        "happened_on": datetime.date(2026, 1, 5),
    }
    with pytest.raises(ValidationError) as caught:
        add_story(partnership=partnership, actor=partnership.proposed_by, **(story | changes))
    assert caught.value.code == code
