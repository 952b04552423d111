"""The demo statistics: every NUTS-2 region × 61 categories × 6 years, deterministic, marked as
demo data, and specialised where several demo clusters share a category."""

import pytest

from clusterbridge.clusterstats import Figures
from clusterbridge.observatory import demo
from clusterbridge.observatory.models import Dataset, Statistic
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_table_is_deterministic_plausible_and_correlated():
    regions = sorted(NutsRegion.objects.filter(level=2).values_list("code", flat=True))
    categories = sorted(ClusterCategory.objects.values_list("code", flat=True))
    clusters = {("DE11", "automotive"): 3, ("ITC4", "apparel"): 2}
    table = demo.build_table(seed=7, regions=regions, categories=categories, clusters=clusters)
    assert len(table) == 328 * 61 * 6
    again = demo.build_table(seed=7, regions=regions, categories=categories, clusters=clusters)
    assert again == table
    other = demo.build_table(seed=8, regions=regions, categories=categories, clusters=clusters)
    assert other.get("DE11", "automotive", 2024) != table.get("DE11", "automotive", 2024)
    totals = table.region_employment(2024)
    assert min(totals.values()) > 50_000 and max(totals.values()) < 5_000_000
    from clusterbridge.clusterstats import evaluate

    result = evaluate(table, 2024)
    assert result[("DE11", "automotive")].lq >= 2
    assert result[("ITC4", "apparel")].lq >= 2
    assert isinstance(table.get("DE11", "automotive", 2019), Figures)


def test_generate_and_remove():
    cluster = OrganisationFactory(
        name="Demo A", sectors=["automotive"], region="DE11", is_demo=True
    )
    OrganisationFactory(name="Demo B", sectors=["automotive"], region="DE11", is_demo=True)
    summary = demo.generate(seed=3)
    assert summary.startswith(
        "Observatory: 120048 demo figures (328 regions × 61 categories × 6 years)"
    )
    dataset = Dataset.objects.get()
    assert dataset.is_demo and dataset.is_default
    assert dataset.years == [2019, 2020, 2021, 2022, 2023, 2024]
    row = Statistic.objects.get(
        dataset=dataset, region__code="DE11", category__code="automotive", year=2024
    )
    assert row.lq >= 2 and row.specialisation_star
    cluster.refresh_from_db()
    assert list(cluster.specialised_sectors.values_list("code", flat=True)) == ["automotive"]
    demo.remove()
    assert not Dataset.objects.exists()
    cluster.refresh_from_db()
    assert cluster.region_top_lq is None
