import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from clusterbridge.common.downloads import download, private_file
from clusterbridge.common.feedback import error_text, form_error


class _Field:
    storage = InMemoryStorage()


def _stored(name: str, content: bytes) -> FieldFile:
    saved = _Field.storage.save(name, ContentFile(content))
    field_file = FieldFile(None, _Field(), saved)
    field_file.storage = _Field.storage
    return field_file


def test_private_file_forbids_sniffing_scripts_and_shared_caches():
    response = private_file(
        _stored("evidence.pdf", b"%PDF-1.4"), content_type="application/pdf", filename="é.pdf"
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%C3%A9.pdf"


def test_a_public_file_may_be_cached():
    response = private_file(
        _stored("image.png", b"png"), content_type="image/png", as_attachment=False,
        public_max_age=300,
    )  # fmt: skip
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Disposition"].startswith("inline")


def test_a_file_missing_from_storage_is_a_404():
    missing = FieldFile(None, _Field(), "gone.pdf")
    missing.storage = _Field.storage
    with pytest.raises(Http404, match="The file is missing"):
        private_file(
            missing, content_type="application/pdf", missing_message="The file is missing."
        )


def test_download_names_the_file_safely():
    response = download('{"a": 1}', "application/json", 'my "data".json')
    assert response.content == b'{"a": 1}'
    assert response["Content-Disposition"] == 'attachment; filename="my \\"data\\".json"'


class _Form(forms.Form):
    title = forms.CharField()


def test_service_errors_land_on_their_field_or_the_form():
    form = _Form(data={"title": "x"})
    assert form.is_valid()
    form_error(form, ValidationError({"title": "Too short.", "budget": "Over budget."}))
    assert form.errors == {"title": ["Too short."], "__all__": ["Over budget."]}
    other = _Form(data={"title": "x"})
    other.is_valid()
    form_error(other, ValidationError("Closed.", code="closed"))
    assert other.non_field_errors() == ["Closed."]
    assert error_text(ValidationError(["One.", "Two."])) == "One. Two."
