"""The observatory's part of an organisation's profile (see clusterbridge.common.hub): the
"smart correlation" — its region's strengths in its sectors (stars and location quotient of its
NUTS-2 region in each of its sectors, from the default dataset's latest year). Two queries,
and one more for a signed-in reader (is it their own organisation?)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.observatory.models import Statistic
from clusterbridge.observatory.queries.datasets import default_dataset
from clusterbridge.observatory.queries.statistics import stored_rows
from clusterbridge.organisations.queries.memberships import is_member


def sections(request, *, organisation) -> list[HubSection]:
    region = organisation.nuts_region
    sectors = list(organisation.sectors.all())
    if region is None or not sectors:
        return []
    dataset = default_dataset()
    if dataset is None or not dataset.last_year:
        return []
    rows = stored_rows(
        Statistic.objects.filter(
            dataset=dataset, region=region, year=dataset.last_year, category__in=sectors
        )
    )
    rows.sort(key=lambda r: (-r.indicator.stars, -(r.indicator.lq or 0), r.category_code))
    found = {row.category_code for row in rows}
    return [
        HubSection(
            key="regional-strengths",
            # Members read about their own organisation; visitors about this one.
            title=_("Your region's strengths in your sectors")
            if is_member(request.user, organisation)
            else _("The region's strengths in these sectors"),
            template="observatory/profile/strengths.html",
            context={
                "organisation": organisation,
                "region": region,
                "rows": rows,
                "missing": [s for s in sectors if s.code not in found],
                "dataset": dataset,
                "year": dataset.last_year,
            },
            order=50,
        )
    ]
