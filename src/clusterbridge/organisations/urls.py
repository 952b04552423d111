from django.urls import path

from clusterbridge.organisations.views import directory, links, manage, moderation

app_name = "organisations"

urlpatterns = [
    path("organisations/", directory.directory_view, name="directory"),
    path("organisations/map/", directory.map_view, name="map"),
    path("organisations/map.json", directory.map_data, name="map_data"),
    path("organisations/export.csv", directory.export_view, {"fmt": "csv"}, name="export_csv"),
    path("organisations/export.json", directory.export_view, {"fmt": "json"}, name="export_json"),
    path("organisations/regions.json", directory.regions_view, name="regions"),
    path("organisations/new/", manage.create_view, name="create"),
    path("organisations/<uslug:slug>/", directory.detail_view, name="detail"),
    path("organisations/<uslug:slug>/contact/", directory.contact_view, name="contact"),
    path("organisations/<uslug:slug>/edit/", manage.edit_view, name="edit"),
    path("organisations/<uslug:slug>/submit/", manage.submit_view, name="submit"),
    path("organisations/<uslug:slug>/members/", manage.members_view, name="members"),
    path(
        "organisations/<uslug:slug>/members/<int:membership_id>/",
        manage.member_update_view,
        name="member_update",
    ),
    path("organisations/<uslug:slug>/links/", links.links_view, name="links"),
    path("organisations/<uslug:slug>/links/propose/", links.propose_view, name="link_propose"),
    path(
        "organisations/<uslug:slug>/links/<int:link_id>/",
        links.link_action_view,
        name="link_action",
    ),
    path(
        "organisations/<uslug:slug>/members.csv",
        links.members_export_view,
        {"fmt": "csv"},
        name="members_csv",
    ),
    path(
        "organisations/<uslug:slug>/members.json",
        links.members_export_view,
        {"fmt": "json"},
        name="members_json",
    ),
    path("organisations/<uslug:slug>/history/", manage.history_view, name="history"),
    path("invitations/<str:token>/", manage.invitation_view, name="invitation"),
    path("staff/moderation/", moderation.queue_view, name="moderation"),
    path("staff/moderation/<uslug:slug>/", moderation.review_view, name="review"),
]
