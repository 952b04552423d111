import pytest

from clusterbridge.accounts.services.privacy import export_personal_data
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Membership, ProfileChange
from clusterbridge.organisations.services.memberships import change_role, remove_member
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db
def test_export_includes_each_apps_personal_data():
    user = UserFactory()
    notify(
        users=[user], kind="organisations.published", params={"organisation": "Hello"}, email=False
    )
    data = export_personal_data(user)
    assert [n["title"] for n in data["notifications"]["notifications"]] == [
        "Your profile is published: Hello"
    ]


@pytest.mark.django_db
def test_member_history_names_people_not_email_addresses():
    admin = MembershipFactory()
    colleague = MembershipFactory(
        organisation=admin.organisation, role=Membership.Role.MEMBER, user=UserFactory(name="")
    )
    change_role(membership=colleague, actor=admin.user, role="admin")
    remove_member(membership=colleague, actor=admin.user)
    changes = list(
        ProfileChange.objects.filter(organisation=admin.organisation).values_list(
            "changes", flat=True
        )
    )
    text = repr(changes)
    assert colleague.user.email not in text
    assert f"user #{colleague.user.pk}" in text


@pytest.mark.django_db
def test_a_user_without_a_name_is_never_shown_by_email():
    user = UserFactory(name="")
    assert str(user) == f"Member #{user.pk}"
