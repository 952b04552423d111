from clusterbridge.benchmarking.models.assessments import Answer, Assessment, Assessor, Evidence
from clusterbridge.benchmarking.models.indicators import (
    AnswerType,
    Dimension,
    Indicator,
    IndicatorSet,
)
from clusterbridge.benchmarking.models.labels import Label, LabelDecision, LabelLevel

__all__ = [
    "Answer",
    "AnswerType",
    "Assessment",
    "Assessor",
    "Dimension",
    "Evidence",
    "Indicator",
    "IndicatorSet",
    "Label",
    "LabelDecision",
    "LabelLevel",
]
