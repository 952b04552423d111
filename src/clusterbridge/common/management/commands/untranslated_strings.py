"""``clusterbridge untranslated_strings``: template text not marked for translation."""

from pathlib import Path

from django.core.management.base import BaseCommand

from clusterbridge.common.template_strings import untranslated


class Command(BaseCommand):
    help = "List user-facing template text outside {% translate %} / {% blocktranslate %}."

    def handle(self, *args, **options):
        root = Path(__file__).resolve().parents[3]
        found = untranslated(root)
        for literal in found:
            self.stdout.write(str(literal))
        self.stdout.write(f"{len(found)} untranslated user-facing literals in templates.")
