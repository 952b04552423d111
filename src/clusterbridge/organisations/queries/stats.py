from django.db.models import Count

from clusterbridge.organisations.queries.directory import published


def platform_figures() -> dict:
    """Headline figures for the home page, in two queries."""
    by_kind = dict(published().order_by().values_list("kind").annotate(n=Count("id")))
    countries = published().order_by().values("country").distinct().count()
    return {
        "organisations": sum(by_kind.values()),
        "clusters": by_kind.get("cluster", 0),
        "countries": countries,
    }
