"""The one way services check permissions: ``require(actor, "app.perm", obj)``.

Permissions are declared once, in each app's ``rules.py`` (django-rules). A service that may
only be called by some people calls ``require`` first; a refusal is a ``PermissionDenied``,
which the web answers with 403 (or 404 when the object itself may not be seen, see
``common.views.object_or_404``) and the API with its JSON 403. Invalid input, by contrast, is a
``ValidationError`` (400).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext as _


def allowed(actor, permission: str, obj=None) -> bool:
    return actor is not None and actor.has_perm(permission, obj)


def require(actor, permission: str, obj=None, *, message: str | Promise | None = None) -> None:
    """Raise ``PermissionDenied`` (with a message a person understands) unless allowed."""
    if not allowed(actor, permission, obj):
        raise PermissionDenied(str(message) if message else _("You may not do this."))
