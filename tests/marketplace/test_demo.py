"""The demo marketplace: deterministic, marked demo, removed with the demo organisations."""

from __future__ import annotations

import pytest

from clusterbridge.demo.generator import generate_demo, remove_demo
from clusterbridge.marketplace import demo
from clusterbridge.marketplace.models import ExpressionOfInterest, Message, Opportunity

pytestmark = pytest.mark.django_db


def test_demo_generates_opportunities_interests_and_conversations():
    generate_demo(organisations=120, seed=1)
    summary = demo.generate(seed=1)
    count = Opportunity.objects.count()
    assert 250 <= count <= 300
    assert summary.startswith(f"Marketplace: {count} opportunities, ")
    assert ExpressionOfInterest.objects.count() == 120
    assert Message.objects.count() >= 240
    assert not Opportunity.objects.filter(is_demo=False).exists()
    assert Opportunity.objects.values("reference").distinct().count() == count
    first = list(Opportunity.objects.order_by("id").values_list("reference", "title")[:5])
    remove_demo()
    assert Opportunity.objects.count() == 0
    generate_demo(organisations=120, seed=1)
    demo.generate(seed=1)
    again = list(Opportunity.objects.order_by("id").values_list("title", flat=True)[:5])
    assert again == [title for _, title in first]
