from django.urls import path, re_path

from clusterbridge.observatory.views import pages, staff

app_name = "observatory"

NUTS = r"(?P<code>[A-Za-z]{2}[A-Za-z0-9]{0,3})"
FORMAT = r"(?P<fmt>csv|json)"

urlpatterns = [
    path("", pages.index, name="index"),
    path("map.json", pages.map_data, name="map_data"),
    re_path(rf"^table\.{FORMAT}$", pages.map_export, name="map_export"),
    re_path(rf"^regions/{NUTS}/$", pages.region_view, name="region"),
    re_path(
        rf"^regions/{NUTS}/portfolio\.{FORMAT}$", pages.portfolio_export, name="portfolio_export"
    ),
    re_path(rf"^regions/{NUTS}/factsheet\.pdf$", pages.factsheet, name="factsheet"),
    path("categories/<slug:slug>/", pages.category_view, name="category"),
    re_path(
        rf"^categories/(?P<slug>[-a-zA-Z0-9_]+)/scoreboard\.{FORMAT}$",
        pages.scoreboard_export,
        name="scoreboard_export",
    ),
    path("compare/", pages.compare_view, name="compare"),
    re_path(rf"^compare\.{FORMAT}$", pages.compare_export, name="compare_export"),
    path("datasets/", pages.datasets_view, name="datasets"),
    path("datasets/<slug:slug>/", pages.dataset_view, name="dataset"),
    path("datasets/<slug:slug>/default/", staff.make_default, name="make_default"),
    path("datasets/<slug:slug>/delete/", staff.delete_dataset, name="delete_dataset"),
    path("imports/new/", staff.new_import, name="new_import"),
    path("imports/<int:pk>/", staff.import_job, name="import_job"),
]
