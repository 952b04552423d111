"""The filter form of a declared search: one field per filter, plus text, sort and page.

    class DirectoryFilterForm(filter_form(DIRECTORY)):
        '''The directory's filters; the API validates its query parameters with it too.'''

Unknown values get a specific message ("Unknown country code “XX”."); the form never saves,
``to_query()`` gives the search's query object.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.forms import page_field, sort_field
from clusterbridge.common.search.engine import Search

TEXT_MAX_LENGTH = 200


class FilterForm(forms.Form):
    search: Search

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.search.filters:
            choices = f.valid_choices(self.search.model)
            if choices is not None:
                self.fields[f.param].choices = choices

    def to_query(self):
        return self.search.query_from(self.cleaned_data)

    def error_list(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]


def filter_form(search: Search) -> type[FilterForm]:
    """A form class with the search's fields declared on the class (the API schema reads
    them from ``base_fields``), in the order: q, the filters, sort, page."""
    attrs = {
        "search": search,
        "q": forms.CharField(
            label=_("Search"), required=False, max_length=TEXT_MAX_LENGTH, strip=True
        ),
        **{f.param: f.form_field() for f in search.filters},
        "sort": sort_field(search.sort_labels),
        "page": page_field(),
        "__module__": __name__,
    }
    return type(FilterForm)(f"{search.Query.__name__}FormBase", (FilterForm,), attrs)
