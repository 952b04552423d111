"""Readers of the statistical file formats, and ``tabulate`` which turns records into a Table.

- **Eurostat TSV** (bulk download): the first column lists comma-separated dimensions ending in
  ``geo\\TIME_PERIOD`` (``geo\\time`` in older files), then one column per year; ``:`` is a
  missing value, and flags may follow a value ("3.16 p": provisional; "b" break in series, "e"
  estimated, …).
- **Eurostat SDMX-CSV**: one observation per row, with the dimension columns, ``TIME_PERIOD``,
  ``OBS_VALUE`` and ``OBS_FLAG`` (values may carry their label, "DE1:Baden-Württemberg").
- **Plain CSV** for national observatories: ``nuts,category,year,employment,enterprises,wages``
  (and optionally ``gva``), one row per region, category and year; the category ``total`` gives
  the region's total employment (all activities).

Each reader checks every value and code and returns a ``Reading``: records, the problems by
line (the caller writes nothing when there is one) and counts of what it skipped and why:
``missing`` (":" or empty), ``nuts3`` (finer than the observatory), ``other_level`` (NUTS 0/1
rows: the observatory sums them up from NUTS 2 itself), ``extra_regio`` ("DEZZ"),
``aggregate_area`` ("EU27_2020", "EA20"), ``unknown_region`` (only when asked to skip them),
``filtered`` (rows another filter value selects).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from clusterbridge.clusterstats.nace import TOTAL, normalise, overlap
from clusterbridge.clusterstats.nace import Mapping as NaceMapping
from clusterbridge.clusterstats.problems import Problem, Reading, Record, csv_rows
from clusterbridge.clusterstats.table import MEASURES, Figures, Key, Table

NUTS_SHAPE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
# Eurostat units that are counts, and the factor to persons, enterprises or euros.
UNIT_SCALES = {
    "NR": 1,
    "PER": 1,
    "PS": 1,
    "THS": 1000,
    "THS_PER": 1000,
    "THS_PS": 1000,
    "EUR": 1,
    "THS_EUR": 1000,
    "MIO_EUR": 1_000_000,
}
FIRST_YEAR, LAST_YEAR = 1950, 2100
PROGRESS_EVERY = 2000
NACE_DIMENSIONS = ("nace_r2",)
CATEGORY_DIMENSIONS = ("category", "cluster")
SDMX_NON_DIMENSIONS = {
    "dataflow",
    "structure",
    "structure_id",
    "structure_name",
    "action",
    "last update",
    "time_period",
    "obs_value",
    "obs_flag",
    "conf_status",
}
Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class Regions:
    """The NUTS codes the platform knows, the level the observatory reads (2) and whether
    unknown codes are skipped (counted) instead of refused."""

    known: frozenset[str]
    level: int = 2
    skip_unknown: bool = False
    countries: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(cls, codes: Iterable[str], *, level: int = 2, skip_unknown: bool = False) -> Regions:
        known = frozenset(codes)
        return cls(
            known=known,
            level=level,
            skip_unknown=skip_unknown,
            countries=frozenset(code[:2] for code in known),
        )

    def classify(self, code: str) -> str:
        """ "" to keep the row, "unknown" for a problem, else the reason it is skipped."""
        if not NUTS_SHAPE.match(code) or code[:2] not in self.countries:
            return "aggregate_area"
        rest = code[2:]
        if rest and set(rest) == {"Z"}:
            return "extra_regio"
        if len(rest) >= 3:
            return "nuts3"
        # Coarser levels are summed up from the base level by the observatory itself, so their
        # codes need not be known (ES7 and FRY, missing from GISCO's lists, are skipped too).
        if len(rest) != self.level:
            return "other_level"
        if code not in self.known:
            return "unknown_region" if self.skip_unknown else "unknown"
        return ""


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _year(text: str) -> int | None:
    text = text.strip()
    if len(text) == 4 and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return None


def _lines(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        yield number, line.rstrip("\r\n")


class _Duplicates:
    """Remembers where each figure was read, to report the second reading of one."""

    def __init__(self):
        self.seen: dict[tuple, tuple[int, tuple]] = {}

    def check(self, key: tuple, line: int, others: tuple, names: tuple) -> Problem | None:
        previous = self.seen.get(key)
        if previous is None:
            self.seen[key] = (line, others)
            return None
        first_line, first_others = previous
        differing = [n for n, a, b in zip(names, first_others, others, strict=True) if a != b]
        if differing:
            return Problem(line, "ambiguous_rows", ", ".join(differing), str(first_line))
        return Problem(line, "duplicate", "", str(first_line))


def _check_filters(
    reading: Reading, filters: Mapping[str, Collection[str]] | None, dimensions: list[str]
) -> dict[int, set[str]]:
    by_position = {}
    for name, values in (filters or {}).items():
        name = name.strip().lower()
        if name not in dimensions:
            reading.problem(Problem(1, "missing_column", name))
            continue
        by_position[dimensions.index(name)] = {v.strip().upper() for v in values}
    return by_position


def _key_dimension(reading: Reading, dimensions: list[str]) -> int | None:
    for name in NACE_DIMENSIONS:
        if name in dimensions:
            reading.basis = "nace"
            return dimensions.index(name)
    for name in CATEGORY_DIMENSIONS:
        if name in dimensions:
            reading.basis = "category"
            return dimensions.index(name)
    reading.problem(Problem(1, "missing_column", "nace_r2"))
    return None


def _read_value(
    reading: Reading,
    *,
    line: int,
    text: str,
) -> tuple[float, str] | None:
    """A Eurostat cell ("3.16 p", ": ", "0"): (value, flags) or None when missing."""
    text = text.strip()
    if not text or text.startswith(":"):
        reading.skipped["missing"] += 1
        return None
    number, _, flags = text.partition(" ")
    try:
        value = _number(number)
    except ValueError:
        reading.problem(Problem(line, "not_a_number", text))
        return None
    if value < 0:
        reading.problem(Problem(line, "negative_value", text))
        return None
    return value, flags.strip()


def _scale(reading: Reading, line: int, unit: str | None) -> float | None:
    if unit is None:
        return 1.0
    scale = UNIT_SCALES.get(unit)
    if scale is None:
        reading.problem(Problem(line, "unknown_unit", unit))
    return scale


def _key(reading: Reading, line: int, raw: str, categories: Collection[str] | None) -> str | None:
    if reading.basis == "nace":
        return normalise(raw)
    key = raw.strip().lower()
    if key == TOTAL.lower():
        return TOTAL
    if categories is not None and key not in categories:
        reading.problem(Problem(line, "unknown_category", raw.strip()))
        return None
    return key


def read_eurostat_tsv(
    lines: Iterable[str],
    *,
    measure: str,
    regions: Regions,
    filters: Mapping[str, Collection[str]] | None = None,
    categories: Collection[str] | None = None,
    progress: Progress = None,
) -> Reading:
    """Read a Eurostat bulk-download TSV file holding one ``measure``."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    reading = Reading()
    rows = _lines(lines)
    first = next(rows, None)
    if first is None or not first[1].strip():
        reading.problem(Problem(1, "empty_file"))
        return reading
    header = first[1].split("\t")
    head = header[0].strip()
    dimensions_text, backslash, _time = head.partition("\\")
    dimensions = [d.strip().lower() for d in dimensions_text.split(",")]
    if not backslash or dimensions[-1] != "geo":
        reading.problem(Problem(1, "bad_header", head, "…,geo\\TIME_PERIOD"))
        return reading
    years: list[int] = []
    for cell in header[1:]:
        year = _year(cell)
        if year is None:
            reading.problem(Problem(1, "bad_year", cell.strip()))
        years.append(year or 0)
    key_at = _key_dimension(reading, dimensions)
    filter_at = _check_filters(reading, filters, dimensions)
    if reading.problems:
        return reading
    unit_at = dimensions.index("unit") if "unit" in dimensions else None
    other_at = tuple(i for i in range(len(dimensions) - 1) if i != key_at and i not in filter_at)
    other_names = tuple(dimensions[i] for i in other_at)
    duplicates = _Duplicates()
    classify = regions.classify
    for line, text in rows:
        reading.lines = line
        if progress and line % PROGRESS_EVERY == 0:
            progress(line)
        if not text.strip():
            continue
        cells = text.split("\t")
        if len(cells) != len(header):
            reading.problem(Problem(line, "bad_row", str(len(cells)), str(len(header))))
            continue
        values = [v.strip() for v in cells[0].split(",")]
        if len(values) != len(dimensions):
            reading.problem(Problem(line, "bad_row", cells[0], ",".join(dimensions)))
            continue
        if any(values[i].upper() not in allowed for i, allowed in filter_at.items()):
            reading.skipped["filtered"] += len(years)
            continue
        region = values[-1].upper()
        verdict = classify(region)
        if verdict == "unknown":
            reading.problem(Problem(line, "unknown_region", region))
            continue
        if verdict:
            reading.skipped[verdict] += len(years)
            continue
        key = _key(reading, line, values[key_at], categories)
        unit = values[unit_at].upper() if unit_at is not None else None
        scale = _scale(reading, line, unit)
        if key is None or scale is None:
            continue
        if unit:
            reading.units[unit] += 1
        others = tuple(values[i] for i in other_at)
        for year, cell in zip(years, cells[1:], strict=True):
            found = _read_value(reading, line=line, text=cell)
            if found is None:
                continue
            problem = duplicates.check((region, key, year), line, others, other_names)
            if problem:
                reading.problem(problem)
                continue
            value, flag = found
            reading.records.append(Record(line, region, key, year, measure, value * scale, flag))
    if not reading.records and not reading.problems:
        reading.problem(Problem(reading.lines or 1, "no_data"))
    return reading


def _label_free(value: str) -> str:
    """SDMX-CSV files downloaded "with labels" write "DE1:Baden-Württemberg"."""
    return value.split(":", 1)[0].strip()


def read_sdmx_csv(
    lines: Iterable[str],
    *,
    measure: str,
    regions: Regions,
    filters: Mapping[str, Collection[str]] | None = None,
    categories: Collection[str] | None = None,
    progress: Progress = None,
) -> Reading:
    """Read a Eurostat SDMX-CSV file holding one ``measure``."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    reading = Reading()
    rows = csv_rows(reading, csv.reader(text for _, text in _lines(lines)), 1)
    header = next(rows, (1, None))[1]
    if reading.problems:
        return reading
    if not header or not any(h.strip() for h in header):
        reading.problem(Problem(1, "empty_file"))
        return reading
    columns = [_label_free(h).lower() for h in header]
    for required in ("geo", "time_period", "obs_value"):
        if required not in columns:
            reading.problem(
                Problem(1, "missing_column", required.upper() if "_" in required else required)
            )
    if reading.problems:
        return reading
    dimensions = [c for c in columns if c not in SDMX_NON_DIMENSIONS]
    key_name_at = _key_dimension(reading, dimensions)
    filter_dims = _check_filters(reading, filters, dimensions)
    if reading.problems:
        return reading
    at = {c: i for i, c in enumerate(columns)}
    key_at = at[dimensions[key_name_at]]
    filter_at = {at[dimensions[i]]: allowed for i, allowed in filter_dims.items()}
    geo_at, time_at, value_at = at["geo"], at["time_period"], at["obs_value"]
    flag_at = at.get("obs_flag")
    unit_at = at.get("unit")
    other_names = tuple(
        d
        for d in dimensions
        if d not in ("geo", dimensions[key_name_at]) and at[d] not in filter_at
    )
    other_at = tuple(at[d] for d in other_names)
    duplicates = _Duplicates()
    classify = regions.classify
    for line, row in rows:
        reading.lines = line
        if progress and line % PROGRESS_EVERY == 0:
            progress(line)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            reading.problem(Problem(line, "bad_row", str(len(row)), str(len(columns))))
            continue
        if any(_label_free(row[i]).upper() not in allowed for i, allowed in filter_at.items()):
            reading.skipped["filtered"] += 1
            continue
        region = _label_free(row[geo_at]).upper()
        verdict = classify(region)
        if verdict == "unknown":
            reading.problem(Problem(line, "unknown_region", region))
            continue
        if verdict:
            reading.skipped[verdict] += 1
            continue
        year = _year(row[time_at])
        if year is None:
            reading.problem(Problem(line, "bad_year", row[time_at].strip()))
            continue
        key = _key(reading, line, _label_free(row[key_at]), categories)
        unit = _label_free(row[unit_at]).upper() if unit_at is not None else None
        scale = _scale(reading, line, unit)
        if key is None or scale is None:
            continue
        if unit:
            reading.units[unit] += 1
        text = row[value_at].strip()
        if flag_at is not None and row[flag_at].strip():
            text = f"{text} {row[flag_at].strip()}"
        found = _read_value(reading, line=line, text=text)
        if found is None:
            continue
        others = tuple(_label_free(row[i]) for i in other_at)
        problem = duplicates.check((region, key, year), line, others, other_names)
        if problem:
            reading.problem(problem)
            continue
        value, flag = found
        reading.records.append(Record(line, region, key, year, measure, value * scale, flag))
    if not reading.records and not reading.problems:
        reading.problem(Problem(reading.lines or 1, "no_data"))
    return reading


PLAIN_REQUIRED = ("nuts", "category", "year")
PLAIN_MEASURES = MEASURES


def read_plain_csv(
    lines: Iterable[str],
    *,
    regions: Regions,
    categories: Collection[str],
    progress: Progress = None,
) -> Reading:
    """Read ``nuts,category,year,employment,enterprises,wages[,gva]`` (comma or semicolon)."""
    reading = Reading(basis="category")
    numbered = _lines(lines)
    first = next(numbered, None)
    if first is None or not first[1].strip():
        reading.problem(Problem(1, "empty_file"))
        return reading
    delimiter = ";" if ";" in first[1] and "," not in first[1] else ","
    header = next(csv_rows(reading, csv.reader([first[1]], delimiter=delimiter), 1), None)
    if header is None:
        return reading
    columns = [c.strip().lower() for c in header[1]]
    for required in PLAIN_REQUIRED:
        if required not in columns:
            reading.problem(Problem(1, "missing_column", required))
    for column in columns:
        if column not in PLAIN_REQUIRED and column not in PLAIN_MEASURES:
            reading.problem(Problem(1, "unknown_column", column))
    measures = [m for m in PLAIN_MEASURES if m in columns]
    if not measures:
        reading.problem(Problem(1, "missing_column", "employment"))
    if reading.problems:
        return reading
    at = {c: i for i, c in enumerate(columns)}
    known = set(categories)
    duplicates = _Duplicates()
    classify = regions.classify
    rows = csv_rows(reading, csv.reader((text for _, text in numbered), delimiter=delimiter), 2)
    for line, row in rows:
        reading.lines = line
        if progress and line % PROGRESS_EVERY == 0:
            progress(line)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            reading.problem(Problem(line, "bad_row", str(len(row)), str(len(columns))))
            continue
        region = row[at["nuts"]].strip().upper()
        verdict = classify(region)
        if verdict == "unknown":
            reading.problem(Problem(line, "unknown_region", region))
            continue
        if verdict:
            reading.skipped[verdict] += len(measures)
            continue
        key = _key(reading, line, row[at["category"]], known)
        year = _year(row[at["year"]])
        if year is None:
            reading.problem(Problem(line, "bad_year", row[at["year"]].strip()))
            continue
        if key is None:
            continue
        problem = duplicates.check((region, key, year), line, (), ())
        if problem:
            reading.problem(problem)
            continue
        for measure in measures:
            text = row[at[measure]].strip()
            if not text:
                reading.skipped["missing"] += 1
                continue
            try:
                value = _number(text)
            except ValueError:
                reading.problem(Problem(line, "not_a_number", text, measure))
                continue
            if value < 0:
                reading.problem(Problem(line, "negative_value", text, measure))
                continue
            if key == TOTAL and measure != "employment":
                reading.skipped["total_other_measure"] += 1
                continue
            reading.records.append(Record(line, region, key, year, measure, value))
    if not reading.records and not reading.problems:
        reading.problem(Problem(reading.lines or 1, "no_data"))
    return reading


@dataclass
class Tabulation:
    table: Table
    flags: dict[Key, str] = field(default_factory=dict)
    total_flags: dict[tuple[str, int], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


def _flags(*parts: str) -> str:
    return "".join(sorted(set("".join(parts))))


def _own_values(records: list[Record], mapping: NaceMapping | None) -> list[float]:
    """Each record's value, less what more detailed records of the same region, year and
    measure account for: a file holding a division ("10") and some of its groups ("101") keeps
    under "10" only the rest (never below zero), so nothing is counted twice."""
    values = [record.value for record in records]
    if mapping is None:
        return values
    groups: dict[tuple, dict[str, int]] = {}
    for index, record in enumerate(records):
        if record.key.isdigit() and mapping.match(record.key):
            groups.setdefault((record.region, record.year, record.measure), {})[record.key] = index
    for codes in groups.values():
        if len(codes) < 2:
            continue
        for code, index in codes.items():
            for length in range(len(code) - 1, 1, -1):
                parent = codes.get(code[:length])
                if parent is not None:
                    values[parent] -= records[index].value
                    break
        for index in codes.values():
            values[index] = max(0.0, values[index])
    return values


def tabulate(records: Iterable[Record], *, mapping: NaceMapping | None = None) -> Tabulation:
    """Sum the records into cells by cluster category (through ``mapping`` for NACE codes).

    NACE codes that the mapping does not cover are skipped (``unmapped``). Nested numeric codes
    are netted (see ``_own_values``); two other mapped codes that cover the same activities
    ("B-E" and "C") are a problem (``overlapping_codes``)."""
    records = list(records)
    result = Tabulation(table=Table())
    if mapping is not None:
        first_line: dict[str, int] = {}
        for record in records:
            if record.key != TOTAL and record.key not in first_line and mapping.match(record.key):
                first_line[record.key] = record.line
        codes = sorted(first_line, key=first_line.get)
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                if not (a.isdigit() and b.isdigit()) and overlap(a, b):
                    result.problems.append(
                        Problem(
                            first_line[b], "overlapping_codes", f"{a} / {b}", str(first_line[a])
                        )
                    )
        if result.problems:
            return result
    own = _own_values(records, mapping)
    sums: dict[Key, dict[str, float]] = {}
    flags: dict[Key, str] = {}
    totals: dict[tuple[str, int], float] = {}
    for record, value in zip(records, own, strict=True):
        if record.key == TOTAL:
            if record.measure == "employment":
                key = (record.region, record.year)
                totals[key] = totals.get(key, 0.0) + value
                if record.flag:
                    result.total_flags[key] = _flags(result.total_flags.get(key, ""), record.flag)
            else:
                result.skipped["total_other_measure"] += 1
            continue
        if mapping is None:
            targets = [(record.key, 1.0)]
        else:
            rules = mapping.match(record.key)
            if not rules:
                result.skipped["unmapped"] += 1
                continue
            targets = [(rule.category, rule.share) for rule in rules]
        for category, share in targets:
            key = (record.region, category, record.year)
            cell = sums.setdefault(key, {})
            cell[record.measure] = cell.get(record.measure, 0.0) + value * share
            if record.flag:
                flags[key] = _flags(flags.get(key, ""), record.flag)
    result.table = Table({key: Figures(**values) for key, values in sums.items()}, totals)
    result.flags = flags
    return result
