"""Every API error is JSON of one shape: {"error": code, "message": text, "details": {...}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            message = _first_message(value)
            return message if key in ("non_field_errors", "detail") else f"{key}: {message}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


class RequestTooLarge(exceptions.APIException):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields (Django's own 400)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "request_too_large"
    default_detail = _("The request body is too large or has too many fields.")


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        exc = RequestTooLarge()
    elif isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        code = "validation_error"
    body = {"error": code, "message": _first_message(detail)}
    if isinstance(detail, dict) and set(detail) != {"detail"}:
        body["details"] = detail
    response.data = body
    return response


def error_response(
    message: str,
    *,
    code: str = "validation_error",
    details=None,
    status_code=status.HTTP_400_BAD_REQUEST,
):
    body = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return Response(body, status=status_code)
