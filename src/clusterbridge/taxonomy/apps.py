from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_reference_data(sender, **kwargs) -> None:
    """Load the shipped taxonomies when the tables are empty. The data migration loads them
    once; a database flush (``flush``, tests in real transactions) empties them and ends with
    post_migrate, so they come back the same way."""
    from clusterbridge.taxonomy.models import (
        ClusterCategory,
        IndustrialEcosystem,
        NutsRegion,
        Technology,
    )
    from clusterbridge.taxonomy.reference import load_all, load_names

    if ClusterCategory.objects.exists():
        return
    load_all(NutsRegion, ClusterCategory, IndustrialEcosystem, Technology)
    load_names(ClusterCategory, IndustrialEcosystem, Technology)


class TaxonomyConfig(AppConfig):
    name = "clusterbridge.taxonomy"
    label = "taxonomy"

    def ready(self) -> None:
        post_migrate.connect(
            ensure_reference_data, sender=self, dispatch_uid="taxonomy.ensure_reference_data"
        )
