from django.urls import path

from clusterbridge.events.views import organiser, participant, public

app_name = "events"

urlpatterns = [
    path("", public.calendar_view, name="calendar"),
    path("feed.ics", public.feed_view, name="feed"),
    path("organiser/", organiser.area_view, name="organiser"),
    path("organiser/new/", organiser.create_view, name="create"),
    path("<slug:slug>/", public.detail_view, name="detail"),
    path("<slug:slug>/register/", public.register_view, name="register"),
    path("<slug:slug>/cancel/", public.cancel_view, name="cancel"),
    path("<slug:slug>/manage/", organiser.manage_view, name="manage"),
    path("<slug:slug>/manage/edit/", organiser.edit_view, name="edit"),
    path("<slug:slug>/manage/publish/", organiser.publish_view, name="publish"),
    path("<slug:slug>/manage/registrations/<int:pk>/", organiser.decide_view, name="decide"),
    path("<slug:slug>/manage/selection/", organiser.confirm_selection_view, name="selection"),
    path("<slug:slug>/manage/participants.csv", organiser.participants_csv_view, name="csv"),
    path("<slug:slug>/manage/badges.pdf", organiser.badges_view, name="badges"),
    path("<slug:slug>/manage/sessions/", organiser.sessions_view, name="sessions"),
    path("<slug:slug>/manage/slots/", organiser.slots_view, name="slots"),
    path("<slug:slug>/manage/tables/", organiser.tables_view, name="tables"),
    path("<slug:slug>/manage/schedule/", organiser.schedule_view, name="schedule"),
    path("<slug:slug>/manage/schedule/run/", organiser.run_view, name="run"),
    path(
        "<slug:slug>/manage/schedule/runs/<int:pk>/", organiser.run_status_view, name="run_status"
    ),
    path(
        "<slug:slug>/manage/schedule/publish/", organiser.publish_agenda_view, name="publish_agenda"
    ),
    path("<slug:slug>/manage/meetings/<int:pk>/", organiser.meeting_action_view, name="meeting"),
    path("<slug:slug>/manage/tables/plan/", organiser.table_plan_view, name="table_plan"),
    path("<slug:slug>/manage/dashboard/", organiser.dashboard_view, name="dashboard"),
    path("<slug:slug>/participants/", participant.participants_view, name="participants"),
    path("<slug:slug>/card/", participant.card_view, name="card"),
    path(
        "<slug:slug>/participants/<int:pk>/request/",
        participant.send_request_view,
        name="send_request",
    ),
    path("<slug:slug>/requests/", participant.requests_view, name="requests"),
    path("<slug:slug>/requests/<int:pk>/", participant.answer_view, name="answer"),
    path("<slug:slug>/availability/", participant.availability_view, name="availability"),
    path("<slug:slug>/agenda/", participant.agenda_view, name="agenda"),
    path("<slug:slug>/meetings/<int:pk>/outcome/", participant.outcome_view, name="outcome"),
]
