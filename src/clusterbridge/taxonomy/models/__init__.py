from clusterbridge.taxonomy.models.taxonomies import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)

__all__ = ["ClusterCategory", "IndustrialEcosystem", "NutsRegion", "Technology"]
