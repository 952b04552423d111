"""The events app's sections of "My account" (see clusterbridge.common.hub)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.events.models import Registration


def sections(request) -> list[HubSection]:
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=request.user, event__end__gte=now)
        .exclude(status="cancelled")
        .select_related("event")
        .annotate(
            requests_to_answer=Count(
                "received_requests", filter=Q(received_requests__status="pending"), distinct=True
            )
        )
        .order_by("event__start")[:10]
    )
    past = Registration.objects.filter(user=request.user, event__end__lt=now).count()
    return [
        HubSection(
            key="my-events",
            title=_("My events and agendas"),
            template="events/hub/events.html",
            context={"registrations": registrations, "past": past},
            order=20,
        )
    ]
