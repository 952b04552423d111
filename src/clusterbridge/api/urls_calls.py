from django.urls import path

from clusterbridge.api.views import calls

urlpatterns = [
    path("reviews/", calls.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", calls.ReviewDetailView.as_view(), name="review"),
    path(
        "reviews/<int:pk>/declaration/",
        calls.ReviewDeclarationView.as_view(),
        name="review_declaration",
    ),
    path("reviews/<int:pk>/scores/", calls.ReviewScoresView.as_view(), name="review_scores"),
    path("calls/", calls.CallListView.as_view(), name="calls"),
    path("calls/<uslug:slug>/", calls.CallDetailView.as_view(), name="call"),
    path("calls/<uslug:slug>/ranking/", calls.RankingView.as_view(), name="call_ranking"),
    path("calls/<uslug:slug>/figures/", calls.FiguresView.as_view(), name="call_figures"),
    path(
        "calls/<uslug:slug>/proposals/",
        calls.ProposalListView.as_view(),
        name="call_proposals",
    ),
]
