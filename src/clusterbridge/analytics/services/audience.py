"""Writing the audience counts: the one write path (the counting buffer calls it)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import F

from clusterbridge.analytics.models import AudienceCount

Bucket = tuple[datetime.date, str, str, str]


def record_counts(*, counts: Mapping[Bucket, int]) -> None:
    """Add ``counts`` to the stored ones, in one transaction (all or nothing). Buckets are
    written in a fixed order, so two processes flushing at once never deadlock."""
    with transaction.atomic():
        for (day, kind, key, country), n in sorted(counts.items()):
            if n <= 0:
                continue
            found = AudienceCount.objects.filter(
                day=day, kind=kind, key=key, country=country, is_demo=False
            )
            if found.update(count=F("count") + n):
                continue
            try:
                with transaction.atomic():
                    AudienceCount.objects.create(
                        day=day, kind=kind, key=key, country=country, count=n
                    )
            except IntegrityError:  # another process created the bucket meanwhile
                found.update(count=F("count") + n)
