"""The events' part of the home page (see clusterbridge.common.hub)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.events.models import Meeting, MeetingRequest
from clusterbridge.events.queries.calendar import calendar


def sections(request) -> list[HubSection]:
    found = [
        HubSection(
            key="upcoming-events",
            title=_("Upcoming events"),
            template="events/home/upcoming.html",
            context={"events": list(calendar(when="upcoming")[:4])},
            order=20,
        )
    ]
    user = request.user
    if user.is_authenticated:
        next_meeting = (
            Meeting.objects.filter(
                participants__user=user,
                status="scheduled",
                communicated=True,
                slot__start__gte=timezone.now(),
            )
            .select_related("event", "slot", "table")
            .order_by("slot__start")
            .first()
        )
        to_answer = MeetingRequest.objects.filter(
            recipient__user=user, status="pending", event__end__gte=timezone.now()
        ).count()
        if next_meeting or to_answer:
            found.append(
                HubSection(
                    key="my-next-meeting",
                    title=_("Your meetings"),
                    template="events/home/mine.html",
                    context={"meeting": next_meeting, "to_answer": to_answer},
                    order=1,
                )
            )
    return found
