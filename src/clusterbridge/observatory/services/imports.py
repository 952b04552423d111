"""Importing datasets: the one write path of the statistics.

``request_import`` (staff, from the upload page or the API of the command line) checks the
request, keeps the files privately and queues an ``ImportJob``; ``run_import`` (in the task
worker, or at once from the command line) reads every file, checks every line, computes the
indicators with ``clusterbridge.clusterstats`` and replaces the dataset in one transaction.
A file with any problem fails the job with the problems by line and writes nothing; a failed
or interrupted import leaves the previous version of the dataset as it was.
"""

from __future__ import annotations

import csv
import gzip
import logging
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterbridge.accounts.models import User
from clusterbridge.clusterstats import aggregate, evaluate
from clusterbridge.clusterstats.indicators import productivity_measure
from clusterbridge.clusterstats.nace import Mapping, read_mapping
from clusterbridge.clusterstats.problems import Problem, Reading, Record
from clusterbridge.clusterstats.readers import (
    Regions,
    read_eurostat_tsv,
    read_plain_csv,
    read_sdmx_csv,
    tabulate,
)
from clusterbridge.clusterstats.table import Table
from clusterbridge.common.permissions import require
from clusterbridge.observatory import reference, signals
from clusterbridge.observatory.method import THRESHOLDS
from clusterbridge.observatory.models import (
    Basis,
    Dataset,
    ImportFormat,
    ImportJob,
    Measure,
    Observation,
    Series,
    Statistic,
)
from clusterbridge.observatory.models.datasets import MEASURE_UNITS
from clusterbridge.observatory.services.correlation import refresh_organisation_strengths
from clusterbridge.observatory.validators import (
    format_filters,
    validate_data_file,
    validate_description,
    validate_licence,
    validate_name,
    validate_source,
)
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

logger = logging.getLogger("clusterbridge.observatory")

IMPORT_FOLDER = "observatory-imports"
EUROSTAT_FORMATS = (ImportFormat.EUROSTAT_TSV, ImportFormat.SDMX_CSV)
MAPPINGS = ("sections", "divisions", "upload")
# Decompressed size a gzip file may reach (Eurostat's largest regional files are ~100 MB).
MAX_EXPANDED_BYTES = 2 * 1024**3
BATCH = 5000


class _FileProblem(Exception):
    def __init__(self, line: int, code: str):
        super().__init__(code)
        self.line, self.code = line, code


def _store(upload) -> dict:
    extension = upload.name.rsplit(".", 1)[-1].lower()
    path = default_storage.save(f"{IMPORT_FOLDER}/{uuid.uuid4().hex}.{extension}", upload)
    return {"path": path, "name": Path(upload.name).name[:200], "size": upload.size}


def _check_request(
    *, slug, name, source, source_url, licence, description, format, files, mapping
) -> None:
    errors: dict[str, list[str]] = {}

    def check(field_name, validator, value):
        try:
            validator(value)
        except ValidationError as exc:
            errors.setdefault(field_name, []).extend(exc.messages)

    check("name", validate_name, name)
    check("source", validate_source, source)
    check("licence", validate_licence, licence)
    check("description", validate_description, description)
    if not name.strip():
        errors.setdefault("name", []).append(_("Give the dataset a name."))
    if not source.strip():
        errors.setdefault("source", []).append(_("Say where the figures come from."))
    if not slug or slugify(slug) != slug or len(slug) > 80:
        errors.setdefault("slug", []).append(
            _("The identifier takes lower-case letters, digits and hyphens (at most 80).")
        )
    if format not in ImportFormat.values:
        errors.setdefault("format", []).append(_("Choose one of the formats."))
    elif format == ImportFormat.PLAIN_CSV:
        if set(files) != {"plain"}:
            errors.setdefault("files", []).append(_("A plain CSV import takes one file."))
    else:
        if "employment" not in files:
            errors.setdefault("files", []).append(_("Give the file with the employment figures."))
        unknown = set(files) - set(Measure.values)
        if unknown:
            errors.setdefault("files", []).append(
                _("Unknown measure “%(measure)s”.") % {"measure": sorted(unknown)[0]}
            )
        if mapping not in MAPPINGS:
            errors.setdefault("mapping", []).append(
                _("Choose how NACE codes become cluster categories.")
            )
    for key, upload in files.items():
        check(key, validate_data_file, upload)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_import(
    *,
    actor: User | None,
    slug: str,
    name: str,
    source: str,
    format: str,
    files: dict,
    source_url: str = "",
    licence: str = "",
    description: str = "",
    source_code: str = "",
    mapping: str = "",
    mapping_upload=None,
    filters: dict[str, list[str]] | None = None,
    skip_unknown_regions: bool = False,
    make_default: bool = False,
    is_demo: bool = False,
    enqueue: bool = True,
) -> ImportJob:
    """Queue the import of a dataset (new, or replacing the one with this ``slug``).

    ``files``: {"plain": upload} for the plain CSV, else {measure: upload} with at least the
    employment file. ``actor`` None is the operator at the command line."""
    if actor is not None:
        require(actor, "observatory.import_dataset", message=_("Only platform staff import data."))
    _check_request(
        slug=slug,
        name=name,
        source=source,
        source_url=source_url,
        licence=licence,
        description=description,
        format=format,
        files=files,
        mapping=mapping,
    )
    if mapping == "upload":
        if mapping_upload is None:
            raise ValidationError({"mapping_file": [_("Give the mapping file.")]})
        validate_data_file(mapping_upload)
    existing = Dataset.objects.select_for_update().filter(slug=slug).first()
    if ImportJob.objects.filter(
        dataset_slug=slug, status__in=(ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
    ).exists():
        raise ValidationError(
            _("An import of “%(slug)s” is already under way; wait for it to finish.")
            % {"slug": slug},
            code="import_under_way",
        )
    stored = [{"measure": measure, **_store(upload)} for measure, upload in files.items()]
    job = ImportJob.objects.create(
        dataset_slug=slug,
        dataset_name=name.strip(),
        source=source.strip(),
        source_url=source_url,
        licence=licence.strip(),
        description=description.strip(),
        source_code=source_code.strip()[:120],
        format=format,
        files=stored,
        mapping=mapping if format in EUROSTAT_FORMATS else "",
        mapping_file=_store(mapping_upload) if mapping == "upload" else {},
        filters=filters or {},
        skip_unknown_regions=skip_unknown_regions,
        make_default=make_default,
        is_demo=is_demo if existing is None else existing.is_demo,
        created_by=actor,
    )
    if enqueue:
        transaction.on_commit(lambda: signals.import_requested.send(sender=ImportJob, job=job))
    return job


# -- reading ------------------------------------------------------------------------------------


class _Counting:
    """Lines of a stored file as text, counting the bytes read for the progress bar."""

    def __init__(self, path: str):
        self.handle = default_storage.open(path, "rb")
        self.size = max(1, default_storage.size(path))
        self.raw = self.handle
        head = self.handle.read(2)
        self.handle.seek(0)
        self.stream = gzip.GzipFile(fileobj=self.handle) if head == b"\x1f\x8b" else self.handle
        self.expanded = 0

    def fraction(self) -> float:
        return min(1.0, self.raw.tell() / self.size)

    def lines(self) -> Iterator[str]:
        try:
            for number, raw in enumerate(self.stream, start=1):
                self.expanded += len(raw)
                if self.expanded > MAX_EXPANDED_BYTES:
                    raise _FileProblem(number, "too_large")
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise _FileProblem(number, "encoding") from None
        except (OSError, EOFError):  # a damaged gzip stream
            raise _FileProblem(0, "encoding") from None

    def close(self) -> None:
        self.handle.close()


@dataclass
class Prepared:
    table: Table
    flags: dict
    total_flags: dict
    basis: str
    records: list[Record] = field(default_factory=list)  # by NACE code, for Observation rows
    series: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    truncated: bool = False
    skipped: Counter = field(default_factory=Counter)
    mapping: Mapping | None = None


def _progress(job: ImportJob, percent: int, phase: str | None = None) -> None:
    """Progress is written outside the import's transaction, so the page sees it at once."""
    values = {"progress": max(1, min(99, percent))}
    if phase:
        values["phase"] = phase
    ImportJob.objects.filter(pk=job.pk).update(**values)


def _problem_dicts(problems: list[Problem], file_name: str) -> list[dict]:
    return [
        {"file": file_name, "line": p.line, "code": p.code, "value": p.value, "detail": p.detail}
        for p in problems
    ]


def _read_file(job: ImportJob, entry: dict, regions: Regions, categories: set[str], share, done):
    source = _Counting(entry["path"])

    def progress(_line: int) -> None:
        _progress(job, int(5 + 55 * (done + share * source.fraction())))

    filters = job.filters or None
    try:
        if job.format == ImportFormat.PLAIN_CSV:
            return read_plain_csv(
                source.lines(), regions=regions, categories=categories, progress=progress
            )
        reader = read_eurostat_tsv if job.format == ImportFormat.EUROSTAT_TSV else read_sdmx_csv
        return reader(
            source.lines(),
            measure=entry["measure"],
            regions=regions,
            filters=filters,
            categories=categories,
            progress=progress,
        )
    except _FileProblem as problem:
        reading = Reading()
        reading.problem(Problem(problem.line, problem.code))
        return reading
    except csv.Error:  # the readers report these by line; a last guard
        reading = Reading()
        reading.problem(Problem(0, "bad_csv"))
        return reading
    finally:
        source.close()


def _read_mapping(job: ImportJob, categories: set[str]) -> tuple[Mapping | None, list[dict]]:
    if job.mapping == "upload":
        source = _Counting(job.mapping_file["path"])
        try:
            mapping, reading = read_mapping(
                source.lines(), categories=categories, name=job.mapping_file["name"]
            )
        except _FileProblem as problem:
            return None, [
                {"file": job.mapping_file["name"], "line": problem.line, "code": problem.code}
            ]
        finally:
            source.close()
        return mapping, _problem_dicts(reading.problems, job.mapping_file["name"])
    path = reference.mapping_path(job.mapping)
    with path.open(encoding="utf-8") as handle:
        mapping, reading = read_mapping(handle, categories=categories, name=path.name)
    return mapping, _problem_dicts(reading.problems, path.name)


def prepare(job: ImportJob) -> Prepared:
    """Read and check every file of the job and sum the figures by cluster category."""
    regions = Regions.of(
        NutsRegion.objects.values_list("code", flat=True),
        skip_unknown=job.skip_unknown_regions,
    )
    categories = set(ClusterCategory.objects.values_list("code", flat=True))
    problems: list[dict] = []
    records: list[Record] = []
    skipped: Counter = Counter()
    series: list[dict] = []
    basis = Basis.CATEGORY
    truncated = False
    total_size = sum(entry["size"] for entry in job.files) or 1
    done = 0.0
    for entry in job.files:
        share = entry["size"] / total_size
        reading = _read_file(job, entry, regions, categories, share, done)
        done += share
        problems += _problem_dicts(reading.problems, entry["name"])
        truncated = truncated or reading.truncated
        skipped.update(reading.skipped)
        records += reading.records
        if reading.basis == "nace":
            basis = Basis.NACE
        measures = sorted({r.measure for r in reading.records})
        for measure in measures if job.format == ImportFormat.PLAIN_CSV else [entry["measure"]]:
            flags = sorted({f for r in reading.records if r.measure == measure for f in r.flag})
            series.append(
                {
                    "measure": measure,
                    "file_name": entry["name"],
                    "value_count": sum(1 for r in reading.records if r.measure == measure),
                    "flags": "".join(flags),
                    "units": ",".join(sorted(reading.units)),
                }
            )
    mapping = None
    if not problems and basis == Basis.NACE:
        mapping, mapping_problems = _read_mapping(job, categories)
        problems += mapping_problems
    if problems:
        return Prepared(
            table=Table(),
            flags={},
            total_flags={},
            basis=basis,
            problems=problems,
            truncated=truncated,
            skipped=skipped,
        )
    tabulation = tabulate(records, mapping=mapping)
    skipped.update(tabulation.skipped)
    if tabulation.problems:
        problems += _problem_dicts(tabulation.problems, job.files[0]["name"])
    elif not tabulation.table.cells:
        problems.append({"file": job.files[0]["name"], "line": 0, "code": "no_data"})
    return Prepared(
        table=tabulation.table,
        flags=tabulation.flags,
        total_flags=tabulation.total_flags,
        basis=basis,
        records=records if basis == Basis.NACE else [],
        series=series,
        problems=problems,
        truncated=truncated,
        skipped=skipped,
        mapping=mapping,
    )


# -- computing and writing ----------------------------------------------------------------------


def _ancestor_flags(flags: dict, level: int) -> dict:
    result: dict = {}
    for key, value in flags.items():
        region, *rest = key
        parent = (region[: 2 + level], *rest)
        result[parent] = "".join(sorted(set(result.get(parent, "")) | set(value)))
    return result


def _by_year(table: Table) -> dict[int, Table]:
    """One table per year, split in one pass (evaluating a year then reads only its cells)."""
    years: dict[int, Table] = {}
    for key, figures in table.cells.items():
        years.setdefault(key[2], Table()).cells[key] = figures
    for key, value in table.totals.items():
        years.setdefault(key[1], Table()).totals[key] = value
    return dict(sorted(years.items()))


def compute(prepared: Prepared) -> list[tuple]:
    """The statistics rows of every level: (level, region, category or None, year, Indicator
    or total employment, flags)."""
    tables = {2: prepared.table, 1: aggregate(prepared.table, 1), 0: aggregate(prepared.table, 0)}
    # The productivity measure of the whole dataset, chosen once (not per year and level).
    thresholds = replace(
        THRESHOLDS, productivity_measure=productivity_measure(prepared.table, THRESHOLDS) or "wages"
    )
    rows: list[tuple] = []
    for level, whole in tables.items():
        flags = prepared.flags if level == 2 else _ancestor_flags(prepared.flags, level)
        total_flags = (
            prepared.total_flags if level == 2 else _ancestor_flags(prepared.total_flags, level)
        )
        for year, table in _by_year(whole).items():
            for (region, category), indicator in evaluate(
                table, year, thresholds=thresholds
            ).items():
                rows.append(
                    (
                        level,
                        region,
                        category,
                        year,
                        indicator,
                        flags.get((region, category, year), ""),
                    )
                )
            for region, total in table.region_employment(year).items():
                rows.append((level, region, None, year, total, total_flags.get((region, year), "")))
    return rows


STATISTIC_COLUMNS = (
    "dataset_id",
    "region_id",
    "level",
    "category_id",
    "year",
    "employment",
    "enterprises",
    "wages",
    "gva",
    "flags",
    "share",
    "lq",
    "productivity",
    "size_rank",
    "size_star",
    "specialisation_star",
    "focus_star",
    "productivity_star",
    "stars",
)
OBSERVATION_COLUMNS = ("series_id", "nuts_code", "nace_code", "year", "value", "flag")


def _statistic(dataset_id, region_id, category_id, level, year, value, flags) -> tuple:
    """A Statistic row as the values of STATISTIC_COLUMNS."""
    if category_id is None:
        return (dataset_id, region_id, level, None, year, value, None, None, None, flags[:12],
                None, None, None, None, False, False, False, False, 0)  # fmt: skip
    i = value
    return (dataset_id, region_id, level, category_id, year, i.employment, i.enterprises,
            i.wages, i.gva, flags[:12], i.share, i.lq, i.productivity, i.size_rank, i.size_star,
            i.specialisation_star, i.focus_star, i.productivity_star, i.stars)  # fmt: skip


def _insert(model, columns: tuple[str, ...], rows) -> int:
    """Insert plain tuples: on PostgreSQL with COPY (the table of 300,000 statistics rows in a
    few seconds), elsewhere in batches with one prepared statement (model instances through
    bulk_create took a minute). Both run inside the caller's transaction."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg 3's COPY on the driver's cursor under Django's wrapper.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@dataclass(frozen=True)
class Target:
    """The dataset an import creates or replaces, as it will be described."""

    slug: str
    name: str
    source: str
    source_url: str = ""
    licence: str = ""
    description: str = ""
    source_code: str = ""
    selection: str = ""  # the row filters, "wstatus=EMP"
    created_by: User | None = None
    make_default: bool = False
    is_demo: bool = False

    @classmethod
    def of(cls, job: ImportJob) -> Target:
        return cls(
            slug=job.dataset_slug,
            name=job.dataset_name,
            source=job.source,
            source_url=job.source_url,
            licence=job.licence,
            description=job.description,
            source_code=job.source_code,
            selection=format_filters(job.filters or {}),
            created_by=job.created_by,
            make_default=job.make_default,
            is_demo=job.is_demo,
        )


@transaction.atomic
def replace_dataset(*, target: Target, prepared: Prepared, rows: list[tuple]) -> Dataset:
    """Write the new version of the dataset in place of the old one, in one transaction."""
    dataset = Dataset.objects.select_for_update().filter(slug=target.slug).first()
    if dataset is None:
        dataset = Dataset.objects.create(
            slug=target.slug, name=target.name, source=target.source, is_demo=target.is_demo
        )
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    else:
        Statistic.objects.filter(dataset=dataset).delete()
        Observation.objects.filter(series__dataset=dataset).delete()
        Series.objects.filter(dataset=dataset).delete()
    region_ids = dict(NutsRegion.objects.values_list("code", "id"))
    category_ids = dict(ClusterCategory.objects.values_list("code", "id"))

    created_series = {}
    for entry in prepared.series:
        created_series[entry["measure"]] = Series.objects.create(
            dataset=dataset,
            measure=entry["measure"],
            unit=MEASURE_UNITS[entry["measure"]],
            source_code=target.source_code,
            source_unit=entry.get("units", "")[:40],
            selection=target.selection[:300],
            file_name=entry["file_name"],
            value_count=entry["value_count"],
            flags=entry["flags"][:30],
        )
    observations = (
        (
            created_series[record.measure].pk,
            record.region,
            record.key[:20],
            record.year,
            record.value,
            record.flag[:8],
        )
        for record in prepared.records
        if record.measure in created_series
    )
    _insert(Observation, OBSERVATION_COLUMNS, observations)
    statistics = (
        _statistic(
            dataset.pk,
            region_ids[region],
            category_ids[category] if category else None,
            level,
            year,
            value,
            flags,
        )
        for level, region, category, year, value, flags in rows
        if region in region_ids
    )
    _insert(Statistic, STATISTIC_COLUMNS, statistics)

    table = prepared.table
    dataset.name = target.name
    dataset.source = target.source
    dataset.source_url = target.source_url
    dataset.licence = target.licence
    dataset.description = target.description
    dataset.basis = prepared.basis
    dataset.mapping_name = prepared.mapping.name if prepared.mapping else ""
    dataset.approximate_mapping = bool(prepared.mapping and prepared.mapping.approximate)
    dataset.version += 1
    dataset.imported_at = timezone.now()
    dataset.imported_by = target.created_by
    dataset.years = table.years()
    dataset.region_count = len({region for region, _c, _y in table.cells})
    dataset.category_count = len(table.categories())
    dataset.cell_count = len(table)
    dataset.measures = sorted(table.measures())
    dataset.skipped = dict(prepared.skipped)
    dataset.thresholds = {
        "size_top_share": THRESHOLDS.size_top_share,
        "specialisation_lq": THRESHOLDS.specialisation_lq,
        "focus_top_share": THRESHOLDS.focus_top_share,
        "productivity_top_share": THRESHOLDS.productivity_top_share,
        "productivity_measure": THRESHOLDS.productivity_measure,
    }
    if target.make_default:
        Dataset.objects.exclude(pk=dataset.pk).filter(is_default=True).update(is_default=False)
        dataset.is_default = True
    dataset.save()
    refresh_organisation_strengths()
    return dataset


# -- the job ------------------------------------------------------------------------------------


def _finish(job: ImportJob, **values) -> ImportJob:
    values.setdefault("progress", 100)
    ImportJob.objects.filter(pk=job.pk).update(
        phase=ImportJob.Phase.FINISHED, finished_at=timezone.now(), **values
    )
    job.refresh_from_db()
    return job


def _delete_files(job: ImportJob) -> None:
    for entry in [*job.files, job.mapping_file]:
        if entry and entry.get("path"):
            try:
                default_storage.delete(entry["path"])
            except OSError:
                logger.warning("Could not delete %s", entry["path"])


def run_import(*, job_id: int) -> ImportJob:
    """Run a queued import job (once: a job another worker took is left alone)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING,
        phase=ImportJob.Phase.READING,
        started_at=timezone.now(),
        progress=1,
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    try:
        prepared = prepare(job)
        if prepared.problems:
            return _finish(
                job,
                status=ImportJob.Status.FAILED,
                problems=prepared.problems,
                problems_truncated=prepared.truncated,
                skipped=dict(prepared.skipped),
            )
        _progress(job, 65, ImportJob.Phase.COMPUTING)
        rows = compute(prepared)
        _progress(job, 80, ImportJob.Phase.WRITING)
        dataset = replace_dataset(target=Target.of(job), prepared=prepared, rows=rows)
        return _finish(
            job, status=ImportJob.Status.DONE, dataset=dataset, skipped=dict(prepared.skipped)
        )
    except Exception as exc:  # never leave a job running: staff see what went wrong
        logger.exception("Import job %s failed", job_id)
        return _finish(
            job, status=ImportJob.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
    finally:
        _delete_files(job)


def import_now(**kwargs) -> ImportJob:
    """Request and run an import in this process (the command line, the demo, benchmarks)."""
    job = request_import(enqueue=False, **kwargs)
    return run_import(job_id=job.pk)


def store_table(*, target: Target, table: Table, flags: dict | None = None) -> Dataset:
    """Replace a dataset with figures that come as a table, not a file (the demo data)."""
    prepared = Prepared(
        table=table,
        flags=flags or {},
        total_flags={},
        basis=Basis.CATEGORY,
        series=[
            {"measure": m, "file_name": "", "value_count": 0, "flags": "", "units": ""}
            for m in sorted(table.measures())
        ],
    )
    for entry in prepared.series:
        entry["value_count"] = sum(
            1 for _key, figures in table if figures.get(entry["measure"]) is not None
        )
    return replace_dataset(target=target, prepared=prepared, rows=compute(prepared))
