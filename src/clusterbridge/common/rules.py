"""Permissions of the shared parts, declared once (django-rules)."""

import rules

rules.add_perm("common.view_audit_log", rules.is_staff)
