"""The number formatter of long tables: the same text as Django's number_format."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from clusterbridge.common.numbers import NumberFormatter

VALUES = [
    0,
    0.0,
    -0.0,
    7,
    -7,
    999,
    1000,
    -1000,
    1234567,
    -1234567,
    12_345_678_901,
    0.5,
    1.25,
    -1.25,
    0.004,
    1.999,
    1234.5,
    -1234.56,
    1234567.891,
    -9876543.21,
    1e-7,
    123456789012345.67,
    1e16,
    -2.5e20,
    Decimal("1234.5678"),
    Decimal("-0.001"),
]
ARGUMENTS = [
    {},
    {"decimal_pos": 0},
    {"decimal_pos": 1},
    {"decimal_pos": 2},
    {"force_grouping": True},
    {"decimal_pos": 0, "force_grouping": True},
    {"decimal_pos": 2, "force_grouping": True},
]


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("arguments", ARGUMENTS, ids=repr)
def test_the_formatter_writes_what_number_format_writes(language, arguments):
    with translation.override(language):
        numbers = NumberFormatter()
        for value in VALUES:
            expected = number_format(value, **arguments)
            assert numbers.format(value, **arguments) == expected, (value, expected)


def test_the_separators_are_those_of_the_language():
    with translation.override("en"):
        numbers = NumberFormatter()
        assert numbers.format(-1234567.5, 2, force_grouping=True) == "-1,234,567.50"
    with translation.override("de"):
        assert numbers.format(-1234567.5, 2, force_grouping=True) == "-1,234,567.50"
        numbers = NumberFormatter()
        assert numbers.format(-1234567.5, 2, force_grouping=True) == "-1.234.567,50"
    with translation.override("fr"):
        numbers = NumberFormatter()
        assert numbers.format(1234567, force_grouping=True) == "1\xa0234\xa0567"
        assert numbers.format(0.5, 2) == "0,50"


def test_a_language_can_be_given():
    assert NumberFormatter("de").format(1234.5, 1, force_grouping=True) == "1.234,5"


def test_grouping_other_than_threes_goes_through_django():
    numbers = NumberFormatter("en")
    numbers.grouping, numbers._fast = (3, 2, 0), False
    assert numbers.format(12345678, force_grouping=True) == "1,23,45,678"
    assert numbers.format(-12345678.5, 1, force_grouping=True) == "-1,23,45,678.5"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_thousand_separator_setting_is_followed(settings, language):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        numbers = NumberFormatter()
        for value in VALUES:
            for arguments in ARGUMENTS:
                assert numbers.format(value, **arguments) == number_format(value, **arguments)
