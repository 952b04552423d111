"""Imports: the real Eurostat sample, the other formats, problems by line, atomic replacement."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.observatory.models import Dataset, ImportJob, Observation, Series, Statistic
from clusterbridge.observatory.services.imports import import_now, request_import, run_import
from tests.factories import StaffFactory, UserFactory
from tests.observatory.factories import AUTO, make_dataset

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nama_10r_3empers_sample.tsv"


def sample_upload(name="nama_10r_3empers.tsv"):
    return SimpleUploadedFile(name, SAMPLE.read_bytes())


def eurostat(**options):
    values = {
        "actor": None,
        "slug": "eurostat-employment",
        "name": "Employment by NACE section",
        "source": "Eurostat, nama_10r_3empers",
        "licence": "CC BY 4.0",
        "format": "eurostat_tsv",
        "files": {"employment": sample_upload()},
        "mapping": "sections",
        "filters": {"wstatus": ["EMP"]},
        "source_code": "nama_10r_3empers",
    }
    values.update(options)
    return import_now(**values)


def plain(text: str, **options):
    values = {
        "actor": None,
        "slug": "national",
        "name": "National observatory",
        "source": "Ministry",
        "format": "plain_csv",
        "files": {"plain": SimpleUploadedFile("figures.csv", text.encode())},
    }
    values.update(options)
    return import_now(**values)


def test_the_real_eurostat_sample_is_imported():
    job = eurostat(skip_unknown_regions=True)
    assert (job.status, job.problems, job.error) == ("done", [], "")
    dataset = Dataset.objects.get(slug="eurostat-employment")
    assert dataset.version == 1
    assert dataset.basis == "nace"
    assert dataset.approximate_mapping is True
    assert dataset.mapping_name == "nace_sections.csv"
    assert dataset.years == list(range(2000, 2023))  # the mapped rows start in 2000
    assert dataset.region_count == 5  # FRF3, ES64, FI19, EL41, SE21 have mapped sections
    assert dataset.skipped["unknown_region"] == 28
    assert dataset.skipped["unmapped"] == 121
    series = Series.objects.get(dataset=dataset)
    assert (series.measure, series.source_unit, series.selection) == (
        "employment",
        "THS",
        "wstatus=EMP",
    )
    assert series.flags == "bp"
    # The raw figures by NACE code are kept: 10 NUTS 2 rows of employed persons.
    assert Observation.objects.filter(series=series).values("nuts_code").distinct().count() == 10
    fi19 = Statistic.objects.get(
        dataset=dataset, region__code="FI19", category__code="business-services", year=2021
    )
    assert fi19.employment == pytest.approx(68_930)
    assert fi19.level == 2
    es64 = Statistic.objects.get(
        dataset=dataset,
        region__code="ES64",
        category__code="emerging-experience-industries",
        year=2021,
    )
    assert es64.flags == "p"
    # Summed up to the country and NUTS 1.
    assert Statistic.objects.get(
        dataset=dataset, region__code="FI", category__code="business-services", year=2021
    ).employment == pytest.approx(68_930)
    assert not default_storage.exists(job.files[0]["path"])  # the upload is deleted afterwards


def test_an_unknown_region_fails_the_import_and_writes_nothing():
    job = eurostat()
    assert job.status == "failed"
    assert job.problems == [
        {
            "file": "nama_10r_3empers.tsv",
            "line": 21,
            "code": "unknown_region",
            "value": "FRY1",
            "detail": "",
        }
    ]
    assert not Dataset.objects.exists()
    assert not Statistic.objects.exists()


def test_reimporting_replaces_the_dataset_and_a_failed_import_changes_nothing():
    first = plain(
        "nuts,category,year,employment\nDE11,automotive,2020,100\nDE12,automotive,2020,50\n"
    )
    assert first.status == "done"
    dataset = Dataset.objects.get(slug="national")
    before = list(
        Statistic.objects.filter(dataset=dataset).values_list("region__code", "employment")
    )
    failed = plain(
        "nuts,category,year,employment\nDE11,automotive,2020,100\nDE12,automotive,2020,lots\n"
    )
    assert failed.status == "failed"
    assert failed.problems[0]["line"] == 3 and failed.problems[0]["code"] == "not_a_number"
    dataset.refresh_from_db()
    assert dataset.version == 1
    assert (
        list(Statistic.objects.filter(dataset=dataset).values_list("region__code", "employment"))
        == before
    )
    second = plain("nuts,category,year,employment\nFR10,automotive,2021,70\nFR10,total,2021,700\n")
    assert second.status == "done"
    dataset.refresh_from_db()
    assert dataset.version == 2
    assert dataset.years == [2021]
    assert set(
        Statistic.objects.filter(dataset=dataset).values_list("region__code", flat=True)
    ) == {
        "FR10",
        "FR1",
        "FR",
    }


def test_an_error_while_writing_rolls_everything_back(monkeypatch):
    plain("nuts,category,year,employment\nDE11,automotive,2020,100\n")
    from clusterbridge.observatory.services import imports

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "refresh_organisation_strengths", broken)
    job = plain("nuts,category,year,employment\nDE12,automotive,2020,100\n")
    assert job.status == "failed"
    assert job.error == "RuntimeError: disk full"
    dataset = Dataset.objects.get(slug="national")
    assert dataset.version == 1
    assert list(
        Statistic.objects.filter(dataset=dataset, level=2, category__isnull=False).values_list(
            "region__code", flat=True
        )
    ) == ["DE11"]


def test_plain_csv_with_wages_gives_productivity_stars():
    job = plain(
        "nuts,category,year,employment,enterprises,wages\n"
        "DE11,automotive,2020,100,3,6000000\n"
        "DE12,automotive,2020,100,3,4000000\n"
        "DE21,automotive,2020,100,3,3000000\n"
        "DE22,automotive,2020,100,3,2000000\n"
        "DE11,total,2020,1000,,\n"
    )
    assert job.status == "done"
    row = Statistic.objects.get(region__code="DE11", category__code=AUTO, year=2020)
    assert row.productivity == 60_000
    assert row.productivity_star is True  # top quarter of four regions: the first
    assert (
        Statistic.objects.get(region__code="DE12", category__code=AUTO).productivity_star is False
    )
    dataset = Dataset.objects.get()
    assert dataset.measures == ["employment", "enterprises", "wages"]
    assert dataset.has_productivity


def test_the_request_is_checked_before_anything_is_kept():
    with pytest.raises(PermissionDenied):
        request_import(
            actor=UserFactory(),
            slug="x",
            name="X",
            source="Y",
            format="plain_csv",
            files={"plain": SimpleUploadedFile("a.csv", b"nuts,category,year,employment\n")},
        )
    with pytest.raises(ValidationError) as error:
        request_import(
            actor=StaffFactory(),
            slug="Bad Slug",
            name="",
            source="Y",
            format="eurostat_tsv",
            files={"wages": SimpleUploadedFile("a.exe", b"MZ")},
            mapping="",
        )
    messages = error.value.message_dict
    assert set(messages) == {"slug", "name", "files", "mapping", "wages"}
    assert ImportJob.objects.count() == 0


def test_one_import_of_a_dataset_at_a_time():
    staff = StaffFactory()
    options = {
        "actor": staff,
        "slug": "national",
        "name": "National",
        "source": "Ministry",
        "format": "plain_csv",
        "enqueue": False,
    }
    request_import(
        files={"plain": SimpleUploadedFile("a.csv", b"nuts,category,year,employment\n")}, **options
    )
    with pytest.raises(ValidationError, match="already under way"):
        request_import(
            files={"plain": SimpleUploadedFile("b.csv", b"nuts,category,year,employment\n")},
            **options,
        )


def test_a_queued_job_runs_once_through_the_task():
    # The immediate task backend of the tests runs the job when the request commits.
    job = request_import(
        actor=StaffFactory(),
        slug="national",
        name="National",
        source="Ministry",
        format="plain_csv",
        files={
            "plain": SimpleUploadedFile(
                "a.csv", b"nuts,category,year,employment\nDE11,automotive,2020,5\n"
            )
        },
    )
    job.refresh_from_db()
    assert job.status == "queued"  # the test's transaction has not committed: on_commit waits
    assert run_import(job_id=job.pk).status == "done"
    assert run_import(job_id=job.pk).status == "done"  # a second run does nothing
    assert Dataset.objects.get().version == 1


def test_gzip_files_are_read():
    import gzip

    body = gzip.compress(b"nuts,category,year,employment\nDE11,automotive,2020,5\n")
    job = import_now(
        actor=None,
        slug="zipped",
        name="Zipped",
        source="S",
        format="plain_csv",
        files={"plain": SimpleUploadedFile("figures.csv.gz", body)},
    )
    assert job.status == "done"
    broken = import_now(
        actor=None,
        slug="broken",
        name="Broken",
        source="S",
        format="plain_csv",
        files={"plain": SimpleUploadedFile("figures.csv.gz", body[:20])},
    )
    assert broken.status == "failed"
    assert broken.problems[0]["code"] == "encoding"


def test_text_that_is_not_utf8_is_a_problem_with_its_line():
    job = import_now(
        actor=None,
        slug="latin",
        name="Latin-1",
        source="S",
        format="plain_csv",
        files={
            "plain": SimpleUploadedFile(
                "f.csv",
                "nuts,category,year,employment\nDE11,automotive,2020,5 Zürich\n".encode("latin-1"),
            )
        },
    )
    assert job.status == "failed"
    assert job.problems == [
        {"file": "f.csv", "line": 2, "code": "encoding", "value": "", "detail": ""}
    ]


def test_the_stored_statistics_of_a_small_table():
    dataset = make_dataset()
    de11 = Statistic.objects.get(
        dataset=dataset, region__code="DE11", category__code=AUTO, year=2020
    )
    assert de11.lq == pytest.approx(2.4)
    assert (de11.size_star, de11.specialisation_star, de11.focus_star) == (True, True, True)
    assert de11.stars == 3
    total = Statistic.objects.get(dataset=dataset, region__code="DE11", category=None, year=2020)
    assert total.employment == 1000
    de1 = Statistic.objects.get(dataset=dataset, region__code="DE1", category__code=AUTO, year=2020)
    assert de1.lq == pytest.approx(1.6) and de1.level == 1


PLAIN_HEADER = b"nuts,category,year,employment\n"


@pytest.mark.parametrize(
    "body",
    [
        PLAIN_HEADER + b"DE11,automotive,2020,5\x00\n",  # a NUL byte
        "nuts,category,year,employment\nDE11,automotive,2020,5\n".encode("utf-16"),
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    ],
    ids=["nul", "utf16", "binary"],
)
def test_files_that_are_not_text_are_refused_before_anything_is_kept(body):
    with pytest.raises(ValidationError) as refused:
        plain(body.decode("latin-1"), files={"plain": SimpleUploadedFile("f.csv", body)})
    assert refused.value.message_dict == {"plain": ["“f.csv” is not a text file."]}
    assert (ImportJob.objects.count(), Dataset.objects.count()) == (0, 0)


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.OBSERVATORY_UPLOAD_MAX_BYTES = 1024 * 1024
    body = PLAIN_HEADER + b"DE11,automotive,2020,5\n" * 50_000
    with pytest.raises(ValidationError) as refused:
        plain("", files={"plain": SimpleUploadedFile("big.csv", body)})
    assert refused.value.message_dict == {"plain": ["“big.csv” is 1.1 MB; the limit is 1 MB."]}
    assert ImportJob.objects.count() == 0


def test_huge_cells_and_nul_bytes_inside_gzip_are_problems_by_line():
    import gzip

    from clusterbridge.observatory.validators import problem_message

    make_dataset(slug="national", name="National observatory", make_default=False)
    before = Statistic.objects.filter(dataset__slug="national").count()
    body = PLAIN_HEADER + b"DE11,automotive,2020,5\nDE11,automotive,2021," + b"9" * 200_000
    job = plain("", files={"plain": SimpleUploadedFile("f.csv.gz", gzip.compress(body))})
    assert job.status == "failed" and job.error == ""
    assert [problem_message(p) for p in job.problems] == [
        "f.csv.gz, line 3: A cell is longer than 131072 characters."
    ]
    nul = PLAIN_HEADER + b"DE11,automotive,2020,5\x00\n"
    job = plain("", files={"plain": SimpleUploadedFile("g.csv.gz", gzip.compress(nul))})
    assert [problem_message(p) for p in job.problems] == ["g.csv.gz, line 2: “5” is not a number."]
    # Nothing was written: the dataset is still the one of the tests, at its first version.
    assert Dataset.objects.get(slug="national").version == 1
    assert Statistic.objects.filter(dataset__slug="national").count() == before
