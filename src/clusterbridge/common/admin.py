from django.contrib import admin

from clusterbridge.common.models import PeriodicJobState, SitePage, WorkerHeartbeat


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ["slug", "language", "title", "version", "updated_at"]
    list_filter = ["slug", "language"]


@admin.register(PeriodicJobState)
class PeriodicJobStateAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_ok", "last_summary"]
    readonly_fields = ["name", "last_started_at", "last_finished_at", "last_ok", "last_summary"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
