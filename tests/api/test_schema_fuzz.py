"""Property-based fuzzing of the whole API against its own OpenAPI schema (schemathesis).

Every response is validated against the schema (``call_and_validate``): no server error, a
documented status code and content type, a body matching the documented schema, schema-valid
queries accepted and schema-violating ones rejected.

Requests go through the WSGI application in-process, inside the test's transaction. Detail
endpoints are pointed at a real organisation and writes post for it, and calls carry its
administrator's token, so the update endpoint's validation is fuzzed too, not only its 404.
Filters that take codes from the database (sectors, technologies, ecosystems, regions: not
enumerated in the schema, see api/schema.py) get real codes in schema-valid queries, and the
directory's ``member_of`` a published cluster's slug.

Not generated: NUL characters ("\\x00"), which the API refuses with a 400 before any view
(common/badinput.py; tested in tests/common/test_badinput.py and tests/api/test_bad_input.py).
Writes are not held to "schema-valid data is accepted": their business rules (a unique name,
a region within the country, a future deadline, existing references) are not expressible in
OpenAPI, so a schema-valid body may rightly get a 400. Multipart bodies are not held to
"schema-violating data is rejected" either: in a form an empty field means null (DRF), which
JSON Schema cannot say; JSON bodies are.
"""

import re
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from clusterbridge.common.slugs import UnicodeSlugConverter
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)
from clusterbridge.wsgi import application
from tests.factories import MembershipFactory, OrganisationFactory

ORGANISATION = "fuzz-cluster"
SLUG = re.compile(UnicodeSlugConverter.regex, re.ASCII)  # JSON Schema patterns: ASCII \w
DATABASE_CODES = {
    "sector": ClusterCategory.objects.all(),
    "specialised": ClusterCategory.objects.all(),
    "technology": Technology.objects.all(),
    "ecosystem": IndustrialEcosystem.objects.all(),
    "region": NutsRegion.objects.filter(level=2),
}


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Calls bypass Django's test client, so stop request signals from closing the test's
    transaction-bound connection (as django.test.Client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
schema.config.generation.update(allow_x00=False)


@pytest.fixture
def admin_token():
    membership = MembershipFactory(
        organisation=OrganisationFactory(
            name="Fuzz Cluster", slug=ORGANISATION, sectors=["automotive"], region="DE30"
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
def test_api_answers_as_its_schema_says(case, admin_token):
    slug = (case.path_parameters or {}).get("slug")
    # A negative case may break the rules in the slug itself: keep that one, or the request
    # becomes valid and its acceptance would be (wrongly) reported.
    if slug is not None and (case.meta.generation.mode.is_positive or SLUG.fullmatch(str(slug))):
        case.path_parameters["slug"] = ORGANISATION
    if isinstance(case.body, dict) and "organisation" in case.body:
        case.body["organisation"] = ORGANISATION
    if case.meta.generation.mode.is_positive:
        _real_codes(case.query or {})
    excluded = [] if case.method == "GET" else [positive_data_acceptance]
    if case.media_type == "multipart/form-data":
        excluded.append(negative_data_rejection)
    case.call_and_validate(
        headers={"Authorization": f"Token {admin_token}"}, excluded_checks=excluded
    )


def _real_codes(query: dict) -> None:
    """Replace generated values of database-code filters by codes that exist (deterministically)."""
    for name, queryset in DATABASE_CODES.items():
        if name not in query:
            continue
        codes = sorted(queryset.values_list("code", flat=True))
        values = query[name] if isinstance(query[name], list) else [query[name]]
        real = [codes[zlib.crc32(str(value).encode()) % len(codes)] for value in values]
        query[name] = real if isinstance(query[name], list) else real[0]
    if "member_of" in query:  # a published cluster's slug (the fuzz cluster is one)
        query["member_of"] = ORGANISATION
