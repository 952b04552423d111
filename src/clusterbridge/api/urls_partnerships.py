from django.urls import path

from clusterbridge.api.views import partnerships

urlpatterns = [
    path("partnerships/", partnerships.PartnershipListView.as_view(), name="partnerships"),
    path(
        "partnerships/stories/",
        partnerships.StoryListView.as_view(),
        name="partnership_stories",
    ),
    path(
        "partnerships/<uslug:slug>/",
        partnerships.PartnershipDetailView.as_view(),
        name="partnership",
    ),
    path(
        "partnerships/<uslug:slug>/threads/",
        partnerships.ThreadListView.as_view(),
        name="partnership_threads",
    ),
    path(
        "partnerships/<uslug:slug>/threads/<int:pk>/posts/",
        partnerships.PostListView.as_view(),
        name="partnership_thread_posts",
    ),
    path(
        "partnerships/<uslug:slug>/documents/",
        partnerships.DocumentListView.as_view(),
        name="partnership_documents",
    ),
    path(
        "partnerships/<uslug:slug>/documents/<int:pk>/",
        partnerships.DocumentDetailView.as_view(),
        name="partnership_document",
    ),
    path(
        "partnerships/<uslug:slug>/documents/<int:pk>/file/",
        partnerships.DocumentFileView.as_view(),
        name="partnership_document_file",
    ),
]
