"""Expressions of interest: the structured first contact and the poster's decisions on it."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common.permissions import require
from clusterbridge.marketplace.models import (
    ExpressionOfInterest,
    InterestStatus,
    Opportunity,
    OpportunityStatus,
    PartnershipType,
)
from clusterbridge.marketplace.queries.search import bump_marketplace_version
from clusterbridge.marketplace.services.messaging import open_organisation_conversation
from clusterbridge.marketplace.validators import (
    validate_missing_information,
    validate_organisation_details,
)
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships

User = get_user_model()

# The poster may move an interest between these; an agreement is final (it is an outcome).
TRANSITIONS = {
    InterestStatus.NEW: {
        InterestStatus.IN_DISCUSSION,
        InterestStatus.DECLINED,
        InterestStatus.AGREEMENT,
    },
    InterestStatus.IN_DISCUSSION: {InterestStatus.DECLINED, InterestStatus.AGREEMENT},
    InterestStatus.DECLINED: {InterestStatus.IN_DISCUSSION},
    InterestStatus.AGREEMENT: set(),
}


def organisation_details(organisation: Organisation) -> str:
    """The prefilled description of the interested organisation."""
    lines = [
        f"{organisation.name} ({organisation.get_kind_display()}), {organisation.city}, "
        f"{organisation.country.name}".replace(" , ", ", ").strip(", "),
    ]
    if organisation.short_description:
        lines.append(organisation.short_description)
    if organisation.website:
        lines.append(organisation.website)
    return "\n".join(lines)


@transaction.atomic
def express_interest(
    *,
    opportunity: Opportunity,
    actor: User,
    organisation: Organisation,
    cooperation_sought: str,
    message: str,
    missing_information: str = "",
    details: str = "",
    now: datetime | None = None,
    is_demo: bool = False,
) -> ExpressionOfInterest:
    opportunity = (
        Opportunity.objects.select_for_update()
        .select_related("organisation")
        .get(pk=opportunity.pk)
    )
    if not memberships.is_member(actor, organisation):
        raise ValidationError(
            _(
                "You are not a member of {organisation}; express interest for your own "
                "organisation."
            ).format(organisation=organisation.name),
            code="not_member",
        )
    if opportunity.organisation_id == organisation.pk:
        raise ValidationError(
            _("This is your own organisation's opportunity; you cannot express interest in it."),
            code="own_opportunity",
        )
    if opportunity.status == OpportunityStatus.EXPIRED:
        raise ValidationError(
            _("This opportunity has expired; interest can no longer be expressed."),
            code="expired",
        )
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise ValidationError(
            _("This opportunity is {status}; it takes no more interest.").format(
                status=opportunity.get_status_display().lower()
            ),
            code="not_published",
        )
    validate_missing_information(missing_information.strip())
    validate_organisation_details((details or "").strip())
    if cooperation_sought not in PartnershipType.values:
        raise ValidationError(
            _("Unknown kind of cooperation “{value}”.").format(value=cooperation_sought),
            code="cooperation",
        )
    if ExpressionOfInterest.objects.filter(
        opportunity=opportunity, organisation=organisation
    ).exists():
        raise ValidationError(
            _(
                "{organisation} has already expressed interest in this opportunity; continue in "
                "its conversation."
            ).format(organisation=organisation.name),
            code="duplicate",
        )
    details = (details or "").strip() or organisation_details(organisation)
    now = now or timezone.now()
    # The first message of the conversation, written in the sender's language (it is content).
    intro = (
        _("Expression of interest from {organisation} in {reference} “{title}”.").format(
            organisation=organisation.name,
            reference=opportunity.reference,
            title=opportunity.title,
        )
        + "\n"
        + _("Cooperation sought: {cooperation}.").format(
            cooperation=PartnershipType(cooperation_sought).label
        )
        + "\n"
    )
    if missing_information.strip():
        intro += (
            _("Information we would need: {information}").format(
                information=missing_information.strip()
            )
            + "\n"
        )
    conversation = open_organisation_conversation(
        sender=actor,
        organisations=[opportunity.organisation, organisation],
        subject=f"{opportunity.reference}: {opportunity.title}",
        body=f"{intro}\n{message.strip()}" if message.strip() else intro,
        opportunity=opportunity,
        now=now,
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                opportunity=opportunity,
                organisation=organisation,
                author=actor,
                cooperation_sought=cooperation_sought,
                missing_information=missing_information.strip(),
                organisation_details=details,
                conversation=conversation,
                is_demo=is_demo,
            )
    except IntegrityError as exc:  # a simultaneous second submission
        raise ValidationError(
            _("{organisation} has already expressed interest in this opportunity.").format(
                organisation=organisation.name
            ),
            code="duplicate",
        ) from exc
    return interest


@transaction.atomic
def set_interest_status(
    *, interest: ExpressionOfInterest, actor: User, status: str, now: datetime | None = None
) -> ExpressionOfInterest:
    interest = (
        ExpressionOfInterest.objects.select_for_update()
        .select_related("opportunity__organisation", "organisation")
        .get(pk=interest.pk)
    )
    require(
        actor,
        "marketplace.decide_interest",
        interest,
        message=_("Only people who post for the opportunity's organisation decide on interests."),
    )
    if status not in InterestStatus.values:
        raise ValidationError(_("Unknown status “{value}”.").format(value=status), code="status")
    if status == interest.status:
        return interest
    if status not in TRANSITIONS[InterestStatus(interest.status)]:
        raise ValidationError(
            _("An interest that is “{current}” cannot become “{new}”.").format(
                current=interest.get_status_display(), new=InterestStatus(status).label
            ),
            code="transition",
        )
    interest.status = status
    if status == InterestStatus.AGREEMENT:
        interest.agreement_at = now or timezone.now()
        transaction.on_commit(bump_marketplace_version)
    interest.save()
    notify(
        users=list(memberships.members_of(interest.organisation)),
        kind="marketplace.interest_status",
        params={
            "reference": interest.opportunity.reference,
            "status": interest.status,
            "title": interest.opportunity.title,
        },
        url=interest.conversation.get_absolute_url()
        if interest.conversation_id
        else interest.opportunity.get_absolute_url(),
    )
    return interest
