"""CSV exports that are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise user text that a spreadsheet would execute ("=HYPERLINK(...)")."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}


class _Echo:
    """A file-like object that returns what is written: csv.writer then yields lines."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], header: Sequence[str] | None = None
) -> Iterator[str]:
    """The header, then every row made safe (formula-like cells neutralised; headers too, as
    some are typed by people, like an event's registration questions)."""
    writer = csv.DictWriter(_Echo(), fieldnames=list(columns), extrasaction="ignore")
    titles = columns if header is None else header
    yield writer.writerow(safe_row(dict(zip(columns, titles, strict=True))))
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_text(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], header: Sequence[str] | None = None
) -> str:
    """The same CSV as one string (for files that are built before they are sent); ``header``:
    the first line's titles when they differ from the row keys."""
    return "".join(csv_lines(rows, columns, header))


def csv_download(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], filename: str
) -> StreamingHttpResponse:
    """The one way lists are downloaded as CSV: streamed (big lists never sit in memory)."""
    response = StreamingHttpResponse(
        csv_lines(rows, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
