"""The calls board's services: posting (who may, what is refused), withdrawing, following,
the next deadline as time passes, and the deadline reminders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterbridge.calls.models import Call, CallFollow, CallStage, CallStatus
from clusterbridge.calls.periodic import _deadlines
from clusterbridge.calls.services import calls as services
from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from clusterbridge.taxonomy.models import ClusterCategory
from tests.calls.factories import admin_of, agency, posted
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_post_a_call_published_at_once():
    staff = StaffFactory()
    sector = ClusterCategory.objects.order_by("code").first()
    now = timezone.now()
    call = posted(
        actor=staff,
        deadlines=[now + timedelta(days=10), now + timedelta(days=60)],
        stage_names=["Short proposal", "Full proposal"],
        budget_eur=Decimal("1000000"),
        funding_rate=Decimal(70),
        eligible_kinds=["cluster", "sme", "cluster"],
        eligible_countries=["FR", "DE"],
        sectors=[sector],
    )
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert call.slug == "innovation-express-2027"
    assert call.organisation is None
    assert call.eligible_kinds == ["cluster", "sme"]
    assert [str(c) for c in call.eligible_countries] == ["DE", "FR"]
    assert [(s.number, s.name) for s in call.stages.all()] == [
        (1, "Short proposal"),
        (2, "Full proposal"),
    ]
    assert call.next_deadline == call.stages.get(number=1).deadline
    assert list(call.sectors.all()) == [sector]
    assert "innovation express" in call.search_document
    entry = AuditEntry.objects.get(action="calls.posted")
    assert entry.actor == staff


def test_a_published_agency_admin_posts_for_the_agency():
    organisation = agency()
    call = posted(actor=admin_of(organisation), organisation=organisation)
    assert call.organisation == organisation


@pytest.mark.parametrize(
    "organisation_kwargs",
    [{"kind": "cluster"}, {"kind": "public_authority", "status": "draft"}],
)
def test_only_published_funding_agencies_post(organisation_kwargs):
    organisation = OrganisationFactory(**organisation_kwargs)
    with pytest.raises(PermissionDenied):
        posted(actor=admin_of(organisation), organisation=organisation)
    assert not Call.objects.exists()


def test_a_plain_user_cannot_post_in_the_platforms_name():
    with pytest.raises(PermissionDenied):
        posted(actor=UserFactory())


def test_a_member_who_is_not_admin_cannot_post():
    from tests.factories import MembershipFactory

    organisation = agency()
    member = MembershipFactory(organisation=organisation, role="member").user
    with pytest.raises(PermissionDenied):
        posted(actor=member, organisation=organisation)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "  "}, "required"),
        ({"funder_names": ""}, "required"),
        ({"level": "galactic"}, "level"),
        ({"kind": "loan"}, "kind"),
        ({"budget_eur": Decimal(-1)}, "budget"),
        ({"funding_rate": Decimal(0)}, "funding_rate"),
        ({"funding_rate": Decimal("100.01")}, "funding_rate"),
        ({"eligible_kinds": ["wizard"]}, "kind"),
        ({"eligible_countries": ["XX"]}, "country"),
        ({"deadlines": []}, "no_deadline"),
        ({"summary": "x" * 10_001}, "too_long"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(fields, code):
    with pytest.raises(ValidationError) as caught:
        posted(**fields)
    assert caught.value.code == code
    assert not Call.objects.exists()
    assert not CallStage.objects.exists()


def test_stage_deadlines_in_order_and_at_most_two():
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        posted(deadlines=[now + timedelta(days=5), now + timedelta(days=2)])
    assert caught.value.code == "stage_order"
    with pytest.raises(ValidationError) as caught:
        posted(deadlines=[now + timedelta(days=d) for d in (1, 2, 3)])
    assert caught.value.code == "stages"


def test_reserved_slugs_are_not_taken():
    assert posted(title="Post").slug == "call-post"
    assert posted(title="For you").slug == "call-for-you"


def test_withdraw_by_poster_and_transition_table():
    organisation = agency()
    admin = admin_of(organisation)
    call = posted(actor=admin, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.withdraw_call(actor=UserFactory(), call=call)
    services.withdraw_call(actor=admin, call=call)
    call.refresh_from_db()
    assert call.status == CallStatus.WITHDRAWN
    with pytest.raises(ValidationError) as caught:
        services.withdraw_call(actor=admin, call=call)
    assert caught.value.code == "transition"


def test_follow_is_idempotent_and_only_for_published_calls():
    user = UserFactory()
    call = posted()
    assert services.follow(actor=user, call=call) is True
    assert services.follow(actor=user, call=call) is False
    assert CallFollow.objects.filter(call=call, user=user).count() == 1
    assert services.unfollow(actor=user, call=call) is True
    assert services.unfollow(actor=user, call=call) is False
    services.withdraw_call(actor=StaffFactory(), call=call)
    call.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.follow(actor=user, call=call)


def test_next_deadline_moves_on_and_becomes_none():
    now = timezone.now()
    first, second = now + timedelta(days=1), now + timedelta(days=20)
    call = posted(deadlines=[first, second])
    assert services.refresh_deadlines(now=now) == 0
    assert services.refresh_deadlines(now=first + timedelta(seconds=1)) == 1
    call.refresh_from_db()
    assert call.next_deadline == second
    assert services.refresh_deadlines(now=first + timedelta(seconds=2)) == 0
    assert services.refresh_deadlines(now=second + timedelta(seconds=1)) == 1
    call.refresh_from_db()
    assert call.next_deadline is None


def test_reminders_7_days_and_1_day_once_each():
    now = timezone.now()
    deadline = now + timedelta(days=10)
    call = posted(deadlines=[deadline])
    followers = [UserFactory(), UserFactory()]
    for user in followers:
        services.follow(actor=user, call=call)
    assert services.send_deadline_reminders(now=now) == 0
    week_before = deadline - timedelta(days=7) + timedelta(minutes=1)
    assert services.send_deadline_reminders(now=week_before) == 2
    assert services.send_deadline_reminders(now=week_before) == 0  # marked
    day_before = deadline - timedelta(hours=23)
    assert services.send_deadline_reminders(now=day_before) == 2
    assert services.send_deadline_reminders(now=day_before) == 0
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == ["calls.deadline_1"] * 2 + ["calls.deadline_7"] * 2
    assert services.send_deadline_reminders(now=deadline + timedelta(minutes=1)) == 0


def test_a_late_first_run_sends_only_the_one_day_reminder():
    now = timezone.now()
    deadline = now + timedelta(hours=12)
    call = posted(deadlines=[deadline])
    services.follow(actor=UserFactory(), call=call)
    assert services.send_deadline_reminders(now=now) == 1
    assert list(Notification.objects.values_list("kind", flat=True)) == ["calls.deadline_1"]
    stage = call.stages.get()
    assert stage.reminded_7_days_at is not None and stage.reminded_1_day_at is not None


def test_withdrawn_calls_send_no_reminder():
    now = timezone.now()
    call = posted(deadlines=[now + timedelta(hours=12)])
    services.follow(actor=UserFactory(), call=call)
    services.withdraw_call(actor=StaffFactory(), call=call)
    assert services.send_deadline_reminders(now=now) == 0


def test_the_periodic_job_runs_both():
    posted(deadlines=[timezone.now() + timedelta(days=3)])
    assert _deadlines() == "0 call(s) moved to their next deadline, 0 reminder(s) sent."
    from clusterbridge.common.periodic import get_job

    assert get_job("calls.deadlines").every == timedelta(minutes=15)
