from django.urls import path

from clusterbridge.calls.views import evaluation, files, joint, pages

app_name = "calls"

urlpatterns = [
    path("", pages.index, name="index"),
    path("export.csv", pages.export_csv, name="export"),
    path("export.json", pages.export_json, name="export_json"),
    path("calendar.ics", pages.calendar, name="calendar"),
    path("for-you/", pages.for_you, name="for_you"),
    path("post/", pages.post, name="post"),
    path("proposals/<int:pk>/", joint.proposal, name="proposal"),
    path("proposals/<int:pk>/partners/", joint.set_partner, name="set_partner"),
    path(
        "proposals/<int:pk>/partners/<int:partner_pk>/remove/",
        joint.remove_partner,
        name="remove_partner",
    ),
    path("proposals/<int:pk>/submit/", joint.submit, name="submit"),
    path("proposals/<int:pk>/details/", joint.update_details, name="update_details"),
    path("proposals/<int:pk>/content/", joint.update_content, name="update_content"),
    path("proposals/<int:pk>/attachments/", files.add_attachment, name="add_attachment"),
    path("proposals/<int:pk>/attachments/<int:file_pk>/", files.attachment, name="attachment"),
    path(
        "proposals/<int:pk>/attachments/<int:file_pk>/remove/",
        files.remove_attachment,
        name="remove_attachment",
    ),
    path("proposals/<int:pk>/receipt.pdf", files.receipt, name="receipt"),
    path(
        "proposals/<int:pk>/evaluation/", evaluation.proposal_evaluation, name="proposal_evaluation"
    ),
    path(
        "proposals/<int:pk>/reviewers/<int:review_pk>/remove/",
        evaluation.remove_reviewer,
        name="remove_reviewer",
    ),
    path("reviews/", evaluation.my_reviews, name="reviews"),
    path("reviews/<int:pk>/", evaluation.review, name="review"),
    path("<uslug:slug>/", pages.detail, name="detail"),
    path("<uslug:slug>/follow/", pages.follow, name="follow"),
    path("<uslug:slug>/withdraw/", pages.withdraw, name="withdraw"),
    path("<uslug:slug>/manage/", joint.manage, name="manage"),
    path("<uslug:slug>/agencies/<int:pk>/remove/", joint.remove_agency, name="remove_agency"),
    path("<uslug:slug>/publish/", joint.publish, name="publish"),
    path("<uslug:slug>/activities/", joint.set_activities, name="set_activities"),
    path("<uslug:slug>/propose/", joint.start, name="propose"),
    path("<uslug:slug>/criteria/", evaluation.criteria, name="criteria"),
    path(
        "<uslug:slug>/criteria/<int:pk>/remove/",
        evaluation.remove_criterion,
        name="remove_criterion",
    ),
    path("<uslug:slug>/conflict-rule/", evaluation.conflict_rule, name="conflict_rule"),
    path("<uslug:slug>/evaluation/", evaluation.ranking, name="evaluation"),
    path("<uslug:slug>/figures.csv", pages.figures_csv, name="figures_csv"),
    path("<uslug:slug>/evaluation.csv", evaluation.ranking_csv, name="evaluation_csv"),
]
