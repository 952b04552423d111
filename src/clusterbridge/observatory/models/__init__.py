from clusterbridge.observatory.models.datasets import (
    Basis,
    Dataset,
    Measure,
    Observation,
    Series,
)
from clusterbridge.observatory.models.imports import ImportFormat, ImportJob
from clusterbridge.observatory.models.statistics import Statistic

__all__ = [
    "Basis",
    "Dataset",
    "ImportFormat",
    "ImportJob",
    "Measure",
    "Observation",
    "Series",
    "Statistic",
]
