"""What the calls app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.calls.models.choices import ProposalStatus
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

register(
    NotificationKind(
        code="calls.review_assigned",
        title=_("You are asked to review the proposal {proposal} to {call}"),
        body=_("First declare whether you have a conflict of interest; then score each criterion."),
        label=_("Proposals you are asked to review"),
        group=GROUP,
    ),
    NotificationKind(
        code="calls.review_declined",
        title=_("{reviewer} declared a conflict of interest with the proposal {proposal}"),
        body=_("Assign another reviewer to {call}."),
        label=_("Reviewers who declare a conflict of interest (evaluation managers)"),
        group=GROUP,
    ),
    NotificationKind(
        code="calls.funding_decided",
        title=_("Result of {call} for your proposal {proposal}: {result}"),
        body=_("Score {score} of 100, rank {rank} of {count}. {summary}"),
        label=_("Results of the proposals of your organisation"),
        group=GROUP,
        always_email=True,
        labels={"result": dict(ProposalStatus.choices)},
    ),
)
