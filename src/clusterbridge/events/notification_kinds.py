"""What the events app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.events.models import EventFormat
from clusterbridge.notifications.kinds import NotificationKind, register

GROUP = _("Events and meetings")

register(
    NotificationKind(
        code="events.registration_pending",
        title=_("{event}: registration received"),
        body=_("Your registration is received; the organiser will decide on it."),
        label=_("Registration received"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.registration_admitted",
        title=_("{event}: you are admitted"),
        body=_("You are admitted."),
        label=_("Admitted to an event"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.registration_waiting",
        title=_("{event}: on the waiting list"),
        body=_("The event is full: you are on the waiting list and move up when someone cancels."),
        label=_("Placed on a waiting list"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.registration_reserve",
        title=_("{event}: on the reserve list"),
        body=_("You are on the reserve list and move up when someone cancels."),
        label=_("Placed on a reserve list"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.registration_rejected",
        title=_("{event}: not admitted"),
        body=_("The organiser could not offer you a place."),
        label=_("Not admitted to an event"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.registration_cancelled",
        title=_("{event}: registration cancelled"),
        body=_("Your registration is cancelled."),
        label=_("Registration cancelled"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.meeting_request_received",
        title=_("{sender} would like to meet you at {event}"),
        body="{message}",
        label=_("Meeting request received"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.meeting_request_accepted",
        title=_("{recipient} accepted your meeting request"),
        body=_("{event}: the meeting will be on your agenda once scheduled."),
        label=_("Meeting request answered"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.meeting_request_declined",
        title=_("{recipient} declined your meeting request"),
        body="{event}",
        label=_("Meeting request answered"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.agenda_published",
        title=_("Your agenda for {event} is published"),
        body=_("Your meetings, with times and tables or video links, are on your agenda."),
        label=_("Agenda published or updated"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.agenda_updated",
        title=_("Your agenda for {event} is updated"),
        body=_("Your meetings, with times and tables or video links, are on your agenda."),
        label=_("Agenda published or updated"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.agenda_changed",
        title=_("Your agenda for {event} has changed"),
        body=_("The organiser moved or cancelled one of your meetings."),
        label=_("Agenda published or updated"),
        group=GROUP,
    ),
    NotificationKind(
        code="events.reminder",
        title=_("Tomorrow: {event}"),
        body=_("The event starts on {start_datetime}. Where: {place}."),
        label=_("Reminder the day before an event"),
        group=GROUP,
        # An event without a venue or city is placed by its format (online, hybrid).
        labels={"place": dict(EventFormat.choices)},
    ),
    NotificationKind(
        code="events.reminder_with_agenda",
        title=_("Tomorrow: {event}"),
        body=_("The event starts on {start_datetime}. Where: {place}. Your agenda is online."),
        label=_("Reminder the day before an event"),
        group=GROUP,
        labels={"place": dict(EventFormat.choices)},
    ),
)
