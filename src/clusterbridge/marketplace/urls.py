from django.urls import path

from clusterbridge.marketplace.views import messaging, opportunities, staff

app_name = "marketplace"

urlpatterns = [
    path("", opportunities.search_view, name="search"),
    path("map/", opportunities.map_view, name="map"),
    path("map.json", opportunities.map_data, name="map_data"),
    path("for-you/", opportunities.for_you_view, name="for_you"),
    path("figures/", opportunities.figures_view, name="figures"),
    path("mine/", opportunities.mine_view, name="mine"),
    path("settings/", opportunities.settings_view, name="settings"),
    path("new/", opportunities.create_view, name="create"),
    path("interests/<int:pk>/status/", opportunities.interest_status_view, name="interest_status"),
    path("messages/", messaging.inbox_view, name="inbox"),
    path("messages/<int:pk>/", messaging.conversation_view, name="conversation"),
    path("messages/<int:pk>/read/", messaging.mark_read_view, name="mark_read"),
    path(
        "messages/<int:pk>/attachments/<int:attachment_id>/",
        messaging.attachment_view,
        name="message_attachment",
    ),
    path("messages/<int:pk>/block/<int:user_id>/", messaging.block_view, name="block"),
    path("messages/<int:pk>/report/<int:user_id>/", messaging.report_user_view, name="report_user"),
    path("staff/reports/", staff.reports_view, name="reports"),
    path("staff/reports/<int:pk>/resolve/", staff.resolve_view, name="resolve"),
    path("<str:reference>/", opportunities.detail_view, name="detail"),
    path("<str:reference>/edit/", opportunities.edit_view, name="edit"),
    path("<str:reference>/action/", opportunities.action_view, name="action"),
    path(
        "<str:reference>/attachments/",
        opportunities.attachment_upload_view,
        name="attachment_upload",
    ),
    path("<str:reference>/attachments/<int:pk>/", opportunities.attachment_view, name="attachment"),
    path("<str:reference>/follow/", opportunities.follow_view, name="follow"),
    path("<str:reference>/interest/", opportunities.interest_view, name="interest"),
    path("<str:reference>/contact/", messaging.contact_view, name="contact"),
    path("<str:reference>/report/", messaging.report_opportunity_view, name="report_opportunity"),
    path("<str:reference>/unpublish/", staff.unpublish_view, name="unpublish"),
]
