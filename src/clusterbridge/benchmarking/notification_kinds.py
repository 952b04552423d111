"""What the benchmarking app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.benchmarking.models import LabelLevel
from clusterbridge.notifications.kinds import NotificationKind, register

GROUP = _("Benchmarking and labels")
LEVELS = {"level": dict(LabelLevel.choices)}

register(
    NotificationKind(
        code="benchmarking.submitted",
        title=_("Benchmark of {organisation} submitted for review"),
        label=_("A benchmark to review (assessors)"),
        group=GROUP,
    ),
    NotificationKind(
        code="benchmarking.changes_requested",
        title=_("Changes requested in the benchmark of {organisation}"),
        body="{note}",
        label=_("Changes requested in a benchmark"),
        group=GROUP,
    ),
    NotificationKind(
        code="benchmarking.validated",
        title=_("The benchmark of {organisation} is validated"),
        body=_("Overall score: {score} %."),
        label=_("Benchmark validated"),
        group=GROUP,
    ),
    NotificationKind(
        code="benchmarking.validated_without_score",
        title=_("The benchmark of {organisation} is validated"),
        label=_("Benchmark validated"),
        group=GROUP,
    ),
    NotificationKind(
        code="benchmarking.label_awarded",
        title=_("{organisation} holds the {level} label"),
        body=_("Valid until {valid_until_date}."),
        label=_("Label awarded"),
        group=GROUP,
        labels=LEVELS,
    ),
    NotificationKind(
        code="benchmarking.label_withdrawn",
        title=_("The {level} label of {organisation} was withdrawn"),
        body="{reason}",
        label=_("Label withdrawn"),
        group=GROUP,
        labels=LEVELS,
    ),
    NotificationKind(
        code="benchmarking.label_expired",
        title=_("The {level} label of {organisation} expired"),
        body=_("Start a new benchmark to earn a label again."),
        label=_("Label expired or expiring"),
        group=GROUP,
        labels=LEVELS,
    ),
    NotificationKind(
        code="benchmarking.label_expiring",
        title=_("The {level} label of {organisation} expires on {valid_until_date}"),
        body=_("Renew it with a new benchmark: start one from the benchmarking page."),
        label=_("Label expired or expiring"),
        group=GROUP,
        labels=LEVELS,
    ),
)
