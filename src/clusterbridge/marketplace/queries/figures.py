"""The marketplace's figures: published opportunities by kind, interests, agreements."""

from __future__ import annotations

from django.db.models import Count, Q

from clusterbridge.marketplace.models import ExpressionOfInterest, InterestStatus, OpportunityKind
from clusterbridge.marketplace.queries.search import published


def marketplace_figures() -> dict:
    """Two queries, whatever the data size."""
    by_kind = dict(published().order_by().values_list("kind").annotate(n=Count("id")))
    interests = ExpressionOfInterest.objects.aggregate(
        total=Count("id"), agreements=Count("id", filter=Q(status=InterestStatus.AGREEMENT))
    )
    return {
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in OpportunityKind.choices],
        "published": sum(by_kind.values()),
        "interests": interests["total"],
        "agreements": interests["agreements"],
    }
