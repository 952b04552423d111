"""The API list stays at a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _grow(start: int, stop: int) -> None:
    for i in range(start, stop):
        OrganisationFactory(
            name=f"Api Org {i:03d}", region="DE30", sectors=["automotive", "biopharmaceuticals"]
        )


def _count(api, params) -> tuple[int, int]:
    """Queries with a cold cache (facets computed) and then with a warm one (facets cached)."""
    cache.clear()
    result = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as context:
            response = api.get("/api/v1/organisations/", params)
            assert response.status_code == 200
        result.append(len(context.captured_queries))
    return result[0], result[1]


@pytest.mark.parametrize("params", [{}, {"sector": "automotive", "q": "api", "page_size": 100}])
def test_organisation_list_query_count_is_constant(api, params):
    _grow(0, 3)
    few = _count(api, params)
    _grow(3, 30)
    many = _count(api, params)
    assert few == many
    assert few[1] < few[0]  # the facets are served from the cache the second time


def test_organisation_detail_query_count(api, django_assert_max_num_queries):
    org = OrganisationFactory(
        sectors=["automotive", "biopharmaceuticals"], technologies=["photonics"], region="DE30"
    )
    with django_assert_max_num_queries(5):
        assert api.get(f"/api/v1/organisations/{org.slug}/").status_code == 200
