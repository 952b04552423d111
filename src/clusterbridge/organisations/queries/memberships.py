"""Who belongs to which organisation: the one place other code asks (rules, services, views).

Functions accept an organisation or its primary key.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from clusterbridge.organisations.models import Membership, Organisation

User = get_user_model()
Role = Membership.Role


def _pk(organisation: Organisation | int) -> int:
    return organisation if isinstance(organisation, int) else organisation.pk


def _known(user) -> bool:
    return user is not None and user.is_authenticated


def role_of(user, organisation: Organisation | int | None) -> str | None:
    """The user's role in the organisation, or None for outsiders."""
    if not _known(user) or organisation is None:
        return None
    return (
        Membership.objects.filter(user=user, organisation_id=_pk(organisation))
        .values_list("role", flat=True)
        .first()
    )


def is_member(user, organisation: Organisation | int | None) -> bool:
    if not _known(user) or organisation is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=_pk(organisation)).exists()


def is_admin(user, organisation: Organisation | int | None) -> bool:
    if not _known(user) or organisation is None:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=_pk(organisation), role=Role.ADMIN
    ).exists()


def is_member_of_any(user, organisations: Iterable[Organisation | int]) -> bool:
    ids = [_pk(o) for o in organisations if o is not None]
    if not _known(user) or not ids:
        return False
    return Membership.objects.filter(user=user, organisation_id__in=ids).exists()


def memberships_of(user) -> QuerySet[Membership]:
    """The user's memberships with their organisations, for pages and exports."""
    if not _known(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def organisation_ids_of(user, *, role: str | None = None) -> list[int]:
    if not _known(user):
        return []
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return list(memberships.values_list("organisation_id", flat=True))


def organisations_of(user, *, role: str | None = None) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids_of(user, role=role))


def members_of(organisation: Organisation | int, *, role: str | None = None) -> QuerySet:
    """Active people of an organisation (its administrators with ``role=Role.ADMIN``)."""
    memberships = Membership.objects.filter(organisation_id=_pk(organisation))
    if role is not None:
        memberships = memberships.filter(role=role)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def admins_of(organisation: Organisation | int) -> QuerySet:
    return members_of(organisation, role=Role.ADMIN)


def members_of_any(organisations: Iterable[Organisation | int]) -> QuerySet:
    ids = [_pk(o) for o in organisations]
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(organisation_id__in=ids).values("user_id"),
    )


def admin_count(organisation: Organisation | int) -> int:
    return Membership.objects.filter(organisation_id=_pk(organisation), role=Role.ADMIN).count()
