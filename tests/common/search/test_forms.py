"""The filter form of a declared search: fields on the class, specific messages, the query."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from clusterbridge.common.search.forms import filter_form
from clusterbridge.marketplace.forms.search import SearchForm
from clusterbridge.marketplace.queries.search import MARKETPLACE
from clusterbridge.organisations.forms.directory import DirectoryFilterForm
from clusterbridge.organisations.queries.directory import DIRECTORY
from tests.common.search.definitions import ENGINE, EngineQuery

pytestmark = pytest.mark.django_db

EngineForm = filter_form(ENGINE)


def test_the_fields_are_declared_on_the_class_in_order():
    assert list(EngineForm.base_fields) == [
        "q",
        "kind",
        "country",
        "sector",
        "reach",
        "sort",
        "page",
    ]
    for form, search in ((DirectoryFilterForm, DIRECTORY), (SearchForm, MARKETPLACE)):
        params = [f.param for f in search.filters]
        assert list(form.base_fields) == ["q", *params, "sort", "page"]
    assert [f.param for f in MARKETPLACE.filters] == [
        "kind", "sector", "technology", "country", "organisation_kind", "within",
    ]  # fmt: skip
    assert SearchForm.base_fields["within"].choices == [
        ("", "Any time"),
        ("7", "Last 7 days"),
        ("30", "Last 30 days"),
        ("90", "Last 3 months"),
        ("365", "Last 12 months"),
    ]


def test_valid_data_gives_the_query():
    form = EngineForm(QueryDict("q=+laser+&kind=sme&kind=cluster&sector=automotive"))
    assert form.is_valid(), form.errors
    assert form.to_query() == EngineQuery(
        text="laser", kinds=("sme", "cluster"), sectors=("automotive",)
    )


def test_unknown_values_get_specific_messages():
    form = EngineForm(QueryDict("kind=castle&country=XX&sector=nonsense&reach=7&sort=random"))
    assert not form.is_valid()
    assert form.error_list() == [
        "Unknown kind of organisation “castle”.",
        "Unknown country code “XX”.",
        "Unknown sector “nonsense”.",
        "Reach takes 10 or 50.",
        "Unknown sort order “random”; use one of: name, founded, ranked.",
    ]


def test_a_single_option_takes_one_value_or_nothing():
    assert SearchForm({"within": "30"}).is_valid()
    assert SearchForm({"within": ""}).is_valid()
    form = SearchForm({"within": "3"})
    assert not form.is_valid()
    assert form.error_list() == ["“Posted within” takes 7, 30, 90 or 365 (days)."]
