"""The benchmarking app's sections of "My account" (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.benchmarking.models import Assessment, Label
from clusterbridge.common.hub import HubSection
from clusterbridge.organisations.queries import memberships


def sections(request) -> list[HubSection]:
    organisation_ids = memberships.organisation_ids_of(request.user)
    if not organisation_ids:
        return []
    assessments = list(
        Assessment.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-created_at", "-id")[:5]
    )
    labels = list(
        Label.objects.filter(organisation_id__in=organisation_ids, status=Label.Status.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return [
        HubSection(
            key="my-benchmarks",
            title=_("My benchmarks and labels"),
            template="benchmarking/hub/benchmarks.html",
            context={"assessments": assessments, "labels": labels},
            order=40,
        )
    ]
