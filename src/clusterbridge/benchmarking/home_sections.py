"""Benchmarking's part of the home page (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.benchmarking.models import Label
from clusterbridge.common.hub import HubSection


def sections(request) -> list[HubSection]:
    recent = list(
        Label.objects.filter(status=Label.Status.ACTIVE, organisation__status="published")
        .select_related("organisation")
        .order_by("-valid_from", "-pk")[:5]
    )
    return [
        HubSection(
            key="recent-labels",
            title=_("Recently labelled organisations"),
            template="benchmarking/home/labels.html",
            context={"labels": recent},
            order=50,
        )
    ]
