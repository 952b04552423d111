"""A write that meets a locked SQLite database gets a clear 503, never a 500."""

from __future__ import annotations

import logging

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("clusterbridge.busy")

RETRY_AFTER_SECONDS = 5


class DatabaseBusyMiddleware:
    """Still locked after the busy timeout (SQLITE_BUSY_TIMEOUT): answer 503 with Retry-After
    (JSON for the API). Nothing was written: the transaction that met the lock rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError) or not is_locked_database_exception(
            exception
        ):
            return None
        logger.warning("Database busy on %s %s", request.method, request.path)
        message = _(
            "The platform is busy right now and nothing was saved. Please try again in a few "
            "seconds."
        )
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": "busy", "message": message}, status=503)
        else:
            response = HttpResponse(
                render_to_string("503.html", {"message": message}, request=request), status=503
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
