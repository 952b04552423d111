import pytest

from clusterbridge.demo.generator import generate_demo, remove_demo
from clusterbridge.partnerships import demo
from clusterbridge.partnerships.models import (
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipMember,
    SuccessStory,
)
from clusterbridge.partnerships.queries.search import PARTNERSHIPS

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Partnership.objects.order_by("slug").values_list(
            "slug", "coordinator__name", "kind", "budget_eur"
        )
    )


def test_demo_partnerships_are_deterministic_and_labelled():
    generate_demo(organisations=60, seed=3)
    summary = demo.generate(seed=3)
    assert summary.startswith("Partnerships: 25 partnerships with ")
    partnerships = Partnership.objects.all()
    assert partnerships.count() == 25
    assert all(p.is_demo and p.is_published for p in partnerships)
    sizes = [PartnershipMember.objects.filter(partnership=p).count() for p in partnerships]
    assert min(sizes) >= 3 and max(sizes) <= 8
    assert SuccessStory.objects.filter(is_demo=True).count() >= 25
    assert ForumThread.objects.filter(is_demo=True).count() >= 25
    assert not ForumPost.objects.filter(is_demo=False).exists()
    for thread in ForumThread.objects.all():
        assert thread.post_count == ForumPost.objects.filter(thread=thread).count()
    # The facets see the demo partnerships' countries.
    _results, facets = PARTNERSHIPS.run(PARTNERSHIPS.Query(target_countries=("US",)))
    target = next(f for f in facets if f.name == "target_countries")
    assert next(v.count for v in target.values if v.value == "US") == 7
    first = _snapshot()
    demo.generate(seed=3)  # again: the same rows, nothing doubled
    assert _snapshot() == first
    remove_demo()
    assert not Partnership.objects.exists()
