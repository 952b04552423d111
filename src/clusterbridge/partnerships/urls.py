from django.urls import path

from clusterbridge.partnerships.views import documents, forum, pages

app_name = "partnerships"

urlpatterns = [
    path("", pages.index, name="index"),
    path("export.csv", pages.export_csv, name="export"),
    path("propose/", pages.propose, name="propose"),
    path("stories/", pages.stories, name="stories"),
    path("validation/", pages.queue, name="queue"),
    path("<uslug:slug>/", pages.detail, name="detail"),
    path("<uslug:slug>/invite/", pages.invite, name="invite"),
    path("<uslug:slug>/invitations/<int:pk>/", pages.answer, name="answer"),
    path("<uslug:slug>/validate/", pages.validate, name="validate"),
    path("<uslug:slug>/send-back/", pages.send_back, name="send_back"),
    path("<uslug:slug>/resubmit/", pages.resubmit, name="resubmit"),
    path("<uslug:slug>/withdraw/", pages.withdraw, name="withdraw"),
    path("<uslug:slug>/stories/new/", pages.new_story, name="new_story"),
    path("<uslug:slug>/documents/", documents.documents, name="documents"),
    path("<uslug:slug>/documents/export.csv", documents.export, name="documents_export"),
    path(
        "<uslug:slug>/documents/export.json",
        documents.export,
        {"fmt": "json"},
        name="documents_export_json",
    ),
    path("<uslug:slug>/documents/<int:pk>/file/", documents.document_file, name="document_file"),
    path(
        "<uslug:slug>/documents/<int:pk>/versions/<int:version>/",
        documents.version_file,
        name="document_version_file",
    ),
    path("<uslug:slug>/documents/<int:pk>/edit/", documents.edit_document, name="edit_document"),
    path(
        "<uslug:slug>/documents/<int:pk>/delete/",
        documents.delete_document,
        name="delete_document",
    ),
    path("<uslug:slug>/forum/", forum.forum, name="forum"),
    path("<uslug:slug>/forum/new/", forum.new_thread, name="new_thread"),
    path("<uslug:slug>/forum/<int:pk>/", forum.thread, name="thread"),
    path("<uslug:slug>/forum/<int:pk>/subscription/", forum.subscription, name="subscription"),
]
