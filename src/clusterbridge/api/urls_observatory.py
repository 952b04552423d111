from django.urls import path, re_path

from clusterbridge.api.views import observatory

urlpatterns = [
    path(
        "observatory/datasets/", observatory.DatasetListView.as_view(), name="observatory_datasets"
    ),
    path(
        "observatory/datasets/<slug:slug>/",
        observatory.DatasetDetailView.as_view(),
        name="observatory_dataset",
    ),
    path("observatory/series/", observatory.SeriesView.as_view(), name="observatory_series"),
    re_path(
        r"^observatory/regions/(?P<code>[A-Za-z]{2}[A-Za-z0-9]{0,3})/portfolio/$",
        observatory.PortfolioView.as_view(),
        name="observatory_portfolio",
    ),
    path(
        "observatory/categories/<slug:code>/scoreboard/",
        observatory.ScoreboardView.as_view(),
        name="observatory_scoreboard",
    ),
    path("observatory/compare/", observatory.CompareView.as_view(), name="observatory_compare"),
]
