"""The one way the API answers a faceted list (organisations, opportunities, partnerships,
calls): the web list's filter form validates the query, its ``Search`` runs it, and the page
carries the facets' counts (schema: ``api.schema.faceted_page``)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response


def faceted_list(view: GenericAPIView, form_class: type[forms.Form], run: Callable) -> Response:
    params = view.request.query_params.copy()
    params.pop("page_size", None)  # validated by the paginator
    form = form_class(params)
    if not form.is_valid():
        return error_response(" ".join(form.error_list()), details=form.errors.get_json_data())
    results, facets = run(form.to_query())
    page = view.paginate_queryset(results)
    response = view.get_paginated_response(view.get_serializer(page, many=True).data)
    response.data["facets"] = [
        {"name": f.name, "label": f.label, "values": [v.__dict__ for v in f.values]} for f in facets
    ]
    return response
