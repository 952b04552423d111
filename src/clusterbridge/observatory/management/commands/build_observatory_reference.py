"""Build the observatory's region outlines and areas from Eurostat GISCO's NUTS 2021 files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterbridge.observatory import reference


class Command(BaseCommand):
    help = (
        "Write the NUTS-2 outlines (static/observatory/nuts2_2021_60m.json) and areas "
        "(data/nuts2_areas.csv) from a folder holding GISCO's nutsrg_2_60M.json (or "
        "nutsrg_2.json) and nutspt_2.json (repository eurostat/Nuts2json, pub/v2/2021/4326/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="folder with the GISCO files")
        parser.add_argument("--digits", type=int, default=2, help="decimals kept (default 2)")

    def handle(self, *args, source, digits, **options):
        folder = Path(source)
        outlines = next(
            (folder / n for n in ("nutsrg_2_60M.json", "nutsrg_2.json") if (folder / n).exists()),
            None,
        )
        points = folder / "nutspt_2.json"
        if outlines is None or not points.exists():
            raise CommandError(f"{folder} must hold nutsrg_2_60M.json and nutspt_2.json.")
        shapes = reference.build_shapes(outlines, digits=digits)
        reference.SHAPES_FILE.parent.mkdir(parents=True, exist_ok=True)
        reference.SHAPES_FILE.write_text(
            json.dumps(shapes, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        with reference.AREAS_FILE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["code", "area_km2"])
            writer.writerows(reference.build_areas(points))
        self.stdout.write(
            f"{len(shapes['features'])} outlines ({reference.SHAPES_FILE.stat().st_size} bytes), "
            f"areas in {reference.AREAS_FILE}."
        )
