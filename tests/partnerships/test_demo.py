import pytest

from clusterbridge.demo.generator import generate_demo, remove_demo
from clusterbridge.partnerships import demo
from clusterbridge.partnerships.models import (
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipDocument,
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


def _documents():
    return list(
        PartnershipDocument.objects.order_by("partnership__slug", "dated_on", "title").values_list(
            "partnership__slug", "title", "category", "visibility", "dated_on", "size"
        )
    )


def test_demo_partnerships_are_deterministic_and_labelled(
    settings, django_capture_on_commit_callbacks
):
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
    # A small library each: members-only strategy and minutes, one or two public documents.
    documents = PartnershipDocument.objects.all()
    assert all(d.is_demo and d.content_type == "application/pdf" for d in documents)
    for partnership in partnerships:
        mine = [d for d in documents if d.partnership_id == partnership.pk]
        assert 3 <= len(mine) <= 4
        assert {d.visibility for d in mine} == {"members", "public"}
    sample = documents.first()
    with sample.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and len(content) == sample.size
    first, first_documents = _snapshot(), _documents()
    sample_key = {"partnership__slug": sample.partnership.slug, "title": sample.title}
    with django_capture_on_commit_callbacks(execute=True):
        demo.generate(seed=3)  # again: the same rows, nothing doubled
    assert _snapshot() == first
    assert _documents() == first_documents
    with PartnershipDocument.objects.get(**sample_key).file.open("rb") as handle:
        assert handle.read() == content  # byte-identical for the seed
    folder = settings.MEDIA_ROOT / "partnerships" / "documents"
    assert (
        len(list(folder.iterdir())) == PartnershipDocument.objects.count()
    )  # the old files are gone
    with django_capture_on_commit_callbacks(execute=True):
        remove_demo()
    assert not Partnership.objects.exists()
    assert list(folder.iterdir()) == []
