from __future__ import annotations

from django.http import Http404
from django.shortcuts import render


def object_or_404(request, queryset, permission: str, **lookup):
    """Fetch an object the user may act on; anything they may not see is a 404, not a 403."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not request.user.has_perm(permission, obj):
        raise Http404("No such page.")
    return obj


def home(request):
    from clusterbridge.organisations.queries.stats import platform_figures

    return render(request, "common/home.html", {"figures": platform_figures()})
