"""What the calls app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.notifications.kinds import NotificationKind, register

GROUP = _("Funding calls")

register(
    NotificationKind(
        code="calls.deadline_7",
        title=_("One week left: {call} (stage {stage}) closes on {deadline_datetime}"),
        label=_("Deadlines of calls you follow, a week before"),
        group=GROUP,
    ),
    NotificationKind(
        code="calls.deadline_1",
        title=_("Last day: {call} (stage {stage}) closes on {deadline_datetime}"),
        label=_("Deadlines of calls you follow, the day before"),
        group=GROUP,
    ),
    NotificationKind(
        code="calls.proposal_submitted",
        title=_("Receipt: proposal {proposal} submitted to {call}"),
        body=_("Reference {reference}, submitted on {submitted_datetime}."),
        label=_("Receipts of the proposals your organisation submits"),
        group=GROUP,
    ),
)
