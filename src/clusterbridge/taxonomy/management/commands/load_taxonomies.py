from django.core.management.base import BaseCommand
from django.db import transaction

from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)
from clusterbridge.taxonomy.reference import load_all


class Command(BaseCommand):
    help = "(Re)load the shipped reference taxonomies; migrations already do this on install."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load_all(NutsRegion, ClusterCategory, IndustrialEcosystem, Technology)
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
