from __future__ import annotations

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve

from clusterbridge.common import audit, hub, pages, queries
from clusterbridge.common.csv import csv_download
from clusterbridge.common.forms import AuditFilterForm
from clusterbridge.common.models import SitePage

# Uploads anyone may see; everything else under MEDIA_ROOT is served by permission-checking views
# (event images too: events.views.images, so that an unpublished event's image stays private).
PUBLIC_MEDIA_FOLDERS = ("logos",)


def object_or_404(request, queryset, permission: str, **lookup):
    """Fetch an object the user may act on; anything they may not see is a 404, not a 403."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not request.user.has_perm(permission, obj):
        raise Http404("No such page.")
    return obj


def home(request):
    """What is happening, in sections the apps contribute (see common.hub)."""
    return render(request, "common/home.html", {"sections": hub.home_sections(request)})


def public_media(request, folder: str, path: str):
    if folder not in PUBLIC_MEDIA_FOLDERS:
        raise Http404("No such file.")
    return serve(request, path, document_root=settings.MEDIA_ROOT / folder)


def page_view(request, slug: str):
    if slug not in SitePage.Slug.values:
        raise Http404("No such page.")
    return render(request, "common/page.html", {"page": pages.page(slug)})


AUDIT_CSV_COLUMNS = (
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object",
    "organisation_id",
    "changes",
    "source",
)


def audit_log_view(request):
    """Staff: the audit log, filtered; ``?format=csv`` downloads the filtered entries."""
    if not request.user.has_perm("common.view_audit_log"):
        raise Http404("No such page.")
    labels = audit.action_labels()
    form = AuditFilterForm(request.GET or None, action_labels=labels)
    filters = {
        k: v for k, v in (form.cleaned_data.items() if form.is_valid() else ()) if k != "page"
    }
    entries = queries.audit_entries(**filters).select_related("actor")
    if request.GET.get("format") == "csv":
        audit.record_export(actor=request.user, action="common.audit_exported", changes=filters)
        rows = (
            {
                "at": e.at.isoformat(), "actor": e.actor_label, "action": e.action,
                "object_type": e.object_type, "object_id": e.object_id, "object": e.object_label,
                "organisation_id": e.organisation_id, "changes": json.dumps(e.changes, ensure_ascii=False),
                "source": e.source,
            }
            for e in entries.iterator(chunk_size=2000)
        )  # fmt: skip
        return csv_download(rows, AUDIT_CSV_COLUMNS, "audit-log.csv")
    page = Paginator(entries, 50).get_page(form.cleaned_data.get("page") if form.is_valid() else 1)
    for entry in page.object_list:
        entry.action_label = labels.get(entry.action, entry.action)
    return render(request, "common/audit_log.html", {"form": form, "page": page})
