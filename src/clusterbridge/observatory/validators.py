"""Validation shared by the observatory's forms, API and services, and the wording of the
problems the file readers report (``clusterbridge.clusterstats`` gives codes, never sentences)."""

from __future__ import annotations

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common.uploads import looks_like_text
from clusterbridge.common.validators import TextLimit

NAME_MAX = 200
SOURCE_MAX = 300
LICENCE_MAX = 200
DESCRIPTION_MAX = 5_000
FILTERS_MAX = 300
validate_description = TextLimit(DESCRIPTION_MAX, gettext_lazy("The description"))
validate_name = TextLimit(NAME_MAX, gettext_lazy("The name"))
validate_source = TextLimit(SOURCE_MAX, gettext_lazy("The source"))
validate_licence = TextLimit(LICENCE_MAX, gettext_lazy("The licence"))

DATA_EXTENSIONS = ("csv", "tsv", "txt", "gz")
GZIP_MAGIC = b"\x1f\x8b"


def upload_max_bytes() -> int:
    return int(getattr(settings, "OBSERVATORY_UPLOAD_MAX_BYTES", 200 * 1024 * 1024))


def validate_data_file(upload) -> None:
    """A statistics file: CSV/TSV text, possibly gzip-compressed (as Eurostat ships them),
    within the size limit. Its content is checked line by line when it is read."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DATA_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a CSV or TSV file (.csv, .tsv, .txt or .gz).") % {"name": name},
            code="data_file_type",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="data_file_empty")
    if upload.size > upload_max_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                # Rounded up, so a file just over the limit never reads as the limit itself.
                "size": number_format(math.ceil(upload.size / 104_857.6) / 10, 1),
                "limit": number_format(upload_max_bytes() / 1_048_576, 0),
            },
            code="data_file_too_large",
        )
    upload.seek(0)
    head = upload.read(2)
    upload.seek(0)
    if extension == "gz":
        if head != GZIP_MAGIC:
            raise ValidationError(
                _("“%(name)s” is not a gzip-compressed file.") % {"name": name},
                code="data_file_type",
            )
    elif not looks_like_text(upload):
        raise ValidationError(
            _("“%(name)s” is not a text file.") % {"name": name}, code="data_file_type"
        )
    upload.seek(0)


FILTER_PART = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z0-9_\-|, ]+)\s*$")


def parse_filters(text: str) -> dict[str, list[str]]:
    """ "wstatus=EMP; unit=THS|THS_PER" → {"wstatus": ["EMP"], "unit": ["THS", "THS_PER"]}."""
    text = (text or "").strip()
    if len(text) > FILTERS_MAX:
        raise ValidationError(
            _("The row filters are %(length)s characters long; at most %(limit)s.")
            % {"length": len(text), "limit": FILTERS_MAX},
            code="too_long",
        )
    filters: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = FILTER_PART.match(part)
        if not match:
            raise ValidationError(
                _("“%(part)s” is not a filter; write dimension=VALUE, e.g. wstatus=EMP.")
                % {"part": part},
                code="bad_filter",
            )
        name = match.group(1).lower()
        values = [v.strip().upper() for v in re.split(r"[|,]", match.group(2)) if v.strip()]
        if name in filters:
            raise ValidationError(
                _("The dimension “%(name)s” is filtered twice.") % {"name": name},
                code="bad_filter",
            )
        filters[name] = values
    return filters


def format_filters(filters: dict[str, list[str]]) -> str:
    return "; ".join(f"{name}={'|'.join(values)}" for name, values in filters.items())


# -- the problems found in files ---------------------------------------------------------------

SKIP_REASONS = {
    "missing": gettext_lazy("missing values (“:” or empty)"),
    "nuts3": gettext_lazy("NUTS 3 rows (the observatory works at NUTS 2 and above)"),
    "other_level": gettext_lazy("NUTS 0 and 1 rows (summed up from NUTS 2 instead)"),
    "extra_regio": gettext_lazy("Extra-Regio rows"),
    "aggregate_area": gettext_lazy("rows of groups of countries (EU, euro area)"),
    "unknown_region": gettext_lazy("rows of regions the platform does not know"),
    "filtered": gettext_lazy("values of rows left out by the row filters"),
    "unmapped": gettext_lazy("values of NACE codes the mapping does not cover"),
    "total_other_measure": gettext_lazy("totals other than employment"),
}


def skip_reason(code: str) -> str:
    return str(SKIP_REASONS.get(code, code))


def problem_message(problem: dict) -> str:
    """One problem ({"line", "code", "value", "detail", "file"}) as a sentence."""
    value, detail = problem.get("value", ""), problem.get("detail", "")
    code = problem.get("code", "")
    messages = {
        "empty_file": _("The file is empty."),
        "no_data": _("The file holds no figure the observatory can use."),
        "bad_header": _("The header “%(value)s” is not what this format has (expected %(detail)s).")
        % {"value": value, "detail": detail},
        "missing_column": _("The column or dimension “%(value)s” is missing.") % {"value": value},
        "unknown_column": _("Unknown column “%(value)s”.") % {"value": value},
        "bad_row": _("This row has %(value)s cells; the header has %(detail)s.")
        % {"value": value, "detail": detail},
        "cell_too_long": _("A cell is longer than %(detail)s characters.") % {"detail": detail},
        "bad_csv": _("This line is not well-formed CSV (check the quotes)."),
        "unknown_region": _(
            "Unknown NUTS code “%(value)s” (not a NUTS 2021 region the platform knows)."
        )
        % {"value": value},
        "unknown_category": _("Unknown cluster category “%(value)s”.") % {"value": value},
        "unknown_unit": _(
            "Unit “%(value)s” is not a count the observatory can use (persons, enterprises, euros)."
        )
        % {"value": value},
        "not_a_number": _("“%(value)s” is not a number.") % {"value": value},
        "negative_value": _("“%(value)s” is negative.") % {"value": value},
        "bad_year": _("“%(value)s” is not a year.") % {"value": value},
        "missing_value": _("The “%(value)s” cell is empty.") % {"value": value},
        "duplicate": _("The same figure was already given on line %(detail)s.")
        % {"detail": detail},
        "ambiguous_rows": _(
            "Line %(detail)s gives the same figure for another value of “%(value)s”; "
            "choose one with a row filter."
        )
        % {"value": value, "detail": detail},
        "bad_share": _("The share “%(value)s” must be above 0 and at most 1.") % {"value": value},
        "shares_above_one": _(
            "The shares of “%(value)s” add up to more than 1 (first given on line %(detail)s)."
        )
        % {"value": value, "detail": detail},
        "overlapping_codes": _(
            "The NACE codes %(value)s cover the same activities and are both mapped (first on "
            "line %(detail)s): their figures would be counted twice."
        )
        % {"value": value, "detail": detail},
        "encoding": _("The file is not UTF-8 text."),
        "too_large": _("The file expands to more than the limit once decompressed."),
    }
    message = messages.get(code, code)
    line = problem.get("line")
    where = problem.get("file", "")
    if line and where:
        return _("%(file)s, line %(line)s: %(message)s") % {
            "file": where,
            "line": line,
            "message": message,
        }
    if line:
        return _("Line %(line)s: %(message)s") % {"line": line, "message": message}
    return message
