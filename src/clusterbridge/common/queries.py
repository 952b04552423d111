"""Read side of the shared parts: the audit log."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clusterbridge.common.models import AuditEntry


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    organisation_id: int | None = None,
    text: str = "",
    since=None,
    until=None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if organisation_id is not None:
        entries = entries.filter(organisation_id=organisation_id)
    if text:
        entries = entries.filter(Q(object_label__icontains=text) | Q(source__icontains=text))
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.order_by("-at", "-pk")
