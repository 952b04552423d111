from django.urls import path

from clusterbridge.events.views import images, organiser, participant, public

app_name = "events"

urlpatterns = [
    path("", public.calendar_view, name="calendar"),
    path("feed.ics", public.feed_view, name="feed"),
    path("organiser/", organiser.area_view, name="organiser"),
    path("organiser/new/", organiser.create_view, name="create"),
    path("<uslug:slug>/", public.detail_view, name="detail"),
    path("<uslug:slug>/image/", images.image_view, name="image"),
    path("<uslug:slug>/register/", public.register_view, name="register"),
    path("<uslug:slug>/cancel/", public.cancel_view, name="cancel"),
    path("<uslug:slug>/manage/", organiser.manage_view, name="manage"),
    path("<uslug:slug>/manage/edit/", organiser.edit_view, name="edit"),
    path("<uslug:slug>/manage/publish/", organiser.publish_view, name="publish"),
    path("<uslug:slug>/manage/registrations/<int:pk>/", organiser.decide_view, name="decide"),
    path("<uslug:slug>/manage/selection/", organiser.confirm_selection_view, name="selection"),
    path("<uslug:slug>/manage/participants.csv", organiser.participants_csv_view, name="csv"),
    path("<uslug:slug>/manage/badges.pdf", organiser.badges_view, name="badges"),
    path("<uslug:slug>/manage/sessions/", organiser.sessions_view, name="sessions"),
    path("<uslug:slug>/manage/slots/", organiser.slots_view, name="slots"),
    path("<uslug:slug>/manage/tables/", organiser.tables_view, name="tables"),
    path("<uslug:slug>/manage/schedule/", organiser.schedule_view, name="schedule"),
    path("<uslug:slug>/manage/schedule/run/", organiser.run_view, name="run"),
    path(
        "<uslug:slug>/manage/schedule/runs/<int:pk>/", organiser.run_status_view, name="run_status"
    ),
    path(
        "<uslug:slug>/manage/schedule/publish/",
        organiser.publish_agenda_view,
        name="publish_agenda",
    ),
    path(
        "<uslug:slug>/manage/schedule/runs/<int:pk>/apply/",
        organiser.apply_run_view,
        name="apply_run",
    ),
    path("<uslug:slug>/manage/meetings/<int:pk>/", organiser.meeting_view, name="meeting"),
    path("<uslug:slug>/manage/tables/plan/", organiser.table_plan_view, name="table_plan"),
    path("<uslug:slug>/manage/dashboard/", organiser.dashboard_view, name="dashboard"),
    path("<uslug:slug>/participants/", participant.participants_view, name="participants"),
    path("<uslug:slug>/card/", participant.card_view, name="card"),
    path(
        "<uslug:slug>/participants/<int:pk>/request/",
        participant.send_request_view,
        name="send_request",
    ),
    path("<uslug:slug>/requests/", participant.requests_view, name="requests"),
    path("<uslug:slug>/requests/<int:pk>/", participant.answer_view, name="answer"),
    path("<uslug:slug>/availability/", participant.availability_view, name="availability"),
    path("<uslug:slug>/agenda/", participant.agenda_view, name="agenda"),
    path("<uslug:slug>/meetings/<int:pk>/outcome/", participant.outcome_view, name="outcome"),
]
