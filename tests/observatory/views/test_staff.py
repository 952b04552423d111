"""Staff pages: the upload with its background job, the default dataset, removal; everyone
else gets a 404 for them."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.observatory.models import Dataset, ImportJob
from clusterbridge.observatory.services.imports import request_import
from tests.factories import StaffFactory, UserFactory
from tests.observatory.factories import make_dataset

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nama_10r_3empers_sample.tsv"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def queued_job():
    return request_import(
        actor=None,
        slug="national",
        name="National",
        source="Ministry",
        format="plain_csv",
        files={"plain": SimpleUploadedFile("a.csv", b"nuts,category,year,employment\n")},
        enqueue=False,
    )


def test_outsiders_get_404_for_every_staff_page(client):
    dataset = make_dataset()
    job = queued_job()
    client.force_login(UserFactory())
    assert client.get("/observatory/imports/new/").status_code == 404
    assert client.post("/observatory/imports/new/").status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(f"/observatory/datasets/{dataset.slug}/default/").status_code == 404
    assert client.post(f"/observatory/datasets/{dataset.slug}/delete/").status_code == 404
    assert Dataset.objects.filter(pk=dataset.pk).exists()
    client.logout()
    assert client.get(job.get_absolute_url()).status_code == 302  # to the login page


def test_staff_import_a_eurostat_file_in_the_background(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/observatory/imports/new/",
            {
                "name": "Eurostat employment",
                "source": "Eurostat, nama_10r_3empers",
                "licence": "CC BY 4.0",
                "format": "eurostat_tsv",
                "employment_file": SimpleUploadedFile("sample.tsv", SAMPLE.read_bytes()),
                "mapping": "sections",
                "filters": "wstatus=EMP",
                "skip_unknown_regions": "on",
            },
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done"  # the immediate task backend ran it on commit
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert "Imported" in page and "The dataset is now at version 1." in page
    assert "rows of regions the platform does not know" in page
    assert Dataset.objects.get().slug == "eurostat-employment"
    partial = staff_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert partial.content.decode().startswith('<section id="import-status" data-status="done"')


def test_a_refused_file_shows_the_problems_by_line(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/observatory/imports/new/",
            {
                "name": "Eurostat employment",
                "source": "Eurostat",
                "format": "eurostat_tsv",
                "employment_file": SimpleUploadedFile("sample.tsv", SAMPLE.read_bytes()),
                "mapping": "sections",
                "filters": "wstatus=EMP",
            },
        )
    job = ImportJob.objects.get()
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert "Failed, nothing changed" in page
    assert (
        "sample.tsv, line 21: Unknown NUTS code “FRY1” (not a NUTS 2021 region the platform knows)."
        in page
    )
    assert "Skip NUTS codes the platform does not know" in page
    assert not Dataset.objects.exists()


def test_while_running_the_page_polls_for_progress(staff_client):
    job = queued_job()
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert f'hx-get="{job.get_absolute_url()}" hx-trigger="every 2s"' in page
    assert 'aria-live="polite"' in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"format": "plain_csv"}, "plain_file", "Choose the CSV file."),
        (
            {"format": "eurostat_tsv"},
            "employment_file",
            "Choose the file with the employment figures.",
        ),
        (
            {"format": "plain_csv", "filters": "wstatus"},
            "filters",
            "“wstatus” is not a filter; write dimension=VALUE, e.g. wstatus=EMP.",
        ),
    ],
)
def test_the_form_refuses_incomplete_requests(staff_client, data, field, message):
    response = staff_client.post("/observatory/imports/new/", {"name": "N", "source": "S", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_that_is_not_text_is_refused(staff_client):
    response = staff_client.post(
        "/observatory/imports/new/",
        {
            "name": "N",
            "source": "S",
            "format": "plain_csv",
            "plain_file": SimpleUploadedFile("figures.csv", b"\x00\x01\x02binary"),
        },
    )
    assert response.status_code == 400
    assert "“figures.csv” is not a text file." in response.content.decode()


def test_staff_choose_the_default_dataset_and_remove_one(staff_client):
    first = make_dataset()
    second = make_dataset(slug="second", name="Second", make_default=False)
    response = staff_client.post(f"/observatory/datasets/{second.slug}/default/")
    assert response.status_code == 302
    assert list(Dataset.objects.filter(is_default=True).values_list("slug", flat=True)) == [
        "second"
    ]
    staff_client.post(f"/observatory/datasets/{first.slug}/delete/")
    assert list(Dataset.objects.values_list("slug", flat=True)) == ["second"]
    page = staff_client.get("/observatory/datasets/").content.decode()
    assert 'id="new-import"' in page


def test_staff_pages_make_a_fixed_number_of_queries(staff_client):
    make_dataset()
    job = queued_job()
    urls = ["/observatory/imports/new/", job.get_absolute_url(), "/observatory/datasets/"]

    def counts() -> list[int]:
        found = []
        for url in urls:
            staff_client.get(url)  # warm the caches of the first request
            with CaptureQueriesContext(connection) as captured:
                assert staff_client.get(url).status_code == 200, url
            found.append(len(captured.captured_queries))
        return found

    before = counts()
    for i in range(5):
        make_dataset(slug=f"more-{i}", name=f"More {i}", make_default=False)
        ImportJob.objects.create(
            dataset_slug=f"old-{i}",
            dataset_name=f"Old {i}",
            source="Ministry",
            format="plain_csv",
            status="done",
            created_by=StaffFactory(),
        )
    assert counts() == before
