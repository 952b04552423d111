"""Ids from posted data are parsed with IdField / IdListField / ids_by_prefix, never by hand."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from clusterbridge.common.forms import MAX_ID, IdField, IdListField, ids_by_prefix


class IdsForm(forms.Form):
    id = IdListField(required=False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", 1), (" 42 ", 42), ("007", 7), (str(MAX_ID), MAX_ID)]
)
def test_id_field_takes_ascii_whole_numbers(raw, expected):
    assert IdField().clean(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["²", "٣", "0", "-1", "1.0", "1e3", "1_000", str(MAX_ID + 1), "abc", "1 2"],
)
def test_id_field_refuses_anything_else(raw):
    with pytest.raises(ValidationError) as exc:
        IdField().clean(raw)
    assert exc.value.messages == [f"“{raw.strip()}” is not a valid identifier."]


def test_a_long_value_is_shortened_in_the_message():
    with pytest.raises(ValidationError) as exc:
        IdField().clean("9" * 30)
    assert exc.value.messages == [f"“{'9' * 23}…” is not a valid identifier."]


def test_id_list_field_takes_repeated_values_once_each():
    form = IdsForm(QueryDict("id=3&id=1&id=3"))
    assert form.is_valid()
    assert form.cleaned_data["id"] == [3, 1]
    empty = IdsForm(QueryDict(""))
    assert empty.is_valid()
    assert empty.cleaned_data["id"] == []


@pytest.mark.parametrize("query", ["id=1&id=²", "id=" + "9" * 30, "id=x"])
def test_id_list_field_refuses_a_list_with_a_bad_id(query):
    form = IdsForm(QueryDict(query))
    assert not form.is_valid()
    assert len(form.errors["id"]) == 1
    assert form.errors["id"][0].endswith("is not a valid identifier.")


def test_ids_by_prefix():
    data = QueryDict("answer-12=yes&answer-3=no&note=x&answered=1")
    assert ids_by_prefix(data, "answer-") == {12: "yes", 3: "no"}


@pytest.mark.parametrize("key", ["answer-²", "answer-" + "9" * 30, "answer-", "answer-1a"])
def test_ids_by_prefix_refuses_a_name_without_a_valid_id(key):
    with pytest.raises(ValidationError) as exc:
        ids_by_prefix(QueryDict(f"answer-1=yes&{key}=no"), "answer-")
    assert exc.value.messages[0].endswith("is not a valid identifier.")
