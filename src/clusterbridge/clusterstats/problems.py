"""What a reader found: records, problems by line, and what it skipped (and why).

Problems carry a code and the offending value, never a sentence: the app words them in the
reader's language (observatory/validators.py). The codes:

- ``empty_file``, ``no_data``: nothing to read;
- ``bad_header`` (detail: what was expected), ``missing_column`` (value: the column),
  ``unknown_column`` (value: the column);
- ``bad_row``: a row with the wrong number of cells (value: found, detail: expected);
  ``cell_too_long``: a CSV cell beyond the csv module's field limit (detail: the limit);
  ``bad_csv``: a line the csv module cannot parse (the reading stops there);
- ``unknown_region``, ``unknown_category``, ``unknown_unit``: a code the platform does not know;
- ``not_a_number``, ``negative_value``, ``bad_year``, ``missing_value``;
- ``duplicate``: the same figure twice (detail: the first line); ``ambiguous_rows``: rows that
  differ only in a dimension that no filter fixes (value: the dimension, detail: first line);
- ``bad_share``, ``shares_above_one`` (mapping files), ``overlapping_codes`` (value: the two
  NACE codes, detail: first line): figures that would be counted twice.

Quoted values and details are cut to ``MAX_QUOTED`` characters.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

MAX_PROBLEMS = 50
# A problem quotes at most this many characters of the offending value (a 5 MB cell is not
# worth echoing, nor storing with the failed job).
MAX_QUOTED = 80


def _quoted(text: str) -> str:
    # No NUL either: PostgreSQL's jsonb, where failed jobs keep their problems, refuses it.
    text = text.replace("\x00", "")
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


@dataclass(frozen=True)
class Problem:
    line: int
    code: str
    value: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    region: str
    key: str  # a category code, a NACE code (normalised) or TOTAL
    year: int
    measure: str
    value: float
    flag: str = ""


@dataclass
class Reading:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason → number of values
    lines: int = 0
    truncated: bool = False  # more than MAX_PROBLEMS problems
    basis: str = ""  # "category" or "nace": what the records' keys are
    units: Counter = field(default_factory=Counter)  # unit codes of the rows read ("THS")

    def problem(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            if any(
                len(text) > MAX_QUOTED or "\x00" in text for text in (problem.value, problem.detail)
            ):
                problem = replace(
                    problem, value=_quoted(problem.value), detail=_quoted(problem.detail)
                )
            self.problems.append(problem)
        else:
            self.truncated = True

    @property
    def ok(self) -> bool:
        return not self.problems

    def merge(self, other: Reading) -> None:
        self.records.extend(other.records)
        for problem in other.problems:
            self.problem(problem)
        self.truncated = self.truncated or other.truncated
        self.skipped.update(other.skipped)
        self.units.update(other.units)
        self.lines += other.lines


def csv_rows(
    reading: Reading, rows: Iterable[list[str]], start: int
) -> Iterator[tuple[int, list[str]]]:
    """(line, row) of a csv reader; a line the csv module refuses (a cell over its field limit,
    a stray quote at the end of the file) is a problem of that line and ends the reading."""
    iterator = iter(rows)
    line = start
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" in str(exc):
                reading.problem(Problem(line, "cell_too_long", "", str(csv.field_size_limit())))
            else:
                reading.problem(Problem(line, "bad_csv"))
            return
        yield line, row
        line += 1
