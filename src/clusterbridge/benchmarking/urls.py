from django.urls import path

from clusterbridge.benchmarking.views import pages

app_name = "benchmarking"

urlpatterns = [
    path("", pages.index, name="index"),
    path("labels/", pages.labels_list, name="labels"),
    path("labels.csv", pages.labels_csv, name="labels_csv"),
    path("labels/<int:pk>/withdraw/", pages.withdraw, name="withdraw_label"),
    path(
        "organisations/<uslug:slug>/label-decisions/",
        pages.label_decisions,
        name="label_decisions",
    ),
    path("start/<uslug:slug>/", pages.start, name="start"),
    path("assessments/<int:pk>/", pages.assessment_view, name="assessment"),
    path("assessments/<int:pk>/answers/<int:indicator_id>/", pages.autosave, name="autosave"),
    path(
        "assessments/<int:pk>/evidence/<int:indicator_id>/",
        pages.upload_evidence,
        name="evidence",
    ),
    path(
        "assessments/<int:pk>/evidence-files/<int:evidence_id>/",
        pages.evidence_file,
        name="evidence_file",
    ),
    path("assessments/<int:pk>/submit/", pages.submit, name="submit"),
    path("assessments/<int:pk>/review/", pages.review, name="review"),
    path("assessments/<int:pk>/report/", pages.report, name="report"),
    path("assessments/<int:pk>/report.pdf", pages.report_pdf, name="report_pdf"),
    path("assessments/<int:pk>/label/", pages.request_label, name="request_label"),
]
