"""The one write path for opportunities: post, edit, publish, renew, close, withdraw, expire."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.common.text import fold
from clusterbridge.marketplace.models import (
    KIND_PREFIX,
    Follow,
    Opportunity,
    OpportunityAttachment,
    OpportunityStatus,
    PostingPolicy,
    ReferenceSequence,
)
from clusterbridge.marketplace.queries.search import bump_marketplace_version
from clusterbridge.marketplace.validators import (
    MAX_ATTACHMENTS,
    validate_attachment,
    validate_moderation_reason,
    validate_opportunity,
    validate_publishable,
)
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation, ProfileStatus
from clusterbridge.organisations.queries import memberships

User = get_user_model()

LIFETIME = timedelta(days=365)
REMINDER_BEFORE = timedelta(days=30)
SCALAR_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "description_language",
    "keywords",
    "target_countries",
    "partnership_types",
    "development_stage",
    "ipr_status",
    "deadline",
)
M2M_FIELDS = ("sectors", "technologies")
OPEN_STATES = (OpportunityStatus.DRAFT, OpportunityStatus.PUBLISHED)


def _next_reference(kind: str, year: int) -> str:
    prefix = KIND_PREFIX[kind]
    sequence, _created = ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
    # Lock the counter row: two posts at the same instant must not get the same number.
    sequence = ReferenceSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"CB-{prefix}-{year}-{sequence.last:06d}"


def refresh_derived_fields(opportunity: Opportunity, *, sectors=(), technologies=()) -> None:
    """Copies of the poster's country/kind and the folded search text. No save."""
    organisation = opportunity.organisation
    opportunity.country = organisation.country
    opportunity.organisation_kind = organisation.kind
    parts = [
        opportunity.reference,
        opportunity.title,
        opportunity.summary,
        opportunity.description,
        organisation.name,
        organisation.acronym,
        " ".join(opportunity.keywords),
        " ".join(s.name for s in sectors),
        " ".join(t.name for t in technologies),
    ]
    opportunity.search_document = fold(" ".join(p for p in parts if p))


# Profile fields the opportunities keep a copy of: the facet columns, and the search text.
COPIED_FIELDS = frozenset({"country", "kind"})
SEARCHED_FIELDS = frozenset({"name", "acronym"})


@transaction.atomic
def refresh_organisation_copies(*, organisation: Organisation, changed_fields=frozenset()) -> int:
    """After a profile change, bring its opportunities' copies up to date; how many changed.

    Country and kind are one UPDATE; a new name or acronym rewrites the search text of each
    post (an organisation has a handful). Called by the ``profile_changed`` receiver.
    """
    changed = frozenset(changed_fields)
    if not changed & (COPIED_FIELDS | SEARCHED_FIELDS):
        return 0
    organisation = Organisation.objects.get(pk=organisation.pk)
    posts = Opportunity.objects.filter(organisation=organisation)
    count = 0
    if changed & COPIED_FIELDS:
        count = posts.exclude(
            country=organisation.country, organisation_kind=organisation.kind
        ).update(
            country=organisation.country,
            organisation_kind=organisation.kind,
            updated_at=timezone.now(),
        )
    if changed & SEARCHED_FIELDS:
        rows = list(
            posts.select_related("organisation").prefetch_related("sectors", "technologies")
        )
        for opportunity in rows:
            refresh_derived_fields(
                opportunity,
                sectors=opportunity.sectors.all(),
                technologies=opportunity.technologies.all(),
            )
        Opportunity.objects.bulk_update(rows, ["search_document"], batch_size=500)
        count = max(count, len(rows))
    if count:
        _on_published_change()
    return count


def _check_poster(actor: User, organisation: Organisation) -> None:
    require(
        actor,
        "marketplace.post_for_organisation",
        organisation,
        message=_(
            "You may not post for {organisation}: you are not a member allowed to post for it."
        ).format(organisation=organisation.name),
    )


def _on_published_change() -> None:
    transaction.on_commit(bump_marketplace_version)


def _notify_followers(
    opportunity: Opportunity, kind: str, *, exclude: User | None = None, **params
) -> None:
    followers = User.objects.filter(
        pk__in=Follow.objects.filter(opportunity=opportunity).values("user_id")
    ).exclude(pk=getattr(exclude, "pk", None))
    if followers:
        notify(
            users=list(followers),
            kind=kind,
            params={"reference": opportunity.reference, "title": opportunity.title, **params},
            url=opportunity.get_absolute_url(),
        )


@transaction.atomic
def create_opportunity(
    *,
    actor: User,
    organisation: Organisation,
    data: dict[str, Any],
    publish: bool = False,
    now: datetime | None = None,
) -> Opportunity:
    """Post for an organisation (a draft, or published at once with ``publish``)."""
    _check_poster(actor, organisation)
    if organisation.status != ProfileStatus.PUBLISHED and publish:
        raise ValidationError(
            _(
                "{organisation} has no published profile yet; save the post as a draft and "
                "publish it once the profile is published."
            ).format(organisation=organisation.name),
            code="organisation_unpublished",
        )
    validate_opportunity(data)
    now = now or timezone.now()
    opportunity = Opportunity(
        organisation=organisation,
        author=actor,
        reference=_next_reference(data["kind"], now.year),
        **{name: data.get(name) for name in SCALAR_FIELDS if name in data},
    )
    sectors, technologies = list(data.get("sectors") or []), list(data.get("technologies") or [])
    refresh_derived_fields(opportunity, sectors=sectors, technologies=technologies)
    opportunity.save()
    opportunity.sectors.set(sectors)
    opportunity.technologies.set(technologies)
    if publish:
        _publish(opportunity, now=now)
    return opportunity


def _publish(opportunity: Opportunity, *, now: datetime) -> None:
    validate_publishable(
        sectors=list(opportunity.sectors.all()), technologies=list(opportunity.technologies.all())
    )
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.published_at = opportunity.published_at or now
    opportunity.expires_at = now + LIFETIME
    opportunity.renewal_reminded_at = None
    opportunity.moderation_reason = ""
    opportunity.save()
    _on_published_change()


def _locked(opportunity: Opportunity) -> Opportunity:
    return (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=opportunity.pk)
    )


@transaction.atomic
def update_opportunity(
    *, opportunity: Opportunity, actor: User, data: dict[str, Any]
) -> Opportunity:
    opportunity = _locked(opportunity)
    _check_poster(actor, opportunity.organisation)
    if opportunity.status not in OPEN_STATES:
        raise ValidationError(
            _("This opportunity is {status}; it can no longer be edited.").format(
                status=opportunity.get_status_display().lower()
            ),
            code="not_editable",
        )
    merged = {name: getattr(opportunity, name) for name in SCALAR_FIELDS}
    merged.update({k: v for k, v in data.items() if k in SCALAR_FIELDS})
    if "kind" in data and data["kind"] != opportunity.kind:
        raise ValidationError(
            _(
                "The kind of an opportunity cannot change (its reference code depends on it); "
                "withdraw it and post a new one."
            ),
            code="kind_fixed",
        )
    validate_opportunity(merged)
    for name in SCALAR_FIELDS:
        setattr(opportunity, name, merged[name])
    sectors = list(data["sectors"]) if "sectors" in data else list(opportunity.sectors.all())
    technologies = (
        list(data["technologies"])
        if "technologies" in data
        else list(opportunity.technologies.all())
    )
    if opportunity.is_published:
        validate_publishable(sectors=sectors, technologies=technologies)
    refresh_derived_fields(opportunity, sectors=sectors, technologies=technologies)
    opportunity.save()
    opportunity.sectors.set(sectors)
    opportunity.technologies.set(technologies)
    if opportunity.is_published:
        _on_published_change()
        _notify_followers(opportunity, "marketplace.followed_update", exclude=actor)
    return opportunity


@transaction.atomic
def publish_opportunity(
    *, opportunity: Opportunity, actor: User, now: datetime | None = None
) -> Opportunity:
    opportunity = _locked(opportunity)
    _check_poster(actor, opportunity.organisation)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise ValidationError(
            _("Only drafts can be published; this one is {status}.").format(
                status=opportunity.get_status_display().lower()
            ),
            code="not_draft",
        )
    if opportunity.organisation.status != ProfileStatus.PUBLISHED:
        raise ValidationError(
            _("{organisation} has no published profile yet.").format(
                organisation=opportunity.organisation.name
            ),
            code="organisation_unpublished",
        )
    _publish(opportunity, now=now or timezone.now())
    return opportunity


@transaction.atomic
def renew_opportunity(
    *, opportunity: Opportunity, actor: User, now: datetime | None = None
) -> Opportunity:
    """Another 12 months for a published or expired post."""
    opportunity = _locked(opportunity)
    _check_poster(actor, opportunity.organisation)
    if opportunity.status not in (OpportunityStatus.PUBLISHED, OpportunityStatus.EXPIRED):
        raise ValidationError(
            _(
                "Only published or expired opportunities can be renewed; this one is {status}."
            ).format(status=opportunity.get_status_display().lower()),
            code="not_renewable",
        )
    now = now or timezone.now()
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.expires_at = now + LIFETIME
    opportunity.renewal_reminded_at = None
    opportunity.save()
    _on_published_change()
    return opportunity


@transaction.atomic
def close_opportunity(
    *, opportunity: Opportunity, actor: User, outcome: str, now: datetime | None = None
) -> Opportunity:
    """Close with ``outcome`` closed_success / closed_no_success, or withdraw (``withdrawn``)."""
    allowed = (
        OpportunityStatus.CLOSED_SUCCESS,
        OpportunityStatus.CLOSED_NO_SUCCESS,
        OpportunityStatus.WITHDRAWN,
    )
    if outcome not in allowed:
        raise ValidationError(_("Unknown outcome “{value}”.").format(value=outcome), code="outcome")
    opportunity = _locked(opportunity)
    _check_poster(actor, opportunity.organisation)
    if opportunity.status not in (*OPEN_STATES, OpportunityStatus.EXPIRED):
        raise ValidationError(
            _("This opportunity is already {status}.").format(
                status=opportunity.get_status_display().lower()
            ),
            code="already_closed",
        )
    was_published = opportunity.is_published
    opportunity.status = outcome
    opportunity.closed_at = now or timezone.now()
    opportunity.save()
    if was_published:
        _on_published_change()
        _notify_followers(opportunity, "marketplace.followed_closed", status=opportunity.status)
    return opportunity


@transaction.atomic
def unpublish_opportunity(*, opportunity: Opportunity, actor: User, reason: str) -> Opportunity:
    """Staff moderation: take a post off the marketplace, telling the poster why."""
    require(
        actor,
        "marketplace.moderate_opportunity",
        opportunity,
        message=_("Only platform staff may unpublish opportunities."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give the reason for unpublishing; the poster will read it."), code="reason"
        )
    validate_moderation_reason(reason)
    opportunity = _locked(opportunity)
    if not opportunity.is_published:
        raise ValidationError(_("This opportunity is not published."), code="not_published")
    opportunity.status = OpportunityStatus.UNPUBLISHED
    opportunity.moderation_reason = reason
    opportunity.save()
    audit.record(
        actor=actor,
        action="marketplace.unpublished",
        obj=opportunity,
        organisation=opportunity.organisation_id,
        changes={"reason": reason},
    )
    _on_published_change()
    notify(
        users=_posters(opportunity),
        kind="marketplace.unpublished",
        params={"reference": opportunity.reference, "reason": reason},
        url=opportunity.get_absolute_url(),
    )
    return opportunity


def _posters(opportunity: Opportunity) -> list[User]:
    """Who hears about a post: its author, or the organisation's admins if the author left."""
    if opportunity.author_id and memberships.is_member(
        opportunity.author, opportunity.organisation_id
    ):
        return [opportunity.author]
    return list(memberships.admins_of(opportunity.organisation_id))


@transaction.atomic
def add_attachment(*, opportunity: Opportunity, actor: User, upload) -> OpportunityAttachment:
    opportunity = _locked(opportunity)
    _check_poster(actor, opportunity.organisation)
    if opportunity.status not in OPEN_STATES:
        raise ValidationError(
            _("Attachments can be added to drafts and published posts only."), code="closed"
        )
    if opportunity.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most {count} attachments per opportunity.").format(count=MAX_ATTACHMENTS),
            code="too_many",
        )
    content_type = validate_attachment(upload)
    attachment = OpportunityAttachment(
        opportunity=opportunity,
        original_name=upload.name[-200:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no row, so no orphan file either
        raise
    return attachment


@transaction.atomic
def set_follow(*, opportunity: Opportunity, user: User, follow: bool) -> bool:
    if follow:
        if not opportunity.is_published:
            raise ValidationError(
                _("Only published opportunities can be followed."), code="not_published"
            )
        Follow.objects.get_or_create(user=user, opportunity=opportunity)
    else:
        Follow.objects.filter(user=user, opportunity=opportunity).delete()
    return follow


@transaction.atomic
def set_posting_policy(*, organisation: Organisation, actor: User, who: str) -> PostingPolicy:
    require(
        actor,
        "organisations.manage_members",
        organisation,
        message=_("Only an administrator of {organisation} may change who posts for it.").format(
            organisation=organisation.name
        ),
    )
    if who not in PostingPolicy.Who.values:
        raise ValidationError(
            _("Unknown posting policy “{value}”.").format(value=who), code="policy"
        )
    policy, _created = PostingPolicy.objects.update_or_create(
        organisation=organisation, defaults={"who": who}
    )
    return policy


@transaction.atomic
def expire_opportunities(*, now: datetime | None = None) -> tuple[int, int]:
    """Expire posts past their date and remind posters a month before; (expired, reminded)."""
    now = now or timezone.now()
    due = list(
        Opportunity.objects.select_for_update(of=("self",))
        .filter(status=OpportunityStatus.PUBLISHED, expires_at__lte=now)
        .select_related("author")
    )
    for opportunity in due:
        opportunity.status = OpportunityStatus.EXPIRED
        opportunity.save(update_fields=["status", "updated_at"])
        notify(
            users=_posters(opportunity),
            kind="marketplace.expired",
            params={"reference": opportunity.reference, "title": opportunity.title},
            url=opportunity.get_absolute_url(),
        )
    soon = list(
        Opportunity.objects.select_for_update(of=("self",))
        .filter(
            status=OpportunityStatus.PUBLISHED,
            expires_at__gt=now,
            expires_at__lte=now + REMINDER_BEFORE,
            renewal_reminded_at=None,
        )
        .select_related("author")
    )
    for opportunity in soon:
        opportunity.renewal_reminded_at = now
        opportunity.save(update_fields=["renewal_reminded_at", "updated_at"])
        notify(
            users=_posters(opportunity),
            kind="marketplace.renewal_reminder",
            params={
                "reference": opportunity.reference,
                "title": opportunity.title,
                "expires_date": timezone.localdate(opportunity.expires_at),
            },
            url=opportunity.get_absolute_url(),
        )
    if due:
        _on_published_change()
    return len(due), len(soon)
