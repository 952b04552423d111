"""An import of Eurostat SDMX-CSV files, end to end: read, mapped from NACE sections, computed,
stored at every NUTS level; a bad file changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.observatory.models import Dataset, Series, Statistic
from clusterbridge.observatory.services.imports import import_now

pytestmark = pytest.mark.django_db

HEADER = "DATAFLOW,LAST UPDATE,freq,unit,wstatus,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
FLOW = "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS"


def sdmx(*rows: str) -> str:
    return HEADER + "".join(f"{FLOW},{row}\n" for row in rows)


GOOD = sdmx(
    "EMP,TOTAL,DE11:Stuttgart,2021,2000,",
    "EMP,J,DE11:Stuttgart,2021,300,p",
    "SAL,J,DE11,2021,280,",  # another wstatus: filtered out
    "EMP,TOTAL,DE12,2021,1000,",
    "EMP,J,DE12,2021,50,",
    "EMP,TOTAL,FR10,2021,6000,",
    "EMP,J,FR10,2021,600,",
    "EMP,J,FR10,2020,:,",  # missing: skipped
)
DIGITAL = "emerging-digital-industries"


def run(text: str, **options):
    values = {
        "actor": None,
        "slug": "eurostat-sdmx",
        "name": "Employment (SDMX-CSV)",
        "source": "Eurostat, nama_10r_3empers",
        "licence": "CC BY 4.0",
        "format": "sdmx_csv",
        "files": {"employment": SimpleUploadedFile("employment.csv", text.encode())},
        "mapping": "sections",
        "filters": {"wstatus": ["EMP"]},
    }
    values.update(options)
    return import_now(**values)


def test_an_sdmx_csv_file_is_imported():
    job = run(GOOD)
    assert (job.status, job.problems, job.error) == ("done", [], "")
    dataset = Dataset.objects.get(slug="eurostat-sdmx")
    assert (dataset.basis, dataset.years, dataset.region_count) == ("nace", [2021], 3)
    series = Series.objects.get(dataset=dataset)
    assert (series.measure, series.source_unit, series.selection, series.flags) == (
        "employment",
        "THS",
        "wstatus=EMP",
        "p",
    )
    de11 = Statistic.objects.get(
        dataset=dataset, region__code="DE11", category__code=DIGITAL, year=2021
    )
    # Thousands of persons → persons; LQ = (300 / 2000) / (950 / 9000).
    assert (de11.employment, de11.level, de11.flags) == (300_000, 2, "p")
    assert de11.lq == pytest.approx((300 / 2000) / (950 / 9000))
    assert de11.share == pytest.approx(0.15)
    germany = Statistic.objects.get(
        dataset=dataset, region__code="DE", category__code=DIGITAL, year=2021
    )
    assert (germany.employment, germany.level) == (350_000, 0)
    totals = dict(
        Statistic.objects.filter(dataset=dataset, category__isnull=True, level=2).values_list(
            "region__code", "employment"
        )
    )
    assert totals == {"DE11": 2_000_000, "DE12": 1_000_000, "FR10": 6_000_000}


def test_a_bad_sdmx_csv_file_names_the_line_and_writes_nothing():
    job = run(sdmx("EMP,TOTAL,DE11,2021,2000,", "EMP,J,DE99,2021,30,", "EMP,J,DE11,2021,abc,"))
    assert job.status == "failed"
    assert [(p["line"], p["code"], p["value"]) for p in job.problems] == [
        (3, "unknown_region", "DE99"),
        (4, "not_a_number", "abc"),
    ]
    assert not Dataset.objects.exists()
    assert not Statistic.objects.exists()


def test_a_failed_sdmx_reimport_keeps_the_previous_version():
    assert run(GOOD).status == "done"
    before = list(Statistic.objects.order_by("pk").values_list("pk", "employment"))
    assert run(sdmx("EMP,J,DE11,2021,-5,")).status == "failed"
    dataset = Dataset.objects.get(slug="eurostat-sdmx")
    assert dataset.version == 1
    assert list(Statistic.objects.order_by("pk").values_list("pk", "employment")) == before
