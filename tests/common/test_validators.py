"""The shared length limit of free texts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.common.validators import TextLimit, validate_length


def test_a_text_at_the_limit_passes_and_one_more_character_is_refused():
    validate_length("x" * 10, limit=10, label="The note")
    validate_length("", limit=10, label="The note")
    validate_length(None, limit=10, label="The note")
    with pytest.raises(ValidationError) as excinfo:
        validate_length("x" * 12_345, limit=10_000, label="The note")
    assert excinfo.value.code == "too_long"
    assert excinfo.value.messages == ["The note is 12,345 characters long; at most 10,000."]


def test_text_limit_is_a_field_validator():
    limit = TextLimit(3, "The code")
    limit("abc")
    with pytest.raises(ValidationError, match=r"The code is 4 characters long; at most 3\."):
        limit("abcd")
    assert limit == TextLimit(3, "The code")
