import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from clusterbridge.events.models import Registration
from clusterbridge.events.services import registration as svc
from clusterbridge.notifications.models import Notification
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory


def _member(org=None, country="DE"):
    m = MembershipFactory(organisation=org or OrganisationFactory(country=country))
    return m.user, m.organisation


@pytest.mark.django_db
def test_first_come_then_waiting_list_promoted_on_cancel():
    event = EventFactory(capacity=2, admission_policy="first_come")
    regs = [svc.register(event=event, user=_member()[0]) for _ in range(3)]
    assert [r.status for r in regs] == ["admitted", "admitted", "waiting"]
    promoted = svc.cancel(registration=regs[0], actor=regs[0].user)
    assert promoted.pk == regs[2].pk
    regs[2].refresh_from_db()
    assert regs[2].status == "admitted"
    assert (
        Notification.objects.filter(user=regs[2].user, kind="events.registration_admitted").count()
        == 1
    )


@pytest.mark.django_db
def test_second_registration_deadline_and_questions_rejected_clearly():
    event = EventFactory(
        questions=["Your role?"], registration_deadline=timezone.now() + timedelta(days=1)
    )
    user, _ = _member()
    with pytest.raises(ValidationError, match="Please answer: Your role"):
        svc.register(event=event, user=user)
    svc.register(event=event, user=user, answers={"Your role?": "CEO"})
    with pytest.raises(ValidationError, match="already registered"):
        svc.register(event=event, user=user, answers={"Your role?": "CEO"})
    event.registration_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError, match="deadline"):
        svc.register(event=event, user=_member()[0], answers={"Your role?": "x"})
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_organisation_cap():
    event = EventFactory(admission_policy="org_cap", org_cap=2)
    org = OrganisationFactory(name="Cap Org")
    for _ in range(2):
        svc.register(event=event, user=_member(org)[0])
    with pytest.raises(
        ValidationError,
        match="Cap Org has already registered 2 people; this event admits at most 2",
    ):
        svc.register(event=event, user=_member(org)[0])


@pytest.mark.django_db
def test_geo_balance_selection_confirmed_after_deadline():
    organiser = StaffFactory()
    event = EventFactory(capacity=3, admission_policy="geo_balance")
    regs = [
        svc.register(event=event, user=_member(country=c)[0])
        for c in ["DE", "DE", "DE", "ES", "FR"]
    ]
    assert {r.status for r in regs} == {"pending"}
    assert svc.proposed_selection(event) == [regs[0].pk, regs[3].pk, regs[4].pk]
    event.registration_deadline = timezone.now() - timedelta(hours=1)
    event.save()
    assert svc.confirm_selection(event=event, actor=organiser) == (3, 2)
    assert list(Registration.objects.order_by("sequence").values_list("status", flat=True)) == [
        "admitted",
        "reserve",
        "reserve",
        "admitted",
        "admitted",
    ]


@pytest.mark.django_db
def test_review_decisions_respect_capacity():
    organiser = StaffFactory()
    event = EventFactory(capacity=1, admission_policy="review")
    a, b = (svc.register(event=event, user=_member()[0]) for _ in range(2))
    svc.decide(registration=a, actor=organiser, decision="admitted")
    with pytest.raises(ValidationError, match="The only place is taken"):
        svc.decide(registration=b, actor=organiser, decision="admitted")
    svc.decide(registration=b, actor=organiser, decision="rejected")
    assert (
        Notification.objects.filter(user=b.user, kind="events.registration_rejected").count() == 1
    )


@pytest.mark.django_db(transaction=True)
def test_50_concurrent_registrations_for_20_places_admit_exactly_20():
    event = EventFactory(capacity=20, admission_policy="first_come")
    users = [UserFactory() for _ in range(50)]
    barrier = threading.Barrier(50)
    errors: list[Exception] = []

    def go(user):
        try:
            barrier.wait()
            svc.register(event=event, user=user)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Registration.objects.filter(event=event, status="admitted").count() == 20
    assert Registration.objects.filter(event=event, status="waiting").count() == 30
    assert sorted(Registration.objects.values_list("sequence", flat=True)) == list(range(1, 51))


@pytest.mark.django_db
def test_registration_factory_is_usable():
    assert RegistrationFactory().status == "admitted"
