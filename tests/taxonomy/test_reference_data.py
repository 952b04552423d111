"""The data migration loads the reference taxonomies into every database."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)

pytestmark = pytest.mark.django_db


def test_cluster_categories():
    assert ClusterCategory.objects.count() == 61
    assert ClusterCategory.objects.filter(kind="traded").count() == 51
    assert ClusterCategory.objects.filter(kind="emerging").count() == 10
    assert str(ClusterCategory.objects.get(code="automotive")) == "Automotive"


def test_ecosystems_and_technologies():
    assert IndustrialEcosystem.objects.count() == 14
    assert Technology.objects.count() == 6


def test_nuts_regions():
    assert NutsRegion.objects.count() == 488
    assert {level: NutsRegion.objects.filter(level=level).count() for level in (0, 1, 2)} == {
        0: 37,
        1: 123,
        2: 328,
    }
    berlin = NutsRegion.objects.get(code="DE30")
    assert (berlin.name, berlin.parent.code, berlin.country_code) == ("Berlin", "DE3", "DE")
    assert NutsRegion.objects.filter(level__gt=0, parent=None).count() == 0
    assert NutsRegion.objects.filter(country_code="EL", level=2).count() == 13
    assert not NutsRegion.objects.filter(country_code="GR").exists()


def test_load_taxonomies_is_idempotent():
    ids = set(ClusterCategory.objects.values_list("id", flat=True))
    out = StringIO()
    call_command("load_taxonomies", stdout=out)
    assert out.getvalue().strip() == "nuts: 488, categories: 61, ecosystems: 14, technologies: 6"
    assert set(ClusterCategory.objects.values_list("id", flat=True)) == ids
    assert NutsRegion.objects.count() == 488


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_reference_data_back():
    """`flush` (and every test in a real transaction) empties the tables and ends with
    post_migrate: the taxonomies and the default indicator set come back, translated."""
    from clusterbridge.benchmarking.models import IndicatorSet

    call_command("flush", interactive=False, verbosity=0)
    assert NutsRegion.objects.count() == 488
    assert ClusterCategory.objects.count() == 61
    assert ClusterCategory.objects.get(code="automotive").names["fr"] == "Automobile"
    assert IndicatorSet.objects.filter(status="published").count() == 1
