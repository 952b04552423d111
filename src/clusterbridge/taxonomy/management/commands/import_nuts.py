from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusterbridge.taxonomy import gisco
from clusterbridge.taxonomy.models import NutsRegion
from clusterbridge.taxonomy.reference import upsert_nuts


class Command(BaseCommand):
    help = "Import NUTS regions from official GISCO files (GeoJSON label points/polygons or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--max-level", type=int, default=2, choices=[0, 1, 2, 3])

    def handle(self, *args, files, max_level, **options):
        regions = []
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                regions.extend(gisco.read_file(path))
            except gisco.GiscoFormatError as exc:
                raise CommandError(str(exc)) from exc
        wanted = [r for r in gisco.merge(regions) if len(r["code"]) - 2 <= max_level]
        with transaction.atomic():
            count = upsert_nuts(NutsRegion, wanted)
        self.stdout.write(self.style.SUCCESS(f"Imported {count} NUTS regions."))
