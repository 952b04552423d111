"""The calls app's section of "My account" (see clusterbridge.common.hub): the proposals the
person is asked to review and has not submitted yet. One query."""

from django.utils.translation import gettext as _

from clusterbridge.calls.models import ReviewState
from clusterbridge.calls.queries import evaluation
from clusterbridge.common.hub import HubSection


def sections(request) -> list[HubSection]:
    open_reviews = list(
        evaluation.assignments_of(request.user).filter(state=ReviewState.ASSIGNED)[:20]
    )
    if not open_reviews:
        return []
    return [
        HubSection(
            key="my-reviews",
            title=_("Proposals to review"),
            template="calls/hub/reviews.html",
            context={"assignments": open_reviews},
            order=47,
        )
    ]
