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
    # One proposal (by id): three segments, so never taken for a call's "calls/<slug>/…".
    path("calls/proposals/<int:pk>/", calls.ProposalDetailView.as_view(), name="proposal"),
    path(
        "calls/proposals/<int:pk>/partners/",
        calls.ProposalPartnersView.as_view(),
        name="proposal_partners",
    ),
    path(
        "calls/proposals/<int:pk>/partners/<int:partner_pk>/",
        calls.ProposalPartnerView.as_view(),
        name="proposal_partner",
    ),
    path(
        "calls/proposals/<int:pk>/content/",
        calls.ProposalContentView.as_view(),
        name="proposal_content",
    ),
    path(
        "calls/proposals/<int:pk>/submit/",
        calls.ProposalSubmitView.as_view(),
        name="proposal_submit",
    ),
    path(
        "calls/proposals/<int:pk>/attachments/",
        calls.ProposalAttachmentsView.as_view(),
        name="proposal_attachments",
    ),
    path(
        "calls/proposals/<int:pk>/attachments/<int:attachment_pk>/",
        calls.ProposalAttachmentView.as_view(),
        name="proposal_attachment",
    ),
    path("calls/<uslug:slug>/", calls.CallDetailView.as_view(), name="call"),
    path("calls/<uslug:slug>/ranking/", calls.RankingView.as_view(), name="call_ranking"),
    path("calls/<uslug:slug>/figures/", calls.FiguresView.as_view(), name="call_figures"),
    path(
        "calls/<uslug:slug>/proposals/",
        calls.ProposalListView.as_view(),
        name="call_proposals",
    ),
]
