"""Demo links between cluster organisations and their member organisations.

Each published demo cluster organisation lists 4–14 confirmed members among the published
demo organisations (mostly from its own country and sharing a sector, as regional clusters
do); national associations and networks of clusters list clusters. A few proposals wait for
a decision, from either side, on clusters that have administrators, so the demo logins see
requests to confirm.

Deterministic for the seed; dates before 2026-11-01; every link is marked ``is_demo``. Rows
are inserted directly (no notifications or e-mails to demo people). Links cascade with
their demo organisations; ``remove`` deletes what is left.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db import transaction

from clusterbridge.organisations.models import (
    LinkSide,
    LinkStatus,
    MemberLink,
    Membership,
    Organisation,
    OrganisationKind,
    ProfileStatus,
)
from clusterbridge.organisations.models.organisation import KINDS_WITH_MEMBERS
from clusterbridge.organisations.queries.directory import bump_directory_version

TODAY = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)
MEMBERS = (4, 14)  # confirmed members per cluster organisation
PENDING = 12  # proposals waiting for a decision
MEMBER_KINDS = (
    OrganisationKind.SME,
    OrganisationKind.LARGE_COMPANY,
    OrganisationKind.RTO,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.PUBLIC_AUTHORITY,
)


def _when(rng: random.Random, days_back: int) -> datetime.datetime:
    return TODAY - datetime.timedelta(days=rng.randint(1, days_back), minutes=rng.randint(0, 900))


def _pick(rng, owner, pool, sectors, count, taken):
    """``count`` organisations of ``pool``, weighted towards the owner's country and sectors."""
    pk, _kind, country = owner
    candidates, weights = [], []
    for other in pool:
        if other[0] == pk or (pk, other[0]) in taken:
            continue
        weight = 1.0
        if other[2] == country:
            weight += 6.0
        if sectors[pk] & sectors[other[0]]:
            weight += 4.0
        candidates.append(other[0])
        weights.append(weight)
    chosen: list[int] = []
    while candidates and len(chosen) < count:
        index = rng.choices(range(len(candidates)), weights=weights)[0]
        chosen.append(candidates.pop(index))
        weights.pop(index)
    return chosen


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(f"member-links-{seed}")
    published = list(
        Organisation.objects.filter(is_demo=True, status=ProfileStatus.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "kind", "country")
    )
    sectors: dict[int, set[int]] = defaultdict(set)
    for org_id, sector_id in Organisation.sectors.through.objects.filter(
        organisation_id__in=[row[0] for row in published]
    ).values_list("organisation_id", "clustercategory_id"):
        sectors[org_id].add(sector_id)
    clusters = [row for row in published if row[1] == OrganisationKind.CLUSTER]
    umbrellas = [
        row for row in published if row[1] in KINDS_WITH_MEMBERS - {OrganisationKind.CLUSTER}
    ]
    members = [row for row in published if row[1] in MEMBER_KINDS]
    taken: set[tuple[int, int]] = set()
    rows: list[MemberLink] = []

    def add(cluster_id, member_id, status, side, proposed_at, decided_at=None):
        taken.add((cluster_id, member_id))
        rows.append(
            MemberLink(
                cluster_id=cluster_id,
                member_id=member_id,
                status=status,
                proposed_by_side=side,
                proposed_at=proposed_at,
                decided_at=decided_at,
                confirmed_at=decided_at if status == LinkStatus.CONFIRMED else None,
                is_demo=True,
            )
        )

    sides = (LinkSide.CLUSTER, LinkSide.MEMBER)
    for owner in [*clusters, *umbrellas]:
        pool = members if owner[1] == OrganisationKind.CLUSTER else clusters
        for member_id in _pick(rng, owner, pool, sectors, rng.randint(*MEMBERS), taken):
            proposed = _when(rng, 900)
            decided = min(proposed + datetime.timedelta(days=rng.randint(0, 14)), TODAY)
            add(owner[0], member_id, LinkStatus.CONFIRMED, rng.choice(sides), proposed, decided)

    # Proposals waiting for a decision, on clusters with administrators (the demo logins).
    administered = set(
        Membership.objects.filter(
            organisation__is_demo=True, role=Membership.Role.ADMIN
        ).values_list("organisation_id", flat=True)
    )
    waiting = [row for row in clusters if row[0] in administered][:PENDING]
    for number, owner in enumerate(waiting):
        for member_id in _pick(rng, owner, members, sectors, 1, taken):
            add(owner[0], member_id, LinkStatus.PROPOSED, sides[number % 2], _when(rng, 20))

    MemberLink.objects.bulk_create(rows, batch_size=1000)
    transaction.on_commit(bump_directory_version)
    confirmed = sum(1 for row in rows if row.status == LinkStatus.CONFIRMED)
    return f"{confirmed} confirmed member links, {len(rows) - confirmed} waiting for a decision"


def remove() -> None:
    MemberLink.objects.filter(is_demo=True).delete()
