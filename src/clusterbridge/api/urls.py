from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from clusterbridge.api.views import organisations, taxonomy
from clusterbridge.api.views.errors import not_found

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Styles and init script from their own URLs: the strict CSP allows no inline code.
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("auth/token/", taxonomy.TokenView.as_view(), name="token"),
    path("organisations/", organisations.OrganisationListView.as_view(), name="organisations"),
    path(
        "organisations/<uslug:slug>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation",
    ),
    path(
        "organisations/<uslug:slug>/members/",
        organisations.ClusterMembersView.as_view(),
        name="organisation_members",
    ),
    path(
        "organisations/<uslug:slug>/member-of/",
        organisations.MemberOfView.as_view(),
        name="organisation_member_of",
    ),
    path("member-links/", organisations.MemberLinkListView.as_view(), name="member_links"),
    path(
        "member-links/<int:pk>/",
        organisations.MemberLinkDetailView.as_view(),
        name="member_link",
    ),
    path(
        "member-links/<int:pk>/confirm/",
        organisations.MemberLinkConfirmView.as_view(),
        name="member_link_confirm",
    ),
    path(
        "member-links/<int:pk>/decline/",
        organisations.MemberLinkDeclineView.as_view(),
        name="member_link_decline",
    ),
    path(
        "member-links/<int:pk>/end/",
        organisations.MemberLinkEndView.as_view(),
        name="member_link_end",
    ),
    path("taxonomies/sectors/", taxonomy.SectorListView.as_view(), name="sectors"),
    path("taxonomies/ecosystems/", taxonomy.EcosystemListView.as_view(), name="ecosystems"),
    path("taxonomies/technologies/", taxonomy.TechnologyListView.as_view(), name="technologies"),
    path("taxonomies/regions/", taxonomy.RegionListView.as_view(), name="regions"),
    path("taxonomies/countries/", taxonomy.CountryListView.as_view(), name="countries"),
    # Each domain's endpoints live in api/views/<domain>.py and api/urls_<domain>.py.
    path("", include("clusterbridge.api.urls_events")),
    path("", include("clusterbridge.api.urls_marketplace")),
    path("", include("clusterbridge.api.urls_benchmarking")),
    path("", include("clusterbridge.api.urls_observatory")),
    path("", include("clusterbridge.api.urls_partnerships")),
    path("", include("clusterbridge.api.urls_calls")),
    path("", include("clusterbridge.api.urls_international")),
    path("", include("clusterbridge.api.urls_analytics")),
    # Anything else under /api/v1/ is a JSON 404, not the HTML error page.
    # Any character, a newline too ("%0A" in the address), which would otherwise fall
    # through to the HTML 404 page.
    re_path(r"^[\s\S]*$", not_found, name="not_found"),
]
