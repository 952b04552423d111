"""The directory's part of the home page (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.organisations.queries.directory import published
from clusterbridge.organisations.queries.stats import platform_figures


def sections(request) -> list[HubSection]:
    newest = list(published().order_by("-published_at", "-pk")[:5])
    return [
        HubSection(
            key="figures",
            title=_("The network in figures"),
            template="organisations/home/figures.html",
            context={"figures": platform_figures()},
            order=5,
        ),
        HubSection(
            key="newest-organisations",
            title=_("Newly listed organisations"),
            template="organisations/home/newest.html",
            context={"organisations": newest},
            order=40,
        ),
    ]
