"""The "smart correlation" of profiles and statistics: each organisation's copy of the sectors
in which its NUTS-2 region is specialised (location quotient ≥ 2), and its region's highest
location quotient among its sectors (``Organisation.specialised_sectors``, ``region_top_lq``).

The copies follow the default dataset's latest year. They are recomputed inside the transaction
of every change that moves them (an import, a deleted dataset, another default dataset) and
when a profile's region or sectors change; the directory's cache is refreshed on commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from clusterbridge.observatory.method import SPECIALISED_LQ
from clusterbridge.observatory.models import Statistic
from clusterbridge.observatory.queries.datasets import default_dataset
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import bump_directory_version


@transaction.atomic
def refresh_organisation_strengths(*, organisation_ids: Iterable[int] | None = None) -> int:
    """Recompute the copies (of every organisation, or of ``organisation_ids``); returns the
    number of organisations whose copy changed."""
    organisations = Organisation.objects.all()
    sector_through = Organisation.sectors.through
    specialised_through = Organisation.specialised_sectors.through
    sector_rows = sector_through.objects.all()
    specialised_rows = specialised_through.objects.all()
    if organisation_ids is not None:
        ids = list(organisation_ids)
        organisations = organisations.filter(pk__in=ids)
        sector_rows = sector_rows.filter(organisation_id__in=ids)
        specialised_rows = specialised_rows.filter(organisation_id__in=ids)
    regions = dict(organisations.values_list("pk", "nuts_region_id"))
    if not regions:
        return 0
    sectors: dict[int, set[int]] = {}
    for org_id, category_id in sector_rows.values_list("organisation_id", "clustercategory_id"):
        sectors.setdefault(org_id, set()).add(category_id)

    dataset = default_dataset()
    lq_of: dict[tuple[int, int], float] = {}
    if dataset is not None and dataset.last_year:
        wanted_regions = {r for r in regions.values() if r}
        rows = Statistic.objects.filter(
            dataset=dataset,
            year=dataset.last_year,
            level=2,
            region_id__in=wanted_regions,
            category__isnull=False,
            lq__isnull=False,
        ).values_list("region_id", "category_id", "lq")
        lq_of = {(region, category): lq for region, category, lq in rows}

    current_top = dict(organisations.values_list("pk", "region_top_lq"))
    current: dict[int, set[int]] = {}
    for org_id, category_id in specialised_rows.values_list(
        "organisation_id", "clustercategory_id"
    ):
        current.setdefault(org_id, set()).add(category_id)

    changed_top: list[Organisation] = []
    removed: list[int] = []
    added: list = []
    for org_id, region_id in regions.items():
        lqs = {c: lq_of[(region_id, c)] for c in sectors.get(org_id, ()) if (region_id, c) in lq_of}
        strong = {c for c, lq in lqs.items() if lq >= SPECIALISED_LQ}
        top = round(max(lqs.values()), 6) if lqs else None
        if current_top.get(org_id) != top:
            changed_top.append(Organisation(pk=org_id, region_top_lq=top))
        if current.get(org_id, set()) != strong:
            removed.append(org_id)
            added += [
                specialised_through(organisation_id=org_id, clustercategory_id=c) for c in strong
            ]
    for start in range(0, len(removed), 1000):
        specialised_through.objects.filter(
            organisation_id__in=removed[start : start + 1000]
        ).delete()
    if added:
        specialised_through.objects.bulk_create(added, batch_size=1000)
    if changed_top:
        Organisation.objects.bulk_update(changed_top, ["region_top_lq"], batch_size=500)
    changed = len(set(removed) | {o.pk for o in changed_top})
    if changed:
        transaction.on_commit(bump_directory_version)
    return changed
