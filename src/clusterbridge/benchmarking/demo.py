"""Demo benchmarks: validated assessments with a realistic spread, labels of all three levels
(some expired), assessors among demo users; the demo administrator's cluster holds a current
label and has a benchmark in progress. Deterministic for the seed; bulk inserts."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from clusterbridge.benchmarking.models import (
    Answer,
    Assessment,
    Assessor,
    Indicator,
    Label,
    LabelDecision,
)
from clusterbridge.benchmarking.queries.reports import rating_of
from clusterbridge.benchmarking.services.indicator_sets import ensure_default_set
from clusterbridge.indicators import labels as label_rules
from clusterbridge.indicators.scoring import Rating, score
from clusterbridge.organisations.models import Membership, Organisation
from clusterbridge.organisations.queries.directory import bump_directory_version

TODAY = datetime.date(2026, 11, 21)
ADMIN_EMAIL = "admin@demo.clusterbridge.test"
ASSESSORS = 8


def _value(rng: random.Random, indicator: Indicator, quality: float) -> str:
    """An answer drawn around the indicator's thresholds; `quality` (0–1) shifts it up."""
    kind = indicator.answer_type
    if kind == "yes_no":
        return "yes" if rng.random() < 0.35 + 0.6 * quality else "no"
    if kind == "choice":
        ranked = sorted(
            indicator.choices, key=lambda c: ["red", "yellow", "green"].index(c["rating"])
        )
        return ranked[min(2, int(rng.random() * 0.8 + quality * 2.2))]["value"]
    if kind == "date":
        return (TODAY - datetime.timedelta(days=rng.randint(700, 9000))).isoformat()
    if kind == "text":
        return rng.choice(
            [
                "Metropolitan area and its hinterland",
                "Two neighbouring regions",
                "Newsletter, member portal and quarterly meetings",
            ]
        )
    green, yellow = indicator.green_at or 1, indicator.yellow_at or 0
    spread = abs(green - yellow) or 1
    centre = (yellow if indicator.higher_is_better else green) + (
        spread * (quality * 2 - 0.5) * (1 if indicator.higher_is_better else -1)
    )
    number = rng.gauss(centre, spread * 0.6)
    low = indicator.min_value if indicator.min_value is not None else 0
    high = indicator.max_value if indicator.max_value is not None else 100
    number = max(low, min(high, number))
    return f"{round(number, 1 if kind == 'percentage' else 0):g}"


def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    User = get_user_model()
    with transaction.atomic():
        indicator_set = ensure_default_set()
        indicators = list(
            Indicator.objects.filter(dimension__indicator_set=indicator_set).select_related(
                "dimension"
            )
        )
        clusters = list(
            Organisation.objects.filter(is_demo=True, kind="cluster", status="published").order_by(
                "id"
            )
        )
        admin = User.objects.filter(email=ADMIN_EMAIL).first()
        admin_org_ids = (
            set(Membership.objects.filter(user=admin).values_list("organisation_id", flat=True))
            if admin
            else set()
        )
        assessor_users = list(
            User.objects.filter(is_demo=True, is_staff=False)
            .exclude(email=ADMIN_EMAIL)
            .exclude(memberships__role="admin")
            .order_by("id")[:ASSESSORS]
        )
        if len(assessor_users) < 2:
            assessor_users = list(
                User.objects.filter(is_demo=True)
                .exclude(email=ADMIN_EMAIL)
                .order_by("id")[:ASSESSORS]
            )
        Assessor.objects.bulk_create(Assessor(user=u, is_demo=True) for u in assessor_users)

        plans = []  # (organisation, validated_on, quality)
        for org in clusters:
            quality = min(1.0, max(0.0, rng.betavariate(2.5, 2)))
            first = TODAY - datetime.timedelta(days=rng.randint(30, 1400))
            plans.append((org, first, quality))
            if rng.random() < 0.35 and (TODAY - first).days > 560:
                # A repeat benchmark 18–24 months later (a Silver candidate).
                repeat = label_rules.add_months(first, rng.randint(18, 23))
                if repeat <= TODAY:
                    plans.append((org, repeat, min(1.0, quality + rng.uniform(0, 0.15))))
        assessments = Assessment.objects.bulk_create(
            Assessment(
                organisation=org,
                indicator_set=indicator_set,
                status=Assessment.Status.VALIDATED,
                validated_on=day,
                validated_by=rng.choice(assessor_users) if assessor_users else None,
                audited=rng.random() < 0.6,
                improvement_area_1="Member services portfolio",
                improvement_area_2="Share of private financing",
                improvement_area_3="International partnerships",
                is_demo=True,
            )
            for org, day, _ in plans
        )
        answers = []
        for assessment, (_, _, quality) in zip(assessments, plans, strict=True):
            ratings: dict[str, list] = {}
            for indicator in indicators:
                value = _value(rng, indicator, quality)
                number = float(value) if indicator.is_numeric else None
                rating = rating_of(indicator, value, number)
                answers.append(
                    Answer(
                        assessment=assessment,
                        indicator=indicator,
                        value=value,
                        number=number,
                        rating=rating,
                    )
                )
                ratings.setdefault(indicator.dimension.code, []).append(
                    Rating(rating) if rating else None
                )
            scores = score(ratings)
            assessment.overall_score = scores.overall
            assessment.dimension_scores = scores.dimensions
            if scores.overall is not None and scores.overall >= 80 and len(assessor_users) > 1:
                assessment.second_assessor = next(
                    u for u in assessor_users if u != assessment.validated_by
                )
        Answer.objects.bulk_create(answers, batch_size=2000)
        Assessment.objects.bulk_update(
            assessments, ["overall_score", "dimension_scores", "second_assessor"], batch_size=500
        )

        # Labels: latest benchmark per organisation; level by its score and history.
        latest: dict[int, tuple[Assessment, int]] = {}
        count_per_org: dict[int, int] = {}
        for assessment in assessments:
            count_per_org[assessment.organisation_id] = (
                count_per_org.get(assessment.organisation_id, 0) + 1
            )
            previous = latest.get(assessment.organisation_id)
            if previous is None or previous[0].validated_on < assessment.validated_on:
                latest[assessment.organisation_id] = (
                    assessment,
                    count_per_org[assessment.organisation_id],
                )
        labels, decisions = [], []
        for org_id, (assessment, n) in sorted(latest.items()):
            score_ = assessment.overall_score or 0
            if score_ >= 80 and assessment.second_assessor_id:
                level = "gold"
            elif n > 1 and assessment.audited:
                level = "silver"
            else:
                level = "bronze"
            if org_id in admin_org_ids:
                assessment.validated_on = TODAY - datetime.timedelta(days=200)
                Assessment.objects.filter(pk=assessment.pk).update(
                    validated_on=assessment.validated_on
                )
            until = label_rules.valid_until(assessment.validated_on)
            status = Label.Status.EXPIRED if until < TODAY else Label.Status.ACTIVE
            label = Label(
                organisation_id=org_id,
                assessment=assessment,
                level=level,
                status=status,
                valid_from=assessment.validated_on,
                valid_until=until,
                is_demo=True,
            )
            labels.append(label)
        Label.objects.bulk_create(labels)
        # The organisations' copy of their current label, as the label services keep it
        # (one UPDATE per level and end date).
        current: dict[tuple, list[int]] = {}
        for label in labels:
            if label.status == Label.Status.ACTIVE:
                key = (label.level, label.valid_until)
                current.setdefault(key, []).append(label.organisation_id)
        for (level, until), organisation_ids in sorted(current.items()):
            Organisation.objects.filter(pk__in=organisation_ids).update(
                label_level=level, label_valid_until=until
            )
        for label in labels:
            decisions.append(
                LabelDecision(
                    organisation_id=label.organisation_id,
                    label=label,
                    assessment=label.assessment,
                    level=label.level,
                    kind=LabelDecision.Kind.AWARDED,
                    decided_by=label.assessment.validated_by,
                    reason=f"Demo: rules for {label.level} met on {label.valid_from.isoformat()}.",
                    is_demo=True,
                )
            )
            if label.status == Label.Status.EXPIRED:
                decisions.append(
                    LabelDecision(
                        organisation_id=label.organisation_id,
                        label=label,
                        assessment=label.assessment,
                        level=label.level,
                        kind=LabelDecision.Kind.EXPIRED,
                        decided_by=None,
                        reason=f"Validity ended on {label.valid_until.isoformat()} without renewal.",
                        is_demo=True,
                    )
                )
        LabelDecision.objects.bulk_create(decisions)
        # The demo administrator's cluster also has a benchmark in progress.
        in_progress = 0
        for org_id in sorted(admin_org_ids & {o.pk for o in clusters}):
            draft = Assessment.objects.create(
                organisation_id=org_id, indicator_set=indicator_set, started_by=admin, is_demo=True
            )
            Answer.objects.bulk_create(
                Answer(
                    assessment=draft,
                    indicator=i,
                    value=v,
                    number=float(v) if i.is_numeric else None,
                    rating=rating_of(i, v, float(v) if i.is_numeric else None),
                )
                for i in indicators[:12]
                for v in [_value(rng, i, 0.7)]
            )
            in_progress += 1
        transaction.on_commit(bump_directory_version)
    levels = {
        lvl: sum(1 for label in labels if label.level == lvl)
        for lvl in ("bronze", "silver", "gold")
    }
    expired = sum(1 for label in labels if label.status == Label.Status.EXPIRED)
    return (
        f"benchmarking: {len(assessments)} validated assessments, {len(labels)} labels "
        f"(bronze {levels['bronze']}, silver {levels['silver']}, gold {levels['gold']}; "
        f"{expired} expired), {len(assessor_users)} assessors, {in_progress} in progress"
    )
