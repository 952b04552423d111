"""Page-number pagination for the API's lists, with its query parameters validated.

``page`` is a whole number from 1 to MAX_PAGE and ``page_size`` a whole number from 1 (more
than 100 gives 100); anything else is a 400 in the API's error shape, a page after the last
a 404.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from clusterbridge.common.forms import MAX_PAGE, page_field

# The parameters' schemas (also used by views that declare them, see api/schema.py).
PAGE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1}


class PageForm(forms.Form):
    page = page_field()
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={"invalid": _("The page size must be a whole number.")},
    )

    def clean(self):
        # Given but empty ("?page=") is not a number either; absent is the default.
        for name in ("page", "page_size"):
            if name in self.data and not str(self.data.get(name)).strip():
                self.add_error(name, self.fields[name].error_messages["invalid"])
        return self.cleaned_data


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()
    invalid_page_message = _("There is no page {page_number}.")

    def paginate_queryset(self, queryset, request, view=None):
        form = PageForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        schemas = {"page": PAGE_SCHEMA, "page_size": PAGE_SIZE_SCHEMA}
        for parameter in parameters:
            parameter["schema"] = dict(schemas[parameter["name"]])
        return parameters
