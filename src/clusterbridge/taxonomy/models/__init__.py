from clusterbridge.taxonomy.models.taxonomies import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
    localized_name,
)

__all__ = ["ClusterCategory", "IndustrialEcosystem", "NutsRegion", "Technology", "localized_name"]
