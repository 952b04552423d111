"""The file readers: the real Eurostat sample, the SDMX-CSV and plain CSV formats, and every
problem reported by line and code."""

import csv
from pathlib import Path

import pytest

from clusterbridge.clusterstats.nace import normalise, overlap, read_mapping
from clusterbridge.clusterstats.problems import Problem
from clusterbridge.clusterstats.readers import (
    Regions,
    read_eurostat_tsv,
    read_plain_csv,
    read_sdmx_csv,
    tabulate,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests/observatory/data/nama_10r_3empers_sample.tsv"
TAXONOMY = ROOT / "src/clusterbridge/taxonomy/data"
MAPPINGS = ROOT / "src/clusterbridge/observatory/data"


def _codes(name):
    with (TAXONOMY / name).open(encoding="utf-8") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


REGIONS = Regions.of(_codes("nuts2021.csv"))
CATEGORIES = set(_codes("cluster_categories.csv"))


def sections():
    with (MAPPINGS / "nace_sections.csv").open(encoding="utf-8") as handle:
        mapping, reading = read_mapping(handle, categories=CATEGORIES, name="sections")
    assert reading.problems == []
    return mapping


def read_sample(**options):
    with SAMPLE.open(encoding="utf-8") as handle:
        return read_eurostat_tsv(
            handle,
            measure="employment",
            regions=options.pop("regions", REGIONS),
            filters={"wstatus": ["EMP"]},
            categories=CATEGORIES,
            **options,
        )


def test_the_real_eurostat_sample_refuses_a_region_the_platform_does_not_know():
    reading = read_sample()
    # FRY1 (Guadeloupe) is a NUTS 2021 region missing from GISCO's outlines and the platform.
    assert reading.problems == [Problem(21, "unknown_region", "FRY1")]


def test_the_real_eurostat_sample_read_with_unknown_regions_skipped():
    reading = read_sample(regions=Regions.of(_codes("nuts2021.csv"), skip_unknown=True))
    assert reading.problems == []
    assert reading.basis == "nace"
    assert reading.units == {"THS": 10}  # the ten NUTS 2 rows of employed persons read
    # 28 years per row: SAL rows filtered, NUTS 0/1/3 and Extra-Regio rows skipped.
    assert reading.skipped == {
        "filtered": 5 * 28,
        "other_level": 6 * 28,
        "nuts3": 3 * 28,
        "extra_regio": 28,
        "unknown_region": 28,
        "missing": 47,
    }
    by_key = {(r.region, r.key, r.year): r for r in reading.records}
    # "A,THS,EMP,M_N,FI19 … 67.26 (2019)": thousands become persons.
    assert by_key[("FI19", "M_N", 2019)].value == pytest.approx(67_260)
    assert by_key[("ES64", "R-U", 2021)].flag == "p"
    assert by_key[("EL41", "M_N", 2010)].flag == "b"
    assert ("FRF3", "J", 2022) in by_key and ("FI19", "M_N", 2022) not in by_key  # ":"
    table = tabulate(reading.records, mapping=sections())
    assert table.problems == []
    assert table.table.get("FI19", "business-services", 2021).employment == pytest.approx(68_930)
    assert table.table.get("SE21", "agricultural-inputs-and-services", 2000).employment == 22_000
    assert table.flags[("ES64", "emerging-experience-industries", 2021)] == "p"
    # B-E, C, L and O-Q are not mapped (no cluster category matches them).
    assert table.skipped == {"unmapped": 121}


def test_without_a_filter_rows_that_differ_only_by_a_dimension_are_ambiguous():
    text = (
        "freq,unit,wstatus,nace_r2,geo\\TIME_PERIOD\t2020 \t2021 \n"
        "A,THS,EMP,J,DE11\t1 \t2 \n"
        "A,THS,SAL,J,DE11\t0.5 \t1.5 \n"
    )
    reading = read_eurostat_tsv(text.splitlines(True), measure="employment", regions=REGIONS)
    assert reading.problems == [
        Problem(3, "ambiguous_rows", "wstatus", "2"),
        Problem(3, "ambiguous_rows", "wstatus", "2"),
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("A,THS,EMP,J,DE11\tabc \t2 \n", Problem(2, "not_a_number", "abc")),
        ("A,THS,EMP,J,DE11\t-3 \t2 \n", Problem(2, "negative_value", "-3")),
        ("A,THS,EMP,J,XX11\t1 \t2 \n", Problem(2, "aggregate_area", "")),
        ("A,THS,EMP,J,DE1X\t1 \t2 \n", Problem(2, "unknown_region", "DE1X")),
        ("A,PC,EMP,J,DE11\t1 \t2 \n", Problem(2, "unknown_unit", "PC")),
        ("A,THS,EMP,J,DE11\t1 \n", Problem(2, "bad_row", "2", "3")),
        (
            "A,THS,EMP,DE11\t1 \t2 \n",
            Problem(2, "bad_row", "A,THS,EMP,DE11", "freq,unit,wstatus,nace_r2,geo"),
        ),
        ("A,THS,EMP,J,DE11\tnan \t2 \n", Problem(2, "not_a_number", "nan")),
    ],
)
def test_bad_values_are_reported_by_line(body, problem):
    text = "freq,unit,wstatus,nace_r2,geo\\TIME_PERIOD\t2020 \t2021 \n" + body
    reading = read_eurostat_tsv(text.splitlines(True), measure="employment", regions=REGIONS)
    if problem.code == "aggregate_area":  # not a region at all: skipped, not a problem
        assert reading.problems == [Problem(2, "no_data")]
        assert reading.skipped == {"aggregate_area": 2}
    else:
        assert reading.problems[0] == problem


def test_bad_headers():
    def read(text):
        return read_eurostat_tsv(text.splitlines(True), measure="employment", regions=REGIONS)

    assert read("").problems == [Problem(1, "empty_file")]
    assert read("nuts,category\n").problems == [
        Problem(1, "bad_header", "nuts,category", "…,geo\\TIME_PERIOD")
    ]
    assert read("unit,nace_r2,geo\\time\t2020\tyear\n").problems == [Problem(1, "bad_year", "year")]
    assert read("unit,geo\\time\t2020\n").problems == [Problem(1, "missing_column", "nace_r2")]
    reading = read_eurostat_tsv(
        ["unit,nace_r2,geo\\time\t2020\n"],
        measure="employment",
        regions=REGIONS,
        filters={"wstatus": ["EMP"]},
    )
    assert reading.problems == [Problem(1, "missing_column", "wstatus")]


def test_sdmx_csv():
    text = (
        "DATAFLOW,LAST UPDATE,freq,unit,wstatus,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
        "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS,EMP,J,DE11,2020,11.5,p\n"
        "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS,EMP,J,DE11:Stuttgart,2021,12,\n"
        "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS,EMP,J,DE12,2021,,\n"
        "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS,SAL,J,DE12,2021,3,\n"
        "ESTAT:NAMA_10R_3EMPERS(1.0),15/04/24 23:00:00,A,THS,EMP,J,DE1,2021,30,\n"
    )
    reading = read_sdmx_csv(
        text.splitlines(True),
        measure="employment",
        regions=REGIONS,
        filters={"wstatus": ["EMP"]},
    )
    assert reading.problems == []
    assert [(r.region, r.key, r.year, r.value, r.flag) for r in reading.records] == [
        ("DE11", "J", 2020, 11_500, "p"),
        ("DE11", "J", 2021, 12_000, ""),
    ]
    assert reading.skipped == {"missing": 1, "filtered": 1, "other_level": 1}
    bad = read_sdmx_csv(
        ["geo,TIME_PERIOD,OBS_VALUE,nace_r2\n", "DE11,2020-Q1,3,J\n", "DE11,2020,x,J\n"],
        measure="employment",
        regions=REGIONS,
    )
    assert bad.problems == [Problem(2, "bad_year", "2020-Q1"), Problem(3, "not_a_number", "x")]
    assert read_sdmx_csv(["freq,geo\n"], measure="employment", regions=REGIONS).problems == [
        Problem(1, "missing_column", "TIME_PERIOD"),
        Problem(1, "missing_column", "OBS_VALUE"),
    ]


def test_plain_csv():
    text = (
        "nuts;category;year;employment;enterprises;wages\n"
        "DE11;automotive;2020;1000;10;50000000\n"
        "DE11;total;2020;5000;;\n"
        "DE11;food-processing-and-manufacturing;2020;200;;\n"
        "DE1;automotive;2020;1000;10;50000000\n"
    )
    reading = read_plain_csv(text.splitlines(True), regions=REGIONS, categories=CATEGORIES)
    assert reading.problems == []
    assert reading.basis == "category"
    assert reading.skipped == {"missing": 4, "other_level": 3}
    table = tabulate(reading.records)
    assert table.table.totals == {("DE11", 2020): 5000}
    assert table.table.get("DE11", "automotive", 2020).wages == 50_000_000
    assert table.table.get("DE11", "food-processing-and-manufacturing", 2020).enterprises is None


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("DE11,nothing,2020,1,,", Problem(2, "unknown_category", "nothing")),
        ("DE11,automotive,20x0,1,,", Problem(2, "bad_year", "20x0")),
        ("DE11,automotive,2020,1.000.000,,", Problem(2, "not_a_number", "1.000.000", "employment")),
        ("DE11,automotive,2020,-5,,", Problem(2, "negative_value", "-5", "employment")),
        ("DE11,automotive,2020,5", Problem(2, "bad_row", "4", "6")),
        ("FR99,automotive,2020,5,,", Problem(2, "unknown_region", "FR99")),
    ],
)
def test_plain_csv_problems(line, problem):
    text = "nuts,category,year,employment,enterprises,wages\n" + line + "\n"
    reading = read_plain_csv(text.splitlines(True), regions=REGIONS, categories=CATEGORIES)
    assert reading.problems == [problem]
    assert reading.records == []


def test_plain_csv_header_problems():
    reading = read_plain_csv(
        ["nuts,sector,year,employmnet\n"], regions=REGIONS, categories=CATEGORIES
    )
    assert reading.problems == [
        Problem(1, "missing_column", "category"),
        Problem(1, "unknown_column", "sector"),
        Problem(1, "unknown_column", "employmnet"),
        Problem(1, "missing_column", "employment"),
    ]
    duplicate = read_plain_csv(
        [
            "nuts,category,year,employment\n",
            "DE11,automotive,2020,1\n",
            "DE11,automotive,2020,2\n",
        ],
        regions=REGIONS,
        categories=CATEGORIES,
    )
    assert duplicate.problems == [Problem(3, "duplicate", "", "2")]


def test_nace_codes_are_normalised_and_nested_codes_netted():
    assert normalise("C10.1") == "101"
    assert normalise("c10-c12") == "10-12"
    assert normalise("b-e") == "B-E"
    assert normalise("Total") == "TOTAL"
    assert overlap("B-E", "C") and overlap("C", "10") and overlap("10-12", "101")
    assert not overlap("101", "102") and not overlap("G-I", "J") and not overlap("K", "M_N")
    with (MAPPINGS / "nace_divisions.csv").open(encoding="utf-8") as handle:
        divisions, reading = read_mapping(handle, categories=CATEGORIES)
    assert reading.problems == []
    sdmx = read_sdmx_csv(
        [
            "geo,nace_r2,TIME_PERIOD,OBS_VALUE,unit\n",
            "DE11,C10,2020,100,NR\n",  # food processing, of which…
            "DE11,C101,2020,30,NR\n",  # … meat processing (livestock)
            "DE11,C1011,2020,20,NR\n",  # … of which 20 in 10.11, still livestock
            "DE11,C29,2020,70,NR\n",
            "DE11,C47,2020,500,NR\n",  # retail: no cluster category
        ],
        measure="employment",
        regions=REGIONS,
    )
    assert sdmx.problems == []
    table = tabulate(sdmx.records, mapping=divisions)
    assert table.problems == []
    assert table.table.get("DE11", "food-processing-and-manufacturing", 2020).employment == 70
    assert table.table.get("DE11", "livestock-processing", 2020).employment == 30
    assert table.table.get("DE11", "automotive", 2020).employment == 70
    assert table.skipped == {"unmapped": 1}


def test_overlapping_mapped_codes_are_refused():
    mapping, _ = read_mapping(
        ["nace,category\n", "B-E,upstream-chemical-products\n", "C,plastics\n"],
        categories=CATEGORIES,
    )
    sdmx = read_sdmx_csv(
        ["geo,nace_r2,TIME_PERIOD,OBS_VALUE\n", "DE11,B-E,2020,10\n", "DE11,C,2020,8\n"],
        measure="employment",
        regions=REGIONS,
    )
    result = tabulate(sdmx.records, mapping=mapping)
    assert result.problems == [Problem(3, "overlapping_codes", "B-E / C", "2")]


def test_mapping_shares_and_problems():
    mapping, reading = read_mapping(
        [
            "nace,category,share,note\n",
            "G-I,distribution-and-electronic-commerce,0.6,approximate\n",
            "G-I,hospitality-and-tourism,0.4,approximate\n",
            "J,nowhere,1,\n",
            "K,financial-services,1.5,\n",
            "G-I,hospitality-and-tourism,0.1,\n",
            "L,financial-services,abc,\n",
        ],
        categories=CATEGORIES,
    )
    assert reading.problems == [
        Problem(4, "unknown_category", "nowhere"),
        Problem(5, "bad_share", "1.5"),
        Problem(6, "duplicate", "G-I", "3"),
        Problem(7, "not_a_number", "abc"),
    ]
    assert len(mapping.approximate) == 2
    split = tabulate(
        read_sdmx_csv(
            ["geo,nace_r2,TIME_PERIOD,OBS_VALUE\n", "DE11,G-I,2020,1000\n"],
            measure="employment",
            regions=REGIONS,
        ).records,
        mapping=mapping,
    )
    assert split.table.get("DE11", "distribution-and-electronic-commerce", 2020).employment == 600
    assert split.table.get("DE11", "hospitality-and-tourism", 2020).employment == 400
    _over, reading = read_mapping(
        ["nace,category,share\n", "A,forestry,0.7\n", "A,fishing-and-fishing-products,0.7\n"],
        categories=CATEGORIES,
    )
    assert reading.problems == [Problem(3, "shares_above_one", "A", "2")]


PLAIN_HEADER = "nuts,category,year,employment\n"
SDMX_HEADER = "DATAFLOW,LAST UPDATE,freq,unit,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"


def test_a_cell_over_the_csv_field_limit_is_a_problem_of_its_line():
    limit = str(csv.field_size_limit())
    body = PLAIN_HEADER + "DE11,automotive,2020,5\n" + "DE11,automotive,2021," + "9" * 200_000
    reading = read_plain_csv(body.splitlines(True), regions=REGIONS, categories=CATEGORIES)
    assert reading.problems == [Problem(3, "cell_too_long", "", limit)]
    header = read_plain_csv(["x" * 200_000 + "\n"], regions=REGIONS, categories=CATEGORIES)
    assert header.problems == [Problem(1, "cell_too_long", "", limit)]
    sdmx = read_sdmx_csv(
        [SDMX_HEADER, "ESTAT:X,now,A,THS,C," + "D" * 200_000 + ",2020,5,\n"],
        measure="employment",
        regions=REGIONS,
    )
    assert sdmx.problems == [Problem(2, "cell_too_long", "", limit)]
    _mapping, mapping_reading = read_mapping(
        ["nace,category\n", "C," + "x" * 200_000 + "\n"], categories=CATEGORIES
    )
    assert mapping_reading.problems == [Problem(2, "cell_too_long", "", limit)]


def test_any_other_csv_error_is_a_problem_of_its_line_and_ends_the_reading():
    from clusterbridge.clusterstats.problems import Reading, csv_rows

    reading = Reading()
    rows = csv.reader(["a,b\n", 'c,"d"e\n', "f,g\n"], strict=True)
    assert list(csv_rows(reading, rows, 1)) == [(1, ["a", "b"])]
    assert reading.problems == [Problem(2, "bad_csv")]


def test_quoted_values_are_cut_and_lose_nul_bytes():
    huge = "5" * 300_000
    body = f"unit,nace_r2,geo\\TIME_PERIOD\t2020 \nTHS,C,DE11\t{huge} \nTHS,F,DE11\t7\x00 \n"
    reading = read_eurostat_tsv(body.splitlines(True), measure="employment", regions=REGIONS)
    assert reading.problems == [
        Problem(2, "not_a_number", "5" * 79 + "…"),
        Problem(3, "not_a_number", "7"),
    ]
