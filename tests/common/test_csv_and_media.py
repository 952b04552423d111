import csv
import io

import pytest
from django.conf import settings

from clusterbridge.common.csv import safe_cell, safe_row
from tests.factories import OrganisationFactory


def test_formula_cells_are_neutralised_and_others_kept():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+31 20 555") == "'+31 20 555"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("Acme") == "Acme"
    assert safe_cell(42) == 42
    assert safe_row({"a": "-1", "b": None}) == {"a": "'-1", "b": None}


@pytest.mark.django_db
def test_directory_csv_escapes_formulas(client):
    OrganisationFactory(name="=cmd|' /C calc'!A0", slug="evil")
    content = b"".join(client.get("/organisations/export.csv").streaming_content).decode()
    (row,) = list(csv.DictReader(io.StringIO(content)))
    assert row["name"] == "'=cmd|' /C calc'!A0"


@pytest.mark.django_db
def test_only_public_upload_folders_are_served(client):
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "logos" / "a.txt").write_text("logo")
    (settings.MEDIA_ROOT / "benchmarking" / "evidence").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "benchmarking" / "evidence" / "secret.pdf").write_text("secret")
    assert client.get("/media/logos/a.txt").status_code == 200
    assert client.get("/media/benchmarking/evidence/secret.pdf").status_code == 404


@pytest.mark.django_db
def test_event_images_are_not_served_as_public_files(client):
    # Event images go through events.views.images, which checks that the event is visible.
    (settings.MEDIA_ROOT / "events").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "events" / "draft.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/events/draft.png").status_code == 404
