from django.urls import path

from clusterbridge.international.views import pages

app_name = "international"

urlpatterns = [
    path("", pages.index, name="index"),
    path("map.json", pages.map_data, name="map_data"),
    path("export.csv", pages.export, name="export"),
    path("export.json", pages.export, {"fmt": "json"}, name="export_json"),
    path("new/", pages.new_page, name="new"),
    path("<slug:slug>/", pages.detail, name="detail"),
    path("<slug:slug>/edit/", pages.edit_page, name="edit"),
    path("<slug:slug>/publish/", pages.publish, name="publish"),
    path("<slug:slug>/arrangements/", pages.add_arrangement, name="add_arrangement"),
    path("<slug:slug>/arrangements/<int:pk>/document/", pages.document, name="document"),
    path(
        "<slug:slug>/arrangements/<int:pk>/remove/",
        pages.remove_arrangement,
        name="remove_arrangement",
    ),
    path("<slug:slug>/gateways/", pages.add_gateway, name="add_gateway"),
    path("<slug:slug>/gateways/<int:pk>/remove/", pages.remove_gateway, name="remove_gateway"),
]
