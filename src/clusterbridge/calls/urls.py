from django.urls import path

from clusterbridge.calls.views import joint, pages

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
    path("<uslug:slug>/", pages.detail, name="detail"),
    path("<uslug:slug>/follow/", pages.follow, name="follow"),
    path("<uslug:slug>/withdraw/", pages.withdraw, name="withdraw"),
    path("<uslug:slug>/manage/", joint.manage, name="manage"),
    path("<uslug:slug>/agencies/<int:pk>/remove/", joint.remove_agency, name="remove_agency"),
    path("<uslug:slug>/publish/", joint.publish, name="publish"),
    path("<uslug:slug>/propose/", joint.start, name="propose"),
]
