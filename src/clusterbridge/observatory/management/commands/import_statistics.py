"""Import (or re-import) a dataset of regional cluster statistics from files, at once.

    clusterbridge import_statistics --slug eurostat-employment --name "Employment by NACE section" \
        --source "Eurostat, nama_10r_3empers" --format eurostat_tsv \
        --employment nama_10r_3empers.tsv.gz --mapping sections --filters "wstatus=EMP"
    clusterbridge import_statistics --slug national --name "National observatory" \
        --source "Ministry" --format plain_csv --file figures.csv

The same checks and the same write path as the staff upload page: a file with any problem
fails the import with the problems by line and changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from clusterbridge.observatory.models import ImportFormat, Measure
from clusterbridge.observatory.services.imports import MAPPINGS, import_now
from clusterbridge.observatory.validators import parse_filters, problem_message


class Command(BaseCommand):
    help = "Import a dataset of regional cluster statistics (Eurostat TSV, SDMX-CSV, plain CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--slug", required=True, help="dataset identifier (replaced if it exists)"
        )
        parser.add_argument("--name", required=True)
        parser.add_argument("--source", required=True, help="where the figures come from")
        parser.add_argument("--format", required=True, choices=ImportFormat.values)
        parser.add_argument("--file", help="the plain CSV file (format plain_csv)")
        for measure in Measure.values:
            parser.add_argument(f"--{measure}", help=f"the Eurostat file of the {measure} figures")
        parser.add_argument(
            "--mapping",
            default="sections",
            help="NACE → cluster category mapping: sections, divisions or a CSV file",
        )
        parser.add_argument("--filters", default="", help='row filters, "wstatus=EMP; unit=THS"')
        parser.add_argument("--licence", default="")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--source-code", default="", help="e.g. nama_10r_3empers")
        parser.add_argument("--description", default="")
        parser.add_argument("--default", action="store_true", help="show this dataset first")
        parser.add_argument(
            "--skip-unknown-regions",
            action="store_true",
            help="count and skip NUTS codes the platform does not know instead of refusing them",
        )

    def handle(self, *args, **options):
        opened = []

        def upload(path: str) -> File:
            if not Path(path).is_file():
                raise CommandError(f"No such file: {path}")
            handle = open(path, "rb")  # noqa: SIM115 - closed below
            opened.append(handle)
            return File(handle, name=Path(path).name)

        try:
            if options["format"] == ImportFormat.PLAIN_CSV:
                if not options["file"]:
                    raise CommandError("--file is required for the plain CSV format.")
                files = {"plain": upload(options["file"])}
            else:
                files = {m: upload(options[m]) for m in Measure.values if options.get(m)}
            mapping, mapping_upload = options["mapping"], None
            if mapping not in MAPPINGS[:2]:
                mapping_upload, mapping = upload(mapping), "upload"
            try:
                filters = parse_filters(options["filters"])
                job = import_now(
                    actor=None,
                    slug=options["slug"],
                    name=options["name"],
                    source=options["source"],
                    format=options["format"],
                    files=files,
                    source_url=options["source_url"],
                    licence=options["licence"],
                    description=options["description"],
                    source_code=options["source_code"],
                    mapping=mapping,
                    mapping_upload=mapping_upload,
                    filters=filters,
                    skip_unknown_regions=options["skip_unknown_regions"],
                    make_default=options["default"],
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        finally:
            for handle in opened:
                handle.close()
        if job.status != job.Status.DONE:
            lines = [problem_message(p) for p in job.problems] or [job.error]
            if job.problems_truncated:
                lines.append("… and more problems.")
            raise CommandError("Nothing was imported:\n" + "\n".join(lines))
        dataset = job.dataset
        self.stdout.write(
            f"Imported {dataset.slug} version {dataset.version}: {dataset.cell_count} figures, "
            f"{dataset.region_count} regions, {dataset.category_count} categories, "
            f"years {', '.join(str(y) for y in dataset.years)}."
        )
