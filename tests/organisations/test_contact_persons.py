import pytest
from django.urls import reverse

from clusterbridge.organisations.models import ContactPerson, ProfileChange
from tests.factories import MembershipFactory


def _edit_payload(org, contacts):
    data = {
        "name": org.name,
        "kind": org.kind,
        "country": org.country.code,
        "city": org.city,
        "short_description": org.short_description,
        **dict.fromkeys(
            (
                "members_smes",
                "members_large_companies",
                "members_research",
                "members_universities",
                "members_public",
                "members_other",
            ),
            "0",
        ),
        "contacts-TOTAL_FORMS": str(len(contacts)),
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "5",
    }
    for i, contact in enumerate(contacts):
        data.update({f"contacts-{i}-{k}": v for k, v in contact.items()})
    return data


@pytest.mark.django_db
def test_admin_sets_contact_persons_and_history_keeps_names_only(client):
    membership = MembershipFactory()
    org = membership.organisation
    client.force_login(membership.user)
    response = client.post(
        reverse("organisations:edit", args=[org.slug]),
        _edit_payload(
            org, [{"name": "Ana Silva", "role": "Manager", "email": "ana@example.org", "phone": ""}]
        ),
    )
    assert response.status_code == 302
    assert list(ContactPerson.objects.filter(organisation=org).values_list("name", "email")) == [
        ("Ana Silva", "ana@example.org")
    ]
    change = ProfileChange.objects.filter(organisation=org, changes__has_key="contacts").get()
    assert change.changes == {"contacts": [[], ["Ana Silva"]]}
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Ana Silva" in page
    assert "ana@example.org" not in page


@pytest.mark.django_db
def test_invalid_contact_email_saves_nothing(client):
    membership = MembershipFactory()
    org = membership.organisation
    client.force_login(membership.user)
    payload = _edit_payload(org, [{"name": "Ana", "email": "not-an-address"}])
    payload["city"] = "Hamburg"
    response = client.post(reverse("organisations:edit", args=[org.slug]), payload)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    org.refresh_from_db()
    assert org.city == "Berlin"
    assert not ContactPerson.objects.filter(organisation=org).exists()


@pytest.mark.django_db
def test_profile_changed_signal_is_sent_after_commit_with_the_changed_fields(
    django_capture_on_commit_callbacks,
):
    from clusterbridge.organisations.services.profiles import update_profile
    from clusterbridge.organisations.signals import profile_changed

    membership = MembershipFactory()
    received = []

    def receiver(sender, organisation, changed_fields, **kwargs):
        received.append((organisation.pk, changed_fields))

    profile_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            update_profile(
                organisation=membership.organisation,
                actor=membership.user,
                data={"country": "FR", "city": "Lyon"},
            )
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert received == [(membership.organisation.pk, frozenset({"country", "city"}))]
    finally:
        profile_changed.disconnect(receiver)
