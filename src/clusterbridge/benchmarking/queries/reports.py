"""Scores, peer percentiles and chart data for assessments (fed to clusterbridge.indicators)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.benchmarking.models import Answer, Assessment, Dimension, Indicator
from clusterbridge.indicators import peers
from clusterbridge.indicators.scoring import Rating, Scores, Thresholds, rate, score
from clusterbridge.organisations.models import Organisation


def thresholds(indicator: Indicator) -> Thresholds:
    return Thresholds(
        green_at=indicator.green_at,
        yellow_at=indicator.yellow_at,
        higher_is_better=indicator.higher_is_better,
        choice_ratings={c["value"]: c.get("rating", "") for c in indicator.choices or []},
    )


def rating_of(indicator: Indicator, value: str, number: float | None) -> str:
    if indicator.answer_type == "yes_no":
        typed: object = {"yes": True, "no": False}.get(value)
    elif indicator.is_numeric:
        typed = number
    else:
        typed = value
    result = rate(indicator.answer_type, typed, thresholds(indicator))
    return result.value if result else ""


RATING_LABELS = {"green": gettext_lazy("Green"), "yellow": gettext_lazy("Yellow"),
                 "red": gettext_lazy("Red")}  # fmt: skip
YES_NO_LABELS = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No")}


def rating_label(rating: str) -> str:
    """A rating as people read it ("Green"), never the stored code."""
    return str(RATING_LABELS.get(rating, rating))


def answer_label(indicator: Indicator, value: str) -> str:
    """An answer as people read it: the choice's label, Yes or No, a number with its unit;
    the stored value ("draft", "yes") is for code."""
    if not value:
        return ""
    if indicator.answer_type == "choice":
        labels = {c["value"]: c["label"] for c in indicator.display_choices}
        return labels.get(value, value)
    if indicator.answer_type == "yes_no":
        return str(YES_NO_LABELS.get(value, value))
    if indicator.is_numeric:
        value = localized_number(value)
    elif indicator.answer_type == "date":
        value = localized_date(value)
    unit = indicator.display_unit
    return f"{value} {unit}" if unit else value


def localized_number(value) -> str:
    """A stored number ("1234.5", 87.5) as the reader writes it ("1 234,5" in French); the
    text unchanged when it is no number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer() and abs(number) < 1e15:
        return formats.number_format(int(number), use_l10n=True, force_grouping=True)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def localized_percent(value) -> str:
    """A score as people read it: "87.5 %", "87,5 %"; "—" for no score."""
    if value is None:
        return "—"
    return f"{formats.number_format(round(float(value), 1), decimal_pos=None)} %"


def localized_date(value: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return value


def dimensions_with_answers(assessment: Assessment) -> list[Dimension]:
    """The assessment's set, each indicator carrying `.answer` (or None); three queries."""
    answers = {
        a.indicator_id: a
        for a in assessment.answers.prefetch_related("evidence").select_related("indicator")
    }
    dimensions = list(
        assessment.indicator_set.dimensions.prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id"))
        )
    )
    for dimension in dimensions:
        for indicator in dimension.indicators.all():
            indicator.answer = answers.get(indicator.pk)
    return dimensions


def compute_scores(dimensions: list[Dimension]) -> Scores:
    by_dimension: dict[str, list[Rating | None]] = {}
    for dimension in dimensions:
        by_dimension[dimension.code] = [
            Rating(i.answer.rating) if i.answer and i.answer.rating else None
            for i in dimension.indicators.all()
        ]
    return score(by_dimension)


def validated() -> QuerySet[Assessment]:
    return Assessment.objects.filter(status=Assessment.Status.VALIDATED)


@dataclass
class IndicatorComparison:
    code: str
    name: str
    unit: str
    value: float
    percentile: float | None
    peer_percentile: float | None
    population: int
    peers: int
    edges: list[float] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    @property
    def bins(self) -> list[dict]:
        """The distribution chart as table rows: lower edge, count, and whether this
        organisation's value falls in the bin (the highlighted bar, as charts.js picks it)."""
        own = 0
        for i, edge in enumerate(self.edges):
            if self.value >= edge:
                own = i
        return [
            {"edge": edge, "count": count, "own": i == own}
            for i, (edge, count) in enumerate(zip(self.edges, self.counts, strict=True))
        ]


def _latest_validated_per_org() -> QuerySet[Assessment]:
    # Each organisation counts once: its latest validated benchmark.
    return validated().order_by("organisation_id", "-validated_on", "-id")


def peer_comparison(assessment: Assessment) -> list[IndicatorComparison]:
    """Percentiles of each numeric answer against every organisation's latest validated
    benchmark, and against the peer group (same country, a shared sector, same size band).
    Fixed number of queries: population answers, population profiles, sectors."""
    own = {
        a.indicator.code: a
        for a in assessment.answers.select_related("indicator").exclude(number=None)
    }
    if not own:
        return []
    latest: dict[int, int] = {}
    for org_id, assessment_id in _latest_validated_per_org().values_list("organisation_id", "id"):
        latest.setdefault(org_id, assessment_id)
    if assessment.status == Assessment.Status.VALIDATED:
        latest[assessment.organisation_id] = assessment.pk
    rows = Answer.objects.filter(
        assessment_id__in=list(latest.values()), indicator__code__in=list(own)
    ).values_list("assessment__organisation_id", "indicator__code", "number")
    values: dict[str, dict[int, float]] = defaultdict(dict)
    for org_id, code, number in rows:
        if number is not None:
            values[code][org_id] = number
    org_ids = {*latest, assessment.organisation_id}
    orgs = Organisation.objects.filter(pk__in=org_ids)
    sectors: dict[int, set[str]] = defaultdict(set)
    for org_id, code in Organisation.sectors.through.objects.filter(
        organisation_id__in=org_ids
    ).values_list("organisation_id", "clustercategory__code"):
        sectors[org_id].add(code)
    profiles = {
        o.pk: peers.Profile(o.pk, o.country.code, frozenset(sectors[o.pk]), o.size_band)
        for o in orgs.only("id", "country", "size_band")
    }
    me = profiles[assessment.organisation_id]
    peer_ids = peers.peer_keys(me, profiles.values())
    result = []
    for code, answer in own.items():
        population = dict(values[code])
        population[assessment.organisation_id] = answer.number
        all_values = list(population.values())
        peer_values = [v for org_id, v in population.items() if org_id in peer_ids]
        edges, counts = peers.histogram(all_values)
        result.append(
            IndicatorComparison(
                code=code,
                name=answer.indicator.display_name,
                unit=answer.indicator.display_unit,
                value=answer.number,
                percentile=peers.percentile_rank(answer.number, all_values),
                peer_percentile=peers.peer_percentile(answer.number, peer_values),
                population=len(all_values),
                peers=len(peer_values),
                edges=edges,
                counts=counts,
            )
        )
    return result


def chart_data(dimensions: list[Dimension], scores: Scores, comparison) -> dict:
    """The report's charts. A dimension without rated answers keeps the score None (JSON null:
    a gap in the radar, as the table's "—"), and its axis says so."""
    values = [scores.dimensions.get(d.code) for d in dimensions]
    return {
        "radar": {
            "label": _("Score (%)"),
            "labels": [
                d.display_name
                if value is not None
                else _("%(dimension)s (no answer)") % {"dimension": d.display_name}
                for d, value in zip(dimensions, values, strict=True)
            ],
            "scores": values,
        },
        "distributions": [
            {
                "code": c.code,
                "name": c.name,
                "title": _("Distribution of %(indicator)s") % {"indicator": c.name},
                "unit": c.unit,
                "value": c.value,
                "edges": c.edges,
                "counts": c.counts,
            }
            for c in comparison
        ],
    }


def assessments_for_organisation(organisation) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(organisation=organisation)
        .select_related("indicator_set", "organisation")
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-id")
    )
