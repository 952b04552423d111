"""The import_statistics command: the same import as the upload page, at once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clusterbridge.observatory.models import Dataset, Statistic

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nama_10r_3empers_sample.tsv"
AUTO = "automotive"


def command(*args) -> str:
    out = StringIO()
    call_command("import_statistics", *args, stdout=out)
    return out.getvalue()


def test_a_plain_csv_file(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        "nuts,category,year,employment,enterprises,wages\n"
        f"DE11,{AUTO},2021,300,10,15000000\n"
        "DE11,total,2021,1000,,\n"
        f"FR10,{AUTO},2021,100,5,6000000\n"
        "FR10,total,2021,2000,,\n",
        encoding="utf-8",
    )
    out = command(
        "--slug=national",
        "--name=National observatory",
        "--source=Ministry",
        "--format=plain_csv",
        f"--file={path}",
        "--licence=CC BY 4.0",
        "--default",
    )
    assert out == ("Imported national version 1: 2 figures, 2 regions, 1 categories, years 2021.\n")
    dataset = Dataset.objects.get(slug="national")
    assert (dataset.licence, dataset.is_default) == ("CC BY 4.0", True)
    de11 = Statistic.objects.get(dataset=dataset, region__code="DE11", category__code=AUTO)
    assert de11.lq == pytest.approx((300 / 1000) / (400 / 3000))


def test_the_real_eurostat_sample():
    out = command(
        "--slug=eurostat-employment",
        "--name=Employment by NACE section",
        "--source=Eurostat",
        "--format=eurostat_tsv",
        f"--employment={SAMPLE}",
        "--mapping=sections",
        "--filters=wstatus=EMP",
        "--skip-unknown-regions",
    )
    assert out.startswith("Imported eurostat-employment version 1: ")
    assert Dataset.objects.get().region_count == 5


def test_problems_are_listed_by_line_and_nothing_is_imported():
    with pytest.raises(CommandError) as refused:
        command(
            "--slug=eurostat-employment",
            "--name=Employment by NACE section",
            "--source=Eurostat",
            "--format=eurostat_tsv",
            f"--employment={SAMPLE}",
            "--filters=wstatus=EMP",
        )
    assert str(refused.value) == (
        "Nothing was imported:\nnama_10r_3empers_sample.tsv, line 21: Unknown NUTS code “FRY1” "
        "(not a NUTS 2021 region the platform knows)."
    )
    assert not Dataset.objects.exists()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file: "):
        command(
            "--slug=x",
            "--name=X",
            "--source=Y",
            "--format=plain_csv",
            f"--file={tmp_path / 'absent.csv'}",
        )
    with pytest.raises(CommandError, match=r"--file is required for the plain CSV format\."):
        command("--slug=x", "--name=X", "--source=Y", "--format=plain_csv")
    assert not Dataset.objects.exists()
