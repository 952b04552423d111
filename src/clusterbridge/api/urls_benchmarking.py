from django.urls import path

from clusterbridge.api.views import benchmarking

urlpatterns = [
    path("labels/", benchmarking.LabelListView.as_view(), name="labels"),
    path(
        "organisations/<uslug:slug>/assessments/",
        benchmarking.OrganisationAssessmentsView.as_view(),
        name="organisation_assessments",
    ),
    path(
        "assessments/<int:pk>/report/",
        benchmarking.AssessmentReportView.as_view(),
        name="assessment_report",
    ),
]
