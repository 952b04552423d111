"""Input that no view can use is answered with a 400 before any view runs.

A NUL character ("\\x00", "%00" in a URL, "\\u0000" in JSON) is valid HTTP, but PostgreSQL
can neither store nor compare it: any lookup with one is a server error. ``RejectNulMiddleware``
rejects it centrally in every text input — the path, the query string, the headers, the fields
(names, values, file names) of posted forms and JSON bodies — so views, forms and serializers
never see one. The API's multipart bodies are checked by its parser (``api/parsers.py``), as
Django does not parse them for PATCH. Cookies holding one are dropped instead, as if absent, so
that a stray cookie cannot lock a visitor out.

Paths under /api/ get the API's JSON error shape ({"error", "message", "details"}, see
api/exceptions.py); other paths get the HTML error page (templates/400.html). The middleware
comes before SessionMiddleware (settings.MIDDLEWARE), so no session or user is loaded with a
NUL in the cookie.
"""

from __future__ import annotations

import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NUL = "\x00"
API_PREFIX = "/api/"
# A "\u0000" escape in JSON text: a backslash run of odd length before "u0000" (an even run is
# escaped backslashes). A raw NUL byte is never valid JSON either.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000|\x00")
_JSON_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json$")

LOCATIONS = {
    "path": gettext_lazy("the address"),
    "query": gettext_lazy("the query string"),
    "header": gettext_lazy("a header"),
    "form": gettext_lazy("the form data"),
    "json": gettext_lazy("the JSON body"),
}


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def bad_request(request, message: str, *, code: str = "bad_request", details=None):
    """A 400 in the shape the client expects: API JSON under /api/, the HTML page otherwise."""
    if is_api_request(request):
        body = {"error": code, "message": str(message)}
        if details is not None:
            body["details"] = details
        # Written as DRF's JSONRenderer writes it.
        return JsonResponse(
            body, status=400, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
        )
    return render(request, "400.html", {"message": message}, status=400)


def _has_nul(*texts: str) -> bool:
    return any(NUL in text for text in texts)


def _nul_in_request(request) -> dict | None:
    """Where the first NUL is, as {"location": ..., "name": ...}; None when there is none."""
    if _has_nul(request.path, request.path_info):
        return {"location": "path"}
    for name, values in request.GET.lists():
        if _has_nul(name, *values):
            return {"location": "query", "name": name.replace(NUL, "")}
    for name, value in request.META.items():
        if name.startswith("HTTP_") and name != "HTTP_COOKIE" and _has_nul(str(value)):
            return {"location": "header", "name": name.removeprefix("HTTP_")}
    if _JSON_TYPE.match(request.content_type or "") and request.META.get("CONTENT_LENGTH"):
        if _JSON_NUL.search(request.body):
            return {"location": "json"}
    elif request.method == "POST" and not is_api_request(request):
        # Django's own form parsing (the API parses its bodies itself: api/parsers.py).
        for name, values in request.POST.lists():
            if _has_nul(name, *values):
                return {"location": "form", "name": name.replace(NUL, "")}
        for name, uploads in request.FILES.lists():
            if _has_nul(name, *(upload.name or "" for upload in uploads)):
                return {"location": "form", "name": name.replace(NUL, "")}
    return None


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # This runs before LocaleMiddleware: answer in the language the visitor asked for.
        with translation.override(translation.get_language_from_request(request)):
            refusal = self._refuse(request)
        return self.get_response(request) if refusal is None else refusal

    def _refuse(self, request):
        if any(_has_nul(name, value) for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value for name, value in request.COOKIES.items() if not _has_nul(name, value)
            }
        try:
            found = _nul_in_request(request)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
            if not is_api_request(request):
                raise  # Django's own 400 page
            return bad_request(
                request,
                _("The request body is too large or has too many fields."),
                code="request_too_large",
            )
        if found is None:
            return None
        return bad_request(
            request,
            _("The request contains a NUL character (%(nul)s) in %(location)s; remove it.")
            % {"nul": "%00", "location": LOCATIONS[found["location"]]},
            details=found,
        )
