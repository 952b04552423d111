"""Staff view of events in the Django admin; organisers work in the organiser area."""

from django.contrib import admin

from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    ProgrammeSession,
    Registration,
    ScheduleRun,
)


class SessionInline(admin.TabularInline):
    model = ProgrammeSession
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "is_published", "is_demo"]
    list_filter = ["kind", "is_published", "is_demo"]
    search_fields = ["title"]
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "organisation", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user", "organisation"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "sender", "recipient", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "sender", "recipient"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["request", "slot", "table", "locked"]
    raw_id_fields = ["request", "slot", "table"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "profile", "fairness", "created_at", "applied_at"]
    raw_id_fields = ["event"]
    # What a run placed: thousands of ids, for apply_run only (not edited by hand).
    exclude = ["assignment"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("assignment")
