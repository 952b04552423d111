"""The OpenAPI schema (drf-spectacular): the API's one error shape, documented on every operation
for each status it can answer, so that generated clients and schemathesis know them.

- 400 on every operation: malformed input is refused before any view (a NUL character, a body
  too large or nested too deeply) besides each operation's own validation.
- 401 wherever a token may be sent (an unknown token is refused); 403 for writes (permission,
  CSRF for session clients); 404 for operations with path parameters or pages (no such page);
  429 for throttled operations.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django_countries import countries
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

from clusterbridge.api.pagination import PAGE_SCHEMA, PAGE_SIZE_SCHEMA

FACET = inline_serializer(
    "Facet",
    fields={
        "name": serializers.CharField(),
        "label": serializers.CharField(),
        "values": inline_serializer(
            "FacetValue",
            fields={
                "value": serializers.CharField(),
                "label": serializers.CharField(),
                "count": serializers.IntegerField(),
                "selected": serializers.BooleanField(),
            },
            many=True,
        ),
    },
    many=True,
)


def faceted_page(name: str, serializer_class: type[serializers.Serializer]):
    """The response schema of a faceted list: a page of results and the facets' counts."""
    return inline_serializer(
        name,
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "facets": FACET,
            "results": serializer_class(many=True),
        },
    )


ERROR = inline_serializer(
    "Error",
    fields={
        "error": serializers.CharField(),
        "message": serializers.CharField(),
        "details": serializers.DictField(required=False),
    },
)

PAGE_PARAMETERS = [
    OpenApiParameter("page", PAGE_SCHEMA, description="Page number (from 1)."),
    OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="Results per page (at most 100)."),
]

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
COUNTRY_CODES = [code for code, _name in countries]


def form_parameters(
    form_class: type[forms.Form],
    descriptions: dict[str, str],
    enums: dict[str, Iterable[str]] | None = None,
) -> list[OpenApiParameter]:
    """Query parameters documented from the form that validates them, in the given order: a
    multiple choice takes several values, a text its maximum length, and a choice its values
    (from the form's class, or from ``enums`` for those set when the form is made). Codes from the database (sectors, regions, …) are not
    enumerated: the schema is generated without a database and they are listed by
    /taxonomies/. A single choice that is not required also takes "" (no filter)."""
    enums = enums or {}
    parameters = []
    for name, description in descriptions.items():
        field = form_class.base_fields[name]
        if isinstance(field, forms.ChoiceField):
            many = isinstance(field, forms.MultipleChoiceField)
            if name in enums:
                values = [str(value) for value in enums[name]]
            elif isinstance(field, forms.ModelChoiceField):
                values = []
            else:  # choices given in the form's class (empty when set from the database)
                values = [str(value) for value, _label in field.choices if value != ""]
            if values and not many and not field.required:
                values.append("")
            parameters.append(
                OpenApiParameter(
                    name,
                    str,
                    many=many,
                    explode=True if many else None,
                    enum=values or None,
                    description=description,
                )
            )
        else:
            schema = {"type": "string"}
            if getattr(field, "max_length", None):
                schema["maxLength"] = field.max_length
            parameters.append(OpenApiParameter(name, schema, description=description))
    return parameters


class AutoSchema(SpectacularAutoSchema):
    def _error_codes(self) -> list[str]:
        view = self.view
        codes = ["400"]
        if view.get_authenticators():
            codes.append("401")
        if self.method not in SAFE_METHODS:
            codes.append("403")
        paged = self._get_pagination_parameters() or any(
            isinstance(p, OpenApiParameter) and p.name == "page"
            for p in self.get_override_parameters()
        )
        if "{" in self.path or paged:
            codes.append("404")
        if view.get_throttles():
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(ERROR, code, direction=direction)
        return responses
