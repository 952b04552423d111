"""Demo member links: deterministic, labelled, realistic sizes, a few pending ones."""

from __future__ import annotations

import pytest

from clusterbridge.demo.generator import generate_demo, remove_demo
from clusterbridge.organisations import demo
from clusterbridge.organisations.models import LinkStatus, MemberLink, Organisation
from clusterbridge.organisations.models.organisation import KINDS_WITH_MEMBERS
from clusterbridge.organisations.queries import links

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        MemberLink.objects.order_by("cluster__slug", "member__slug").values_list(
            "cluster__slug", "member__slug", "status", "proposed_by_side", "confirmed_at"
        )
    )


def test_demo_links_are_deterministic_labelled_and_realistic():
    generate_demo(organisations=80, seed=5)
    summary = demo.generate(seed=5)
    first = _snapshot()

    confirmed = MemberLink.objects.filter(status=LinkStatus.CONFIRMED)
    pending = MemberLink.objects.filter(status=LinkStatus.PROPOSED)
    assert summary == (
        f"{confirmed.count()} confirmed member links, {pending.count()} waiting for a decision"
    )
    assert not MemberLink.objects.filter(is_demo=False).exists()
    assert 1 <= pending.count() <= demo.PENDING
    clusters = Organisation.objects.filter(
        is_demo=True, status="published", kind__in=KINDS_WITH_MEMBERS
    )
    sizes = [links.confirmed_members(c).count() for c in clusters]
    assert min(sizes) >= 1 and max(sizes) <= demo.MEMBERS[1]
    assert sum(sizes) == confirmed.count()
    assert all(
        link.cluster.kind in KINDS_WITH_MEMBERS and link.cluster_id != link.member_id
        for link in MemberLink.objects.select_related("cluster")
    )
    assert all(link.confirmed_at <= demo.TODAY for link in confirmed)

    demo.remove()
    assert not MemberLink.objects.exists()
    demo.generate(seed=5)
    assert _snapshot() == first

    remove_demo()
    assert not MemberLink.objects.exists()
