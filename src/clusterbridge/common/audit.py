"""The one audit log: services record what they changed, inside their own transaction.

``record(actor=…, action="app.what", obj=…, organisation=…, changes={…})``. Each app declares
the labels of its actions in ``<app>/audit_actions.py`` (``ACTIONS = {"app.what": _("…")}``) so
the log reads in the reader's language; the entry itself stores only codes and values.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models, transaction

from clusterbridge.common.models import AuditEntry


def _label_of(user) -> str:
    if user is None:
        return ""
    # Never the e-mail address: the log is read by organisation administrators too.
    return (getattr(user, "name", "") or f"user #{user.pk}")[:200]


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    organisation: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry; call it inside the service's transaction (it fails loudly outside one)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("common.audit.record must run inside the service's transaction.")
    # The public service that made the change: private helpers ("_record") are skipped.
    caller = sys._getframe(1)
    while caller.f_back is not None and (
        caller.f_code.co_name.startswith("_") or caller.f_globals.get("__name__") == __name__
    ):
        caller = caller.f_back
    source = f"{caller.f_globals.get('__name__', '?')}.{caller.f_code.co_name}"
    organisation_id = getattr(organisation, "pk", organisation)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_label_of(actor) if getattr(actor, "pk", None) else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        organisation_id=organisation_id,
        changes=changes or {},
        source=source[:200],
    )


@cache
def action_labels() -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.audit_actions"
        if app_config.name.startswith("clusterbridge.") and importlib.util.find_spec(module_name):
            labels.update(importlib.import_module(module_name).ACTIONS)
    return labels


def action_label(code: str) -> str:
    return str(action_labels().get(code, code))


def record_export(*, actor, action: str, obj: models.Model | None = None, organisation=None,
                  changes: dict[str, Any] | None = None) -> AuditEntry:  # fmt: skip
    """An export of data (a read, so outside any service): logged in its own transaction."""
    with transaction.atomic():
        return record(
            actor=actor, action=action, obj=obj, organisation=organisation, changes=changes
        )
