"""Shared upload checks: content sniffing and archives inspected without expanding them."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.common import uploads
from clusterbridge.common.uploads import CSV, DOCX, ODT, PDF, sniff, validate_upload
from tests import files


@pytest.fixture(scope="module")
def odt_bomb() -> bytes:
    return files.odt_bomb()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return files.docx_bomb()


def _upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _check(content: bytes, name: str, accepted=frozenset({PDF, DOCX, ODT})) -> str:
    return validate_upload(
        _upload(content, name), accepted=set(accepted), max_bytes=10 * 1024 * 1024,
        accepted_text="PDF, Word or OpenDocument",
    )  # fmt: skip


def _error(content: bytes, name: str, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        _check(content, name, **kwargs)
    return excinfo.value


def test_an_opendocument_text_and_a_word_file_are_recognised():
    assert _check(files.odt(), "minutes.odt") == ODT
    assert _check(files.docx(), "minutes.docx") == DOCX


def test_a_mimetype_bomb_is_refused_without_expanding_it(odt_bomb):
    assert len(odt_bomb) < 400 * 1024  # a few hundred KB on disk, 200 MB once expanded
    upload = _upload(odt_bomb, "minutes.odt")
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as excinfo:
            validate_upload(upload, accepted={ODT}, max_bytes=10 * 1024 * 1024, accepted_text="")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert excinfo.value.code == "archive_bomb"
    assert excinfo.value.messages == [
        "“minutes.odt” is an archive that would expand to far more than its size; "
        "we do not accept it."
    ]
    assert peak < 5 * 1024 * 1024  # the old check read all 200 MB into memory


def test_an_office_file_that_expands_out_of_proportion_is_refused(docx_bomb):
    # Before, only the names of the entries were looked at: this bomb passed as a Word file.
    assert _error(docx_bomb, "report.docx").code == "archive_bomb"


def test_a_mimetype_entry_is_read_in_bounded_size_only():
    # A "mimetype" entry longer than any real one is not an OpenDocument file.
    odt = files.make_zip({"mimetype": files.ODT_MIMETYPE + b" " * 500}, stored_first=True)
    assert _error(odt, "minutes.odt").code == "attachment_type"


def test_an_archive_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_ENTRIES", 20)
    crowded = files.make_zip(
        {"[Content_Types].xml": b"<Types/>", **{f"word/{i}.xml": b"" for i in range(25)}}
    )
    assert _error(crowded, "report.docx").code == "archive_bomb"


def test_declared_sizes_beyond_the_total_limit_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_TOTAL_BYTES", 1000)
    big = files.make_zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(range(256)) * 8}
    )
    assert _error(big, "report.docx").code == "archive_bomb"


def test_a_renamed_executable_and_a_misnamed_file_are_refused():
    error = _error(b"MZ\x90\x00 evil", "report.pdf")
    assert error.code == "attachment_type"
    assert error.messages == [
        "“report.pdf” is not a file type we accept (PDF, Word or OpenDocument)."
    ]
    error = _error(b"%PDF-1.4 x", "report.docx")
    assert error.code == "attachment_extension"
    assert error.messages == [
        "“report.docx” does not contain what its name says (its content is pdf)."
    ]


def test_text_is_csv_only_where_text_is_accepted():
    assert _check(b"name;value\nAlpha;1\n", "data.csv", accepted={CSV}) == CSV
    assert _error(b"name;value\n", "data.csv").code == "attachment_type"
    assert _error(b"MZ\x00\x00binary", "data.csv", accepted={CSV}).code == "attachment_type"


def test_sniff_restores_the_read_position():
    upload = _upload(b"%PDF-1.4 x", "a.pdf")
    upload.seek(3)
    assert sniff(upload) == PDF
    assert upload.tell() == 3
