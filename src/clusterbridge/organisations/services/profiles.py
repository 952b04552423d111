"""The one write path for organisation profiles: create, edit, submit, publish, send back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.common.slugs import save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import (
    Membership,
    Organisation,
    ProfileChange,
    ProfileStatus,
    SizeBand,
)
from clusterbridge.organisations.models.organisation import (
    EDITABLE_FIELDS,
    M2M_FIELDS,
    SCALAR_FIELDS,
)
from clusterbridge.organisations.queries.directory import bump_directory_version
from clusterbridge.organisations.queries.memberships import admins_of
from clusterbridge.organisations.signals import profile_changed
from clusterbridge.organisations.validators import (
    validate_description,
    validate_return_reason,
    validate_unique_name,
)

User = get_user_model()

REQUIRED_FOR_SUBMISSION = {
    "name": gettext_lazy("a name"),
    "kind": gettext_lazy("the kind of organisation"),
    "country": gettext_lazy("the country"),
    "city": gettext_lazy("the city"),
    "short_description": gettext_lazy("a short description"),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 1.50 and 1.5 are the same value
    if hasattr(value, "code") and not isinstance(value, str):  # Country or taxonomy row
        return value.code
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or ""
    return value


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    snapshot = {field: _jsonable(getattr(organisation, field)) for field in SCALAR_FIELDS}
    # A multiple CountryField reads back as a descriptor object, not a list.
    snapshot["cooperation_countries"] = [c.code for c in organisation.cooperation_countries]
    snapshot["logo"] = organisation.logo.name or ""
    if organisation.pk:
        for field in M2M_FIELDS:
            snapshot[field] = sorted(getattr(organisation, field).values_list("code", flat=True))
    return snapshot


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        field: [before.get(field), after[field]]
        for field in after
        if before.get(field) != after[field]
    }


def refresh_derived_fields(organisation: Organisation) -> None:
    """Recompute stored derived values (member total, size band, search text). No save."""
    organisation.members_total = sum(organisation.member_counts.values())
    organisation.size_band = SizeBand.for_total(organisation.members_total)
    organisation.search_name = fold(f"{organisation.name} {organisation.acronym}")[:260]
    keywords = [
        *organisation.technology_keywords,
        *organisation.specialisation_keywords,
        *organisation.value_chain_keywords,
    ]
    parts = [
        organisation.name,
        organisation.acronym,
        organisation.city,
        organisation.short_description,
        organisation.description,
        " ".join(keywords),
    ]
    organisation.search_document = fold(" \n".join(p for p in parts if p))


def _apply(organisation: Organisation, data: dict[str, Any]) -> dict[str, list]:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    m2m = {field: data.pop(field) for field in M2M_FIELDS if field in data}
    if "description" in data:
        try:
            validate_description(data["description"])
        except ValidationError as exc:
            raise ValidationError({"description": exc.messages}) from exc
    for field, value in data.items():
        setattr(organisation, field, value)
    if "name" in data:
        validate_unique_name(organisation.name, exclude_pk=organisation.pk)
    refresh_derived_fields(organisation)
    return m2m


@transaction.atomic
def create_organisation(*, actor: User, data: dict[str, Any]) -> Organisation:
    """Create a draft profile; the creator becomes its administrator."""
    organisation = Organisation(status=ProfileStatus.DRAFT)
    m2m = _apply(organisation, dict(data))
    save_with_unique_slug(organisation, organisation.name, fallback="organisation")
    for field, values in m2m.items():
        getattr(organisation, field).set(values)
    Membership.objects.create(user=actor, organisation=organisation, role=Membership.Role.ADMIN)
    ProfileChange.objects.create(
        organisation=organisation,
        actor=actor,
        action=ProfileChange.Action.CREATED,
        changes=_diff({}, _snapshot(organisation)),
    )
    return organisation


@transaction.atomic
def update_profile(
    *, organisation: Organisation, actor: User, data: dict[str, Any]
) -> Organisation:
    """Change profile fields; every change is recorded with who made it and the old/new values."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _snapshot(organisation)
    m2m = _apply(organisation, dict(data))
    organisation.save()
    for field, values in m2m.items():
        getattr(organisation, field).set(values)
    changes = _diff(before, _snapshot(organisation))
    if changes:
        transaction.on_commit(bump_directory_version)
        changed_fields = frozenset(changes)
        transaction.on_commit(
            lambda: profile_changed.send(
                sender=Organisation, organisation=organisation, changed_fields=changed_fields
            )
        )
        ProfileChange.objects.create(
            organisation=organisation,
            actor=actor,
            action=ProfileChange.Action.UPDATED,
            changes=changes,
        )
    return organisation


def missing_for_submission(organisation: Organisation) -> list[str]:
    return [
        str(label)
        for field, label in REQUIRED_FOR_SUBMISSION.items()
        if not getattr(organisation, field)
    ]


@transaction.atomic
def submit_for_validation(*, organisation: Organisation, actor: User) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status not in (ProfileStatus.DRAFT, ProfileStatus.RETURNED):
        raise ValidationError(
            _(
                "Only a draft or a returned profile can be submitted; this one is “{status}”."
            ).format(status=organisation.get_status_display()),
            code="not_submittable",
        )
    if missing := missing_for_submission(organisation):
        raise ValidationError(
            _("Before submitting, add {missing}.").format(missing=", ".join(missing)),
            code="incomplete_profile",
        )
    organisation.status = ProfileStatus.SUBMITTED
    organisation.submitted_at = timezone.now()
    organisation.save(update_fields=["status", "submitted_at", "updated_at"])
    ProfileChange.objects.create(
        organisation=organisation, actor=actor, action=ProfileChange.Action.SUBMITTED
    )
    audit.record(
        actor=actor, action="organisations.submitted", obj=organisation, organisation=organisation
    )
    notify(
        users=User.objects.filter(is_staff=True, is_active=True),
        kind="organisations.submitted",
        params={
            "organisation": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country.name,
        },
        url=reverse("organisations:review", args=[organisation.slug]),
    )
    return organisation


def _require_staff(actor: User) -> None:
    require(
        actor,
        "organisations.moderate_organisation",
        message=_("Only platform staff validate profiles."),
    )


@transaction.atomic
def publish(*, organisation: Organisation, actor: User) -> Organisation:
    _require_staff(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != ProfileStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted profile can be published."), code="not_submitted")
    organisation.status = ProfileStatus.PUBLISHED
    organisation.published_at = organisation.published_at or timezone.now()
    organisation.return_reason = ""
    organisation.save(update_fields=["status", "published_at", "return_reason", "updated_at"])
    ProfileChange.objects.create(
        organisation=organisation, actor=actor, action=ProfileChange.Action.PUBLISHED
    )
    audit.record(
        actor=actor, action="organisations.published", obj=organisation, organisation=organisation
    )
    transaction.on_commit(bump_directory_version)
    notify(
        users=admins_of(organisation),
        kind="organisations.published",
        params={"organisation": organisation.name},
        url=organisation.get_absolute_url(),
    )
    return organisation


@transaction.atomic
def send_back(*, organisation: Organisation, actor: User, reason: str) -> Organisation:
    _require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say what needs to change before sending the profile back."), code="reason"
        )
    validate_return_reason(reason)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != ProfileStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted profile can be sent back."), code="not_submitted")
    organisation.status = ProfileStatus.RETURNED
    organisation.return_reason = reason
    organisation.save(update_fields=["status", "return_reason", "updated_at"])
    ProfileChange.objects.create(
        organisation=organisation, actor=actor, action=ProfileChange.Action.RETURNED, reason=reason
    )
    audit.record(
        actor=actor,
        action="organisations.returned",
        obj=organisation,
        organisation=organisation,
        changes={"reason": reason},
    )
    notify(
        users=admins_of(organisation),
        kind="organisations.returned",
        params={"organisation": organisation.name, "reason": reason},
        url=reverse("organisations:edit", args=[organisation.slug]),
    )
    return organisation


@transaction.atomic
def record_website_check(*, organisation_id: int, active: bool) -> None:
    Organisation.objects.filter(pk=organisation_id).update(
        website_active=active, website_checked_at=timezone.now()
    )


@transaction.atomic
def set_contacts(
    *, organisation: Organisation, actor: User, contacts: list[dict[str, str]]
) -> None:
    """Replace the contact persons (name, role, email, phone) in the given order; recorded."""
    from clusterbridge.organisations.models import ContactPerson

    before = list(organisation.contacts.values("name", "role", "email", "phone"))
    after = [
        {key: (contact.get(key) or "").strip() for key in ("name", "role", "email", "phone")}
        for contact in contacts
    ]
    if before == after:
        return
    organisation.contacts.all().delete()
    ContactPerson.objects.bulk_create(
        [ContactPerson(organisation=organisation, position=i, **c) for i, c in enumerate(after)]
    )
    ProfileChange.objects.create(
        organisation=organisation,
        actor=actor,
        action=ProfileChange.Action.UPDATED,
        # Names only: contact e-mail addresses are personal data and stay out of the history.
        changes={"contacts": [[c["name"] for c in before], [c["name"] for c in after]]},
    )
