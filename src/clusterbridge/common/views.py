from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve

# Uploads anyone may see; everything else under MEDIA_ROOT is served by permission-checking views.
PUBLIC_MEDIA_FOLDERS = ("logos", "events")


def object_or_404(request, queryset, permission: str, **lookup):
    """Fetch an object the user may act on; anything they may not see is a 404, not a 403."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not request.user.has_perm(permission, obj):
        raise Http404("No such page.")
    return obj


def home(request):
    from clusterbridge.organisations.queries.stats import platform_figures

    return render(request, "common/home.html", {"figures": platform_figures()})


def public_media(request, folder: str, path: str):
    if folder not in PUBLIC_MEDIA_FOLDERS:
        raise Http404("No such file.")
    return serve(request, path, document_root=settings.MEDIA_ROOT / folder)
