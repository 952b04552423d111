"""Property-based fuzzing of the whole API against its own OpenAPI schema (schemathesis).

Requests go through the WSGI application in-process, inside the test's transaction. Detail
endpoints are pointed at a real organisation, and calls carry its administrator's token, so
the update endpoint's validation is fuzzed too, not only its 404.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from clusterbridge.wsgi import application
from tests.factories import MembershipFactory, OrganisationFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Calls bypass Django's test client, so stop request signals from closing the test's
    transaction-bound connection (as django.test.Client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token():
    membership = MembershipFactory(
        organisation=OrganisationFactory(
            name="Fuzz Cluster", slug="fuzz-cluster", sectors=["automotive"], region="DE30"
        )
    )
    OrganisationFactory(name="Second Cluster", country="FR", sectors=["automotive"])
    return Token.objects.create(user=membership.user).key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_answers_a_server_error(case, admin_token):
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = "fuzz-cluster"
    response = case.call(headers={"Authorization": f"Token {admin_token}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:500]}"
    )
