"""The daily commands: expiry with renewal reminders, and the opt-in weekly digest."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from clusterbridge.marketplace.models import Opportunity, OpportunityStatus
from clusterbridge.marketplace.services.digest import set_digest
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def test_expire_opportunities_command_expires_and_reminds(django_capture_on_commit_callbacks):
    user, org = poster()
    old = opportunity(user=user, organisation=org, title="Old")
    soon = opportunity(user=user, organisation=org, title="Soon")
    now = timezone.now()
    Opportunity.objects.filter(pk=old.pk).update(expires_at=now - timedelta(days=1))
    Opportunity.objects.filter(pk=soon.pk).update(expires_at=now + timedelta(days=10))
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("runperiodic", run="marketplace.expire_opportunities", stdout=out)
    assert out.getvalue().strip() == (
        "marketplace.expire_opportunities: Expired 1 opportunities; sent 1 renewal reminders."
    )
    assert Opportunity.objects.get(pk=old.pk).status == OpportunityStatus.EXPIRED
    assert sorted(m.subject for m in mail.outbox) == [
        f"[Clusterbridge] Your opportunity {old.reference} has expired",
        f"[Clusterbridge] Your opportunity {soon.reference} expires on "
        + date_format(timezone.localdate(now + timedelta(days=10)), "DATE_FORMAT"),
    ]


def test_digest_goes_to_subscribers_only_once_a_week(django_capture_on_commit_callbacks):
    seeker, seeker_org = poster(name="Seeker")
    opportunity(
        user=seeker, organisation=seeker_org, kind="technology_request", title="Need lasers"
    )
    quiet, _quiet_org = poster(name="Quiet")
    offerer, offer_org = poster(name="Offerer")
    offer = opportunity(user=offerer, organisation=offer_org, title="Laser welding offered")
    set_digest(user=seeker, weekly=True)
    set_digest(user=quiet, weekly=False)
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("runperiodic", run="marketplace.digest", stdout=out)
    assert out.getvalue().strip() == "marketplace.digest: Sent 1 marketplace digests."
    assert [m.to for m in mail.outbox] == [[seeker.email]]
    assert offer.reference in mail.outbox[0].body
    assert "Answers your post “Need lasers”" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("runperiodic", run="marketplace.digest", stdout=StringIO())
    assert len(mail.outbox) == 1
