"""The participant card: technologies and free technology keywords (issue 4, Matchmaking)."""

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.events.models import Registration
from clusterbridge.events.services import matchmaking
from clusterbridge.events.services import registration as reg_services
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory


@pytest.fixture
def photonics_member():
    org = OrganisationFactory(
        name="Lumen", country="ES", sectors=["automotive"],
        technologies=["photonics", "advanced-materials"],
        technology_keywords=["laser welding", "LiDAR"],
    )  # fmt: skip
    return MembershipFactory(organisation=org).user


@pytest.mark.django_db
def test_card_is_prefilled_with_the_organisations_technologies(client, photonics_member):
    event = EventFactory()
    reg = reg_services.register(event=event, user=photonics_member)
    assert reg.technologies == ["advanced-materials", "photonics"]
    assert reg.technology_keywords == ["laser welding", "LiDAR"]
    client.login(email=photonics_member.email, password=PASSWORD)
    form = client.get(f"/events/{event.slug}/card/").context["form"]
    assert form["technologies"].value() == ["advanced-materials", "photonics"]
    assert form["technology_keywords"].value() == "laser welding, LiDAR"
    body = client.get(f"/events/{event.slug}/card/").content.decode()
    assert 'name="technologies" value="photonics" id="id_technologies_5" checked' in body
    assert 'value="laser welding, LiDAR"' in body


@pytest.mark.django_db
def test_participant_edits_technologies_through_the_card_form(client, photonics_member):
    event = EventFactory()
    reg = reg_services.register(event=event, user=photonics_member)
    other = RegistrationFactory(event=event, seek="partners for battery recycling")
    client.login(email=photonics_member.email, password=PASSWORD)
    response = client.post(
        f"/events/{event.slug}/card/",
        {"offer": "Laser cells", "seek": "Pilot users", "sectors": ["automotive"],
         "technologies": ["nanotechnology", "photonics"],
         "technology_keywords": "battery recycling,  laser welding , Battery recycling",
         "interest_countries": ["FR"]},
    )  # fmt: skip
    assert response.status_code == 302
    reg.refresh_from_db()
    assert (reg.offer, reg.seek, reg.sectors, reg.technologies, reg.technology_keywords,
            reg.interest_countries) == (
        "Laser cells", "Pilot users", ["automotive"], ["nanotechnology", "photonics"],
        ["battery recycling", "laser welding"], ["FR"],
    )  # fmt: skip
    # Other participants see the technologies; the keywords feed the recommendations.
    client.force_login(other.user)
    body = client.get(f"/events/{event.slug}/participants/").content.decode()
    assert (
        "<strong>Technologies:</strong> Nanotechnology, Photonics, battery recycling, "
        "laser welding" in body
    )
    assert "Offers what you seek: battery, recycling" in body
    assert (
        f"participant-{reg.pk}"
        in client.get(f"/events/{event.slug}/participants/?q=welding").content.decode()
    )


@pytest.mark.django_db
def test_bad_technology_keyword_is_refused_and_nothing_saved(client, photonics_member):
    event = EventFactory()
    reg = reg_services.register(event=event, user=photonics_member)
    client.login(email=photonics_member.email, password=PASSWORD)
    response = client.post(
        f"/events/{event.slug}/card/",
        {"offer": "Changed", "technologies": ["photonics"], "technology_keywords": "x" * 61},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["technology_keywords"] == [
        "Technology keywords: “xxxxxxxxxxxxxxxxxxxx…” is longer than 60 characters."
    ]
    reg.refresh_from_db()
    assert reg.offer != "Changed"
    assert reg.technology_keywords == ["laser welding", "LiDAR"]


@pytest.mark.django_db
def test_card_service_checks_codes_and_keywords(photonics_member):
    reg = reg_services.register(event=EventFactory(), user=photonics_member)
    before = Registration.objects.values().get(pk=reg.pk)
    with pytest.raises(ValidationError) as exc:
        matchmaking.update_card(
            registration=reg, actor=photonics_member,
            data={"technologies": ["photonics", "warp-drive"], "sectors": ["nope"],
                  "technology_keywords": ["ok", "<script>"], "interest_countries": ["XX"]},
        )  # fmt: skip
    assert exc.value.message_dict == {
        "technologies": ["Unknown key enabling technology: “warp-drive”."],
        "sectors": ["Unknown sector: “nope”."],
        "technology_keywords": [
            "Technology keywords: “<script>” contains characters that are not allowed."
        ],
        "interest_countries": ["Unknown country code: “XX”."],
    }
    with pytest.raises(ValidationError, match=r"A card has no field “status”\."):
        matchmaking.update_card(registration=reg, actor=photonics_member,
                                data={"status": "admitted"})  # fmt: skip
    assert Registration.objects.values().get(pk=reg.pk) == before
    matchmaking.update_card(
        registration=reg, actor=photonics_member,
        data={"technologies": ["photonics"], "technology_keywords": "optics, optics"},
    )  # fmt: skip
    reg.refresh_from_db()
    assert (reg.technologies, reg.technology_keywords) == (["photonics"], ["optics"])
    assert reg.offer == before["offer"]  # fields not given are kept
