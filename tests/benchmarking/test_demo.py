import pytest

from clusterbridge.benchmarking import demo
from clusterbridge.benchmarking.models import Assessment, Assessor, Label
from clusterbridge.demo.generator import ADMIN_EMAIL, generate_demo, remove_demo

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Assessment.objects.order_by("organisation__name", "validated_on").values_list(
            "organisation__name", "validated_on", "overall_score", "status"
        )
    )


def test_demo_benchmarks_are_deterministic_spread_and_labelled():
    generate_demo(organisations=120, seed=1)
    summary = demo.generate(seed=1)
    assert summary.startswith("benchmarking: ")
    validated = Assessment.objects.filter(status="validated", is_demo=True)
    scores = [a.overall_score for a in validated]
    assert len(scores) >= 10
    assert max(scores) - min(scores) >= 30  # a realistic spread, not one value
    assert set(Label.objects.values_list("level", flat=True)) == {"bronze", "silver", "gold"}
    assert Label.objects.filter(status="expired").exists()
    assert Assessor.objects.filter(is_demo=True).count() >= 2
    admin_org = (
        Assessment.objects.filter(
            organisation__memberships__user__email=ADMIN_EMAIL, status="draft"
        )
        .get()
        .organisation
    )
    assert Label.objects.get(organisation=admin_org, status="active").valid_until > demo.TODAY
    first = _snapshot()
    remove_demo()
    assert not Assessment.objects.exists()
    assert not Assessor.objects.exists()
    generate_demo(organisations=120, seed=1)
    demo.generate(seed=1)
    assert _snapshot() == first


def test_demo_labels_are_copied_to_their_organisations():
    from clusterbridge.organisations.models import Organisation

    generate_demo(organisations=120, seed=1)
    demo.generate(seed=1)
    active = dict(Label.objects.filter(status="active").values_list("organisation_id", "level"))
    assert active
    copies = dict(Organisation.objects.exclude(label_level="").values_list("id", "label_level"))
    assert copies == active
    for label in Label.objects.filter(status="active").select_related("organisation"):
        assert label.organisation.label_valid_until == label.valid_until
