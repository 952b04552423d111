"""'For you' from the database: the SQL pre-selection keeps what the ranking rewards most."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterbridge.marketplace.models import Opportunity
from clusterbridge.marketplace.queries import recommendations
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def test_an_old_complementary_offer_survives_a_flood_of_newer_profile_matches(monkeypatch):
    monkeypatch.setattr(
        recommendations, "POOL_SIZES", {"complements": 2, "technologies": 2, "sectors": 2}
    )
    seeker_user, seeker = poster(name="Seeker", sectors=["automotive"])
    opportunity(
        user=seeker_user,
        organisation=seeker,
        kind="technology_request",
        title="Need laser welding",
        sectors=("medical-devices",),
        technologies=("photonics",),
    )
    offer_user, offer_org = poster(name="Offerer")
    offer = opportunity(
        user=offer_user,
        organisation=offer_org,
        title="Laser welding offered",
        sectors=("medical-devices",),
        technologies=("photonics",),
    )
    Opportunity.objects.filter(pk=offer.pk).update(
        published_at=timezone.now() - timedelta(days=300)
    )
    flood_user, flood_org = poster(name="Flood")
    for i in range(8):  # newer, same sector as the seeker's profile, not complementary
        opportunity(
            user=flood_user,
            organisation=flood_org,
            kind="business_offer",
            title=f"Car parts {i}",
            sectors=("automotive",),
            technologies=(),
        )
    seeker_post = recommendations.seeker_for(seeker)
    assert seeker_post.posts
    ranked = recommendations.rank_for(seeker)
    assert ranked[0].id == offer.pk
    assert ranked[0].reasons[0].startswith("Answers your post “Need laser welding” on")
    assert len(ranked) == 3  # the offer and the two newest of the flood: the pools' limit


def test_reasons_name_cooperation_interests_not_their_codes(client):
    seeker_user, seeker = poster(
        name="Seeker", sectors=["automotive"],
        cooperation_interests=["strategic_partnership", "training", "research"],
    )  # fmt: skip
    partner_user, partner = poster(name="Partner", country="FR")
    offer = opportunity(
        user=partner_user, organisation=partner, title="Cluster partnership for car makers",
        sectors=("automotive",), technologies=(), partnership_types=["cluster_partnership"],
    )  # fmt: skip
    expected = (
        "Fits your profile: Automotive",
        "Serves your cooperation interests: Skills and training, Strategic cluster partnerships",
    )
    (ranked,) = recommendations.rank_for(seeker)
    assert (ranked.id, ranked.reasons) == (offer.pk, expected)
    client.force_login(seeker_user)
    body = client.get("/marketplace/for-you/").content.decode()
    assert f"<li>{expected[1]}</li>" in body
    assert "strategic_partnership" not in body
