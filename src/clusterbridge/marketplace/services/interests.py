"""Expressions of interest: the structured first contact and the poster's decisions on it."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clusterbridge.marketplace.models import (
    ExpressionOfInterest,
    InterestStatus,
    Opportunity,
    OpportunityStatus,
    PartnershipType,
)
from clusterbridge.marketplace.queries.search import bump_marketplace_version
from clusterbridge.marketplace.services.messaging import open_organisation_conversation
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Membership, Organisation

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
    if not Membership.objects.filter(user=actor, organisation=organisation).exists():
        raise ValidationError(
            f"You are not a member of {organisation.name}; express interest for your own organisation.",
            code="not_member",
        )
    if opportunity.organisation_id == organisation.pk:
        raise ValidationError(
            "This is your own organisation's opportunity; you cannot express interest in it.",
            code="own_opportunity",
        )
    if opportunity.status == OpportunityStatus.EXPIRED:
        raise ValidationError(
            "This opportunity has expired; interest can no longer be expressed.", code="expired"
        )
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise ValidationError(
            f"This opportunity is {opportunity.get_status_display().lower()}; it takes no more interest.",
            code="not_published",
        )
    if cooperation_sought not in PartnershipType.values:
        raise ValidationError(
            f"Unknown kind of cooperation “{cooperation_sought}”.", code="cooperation"
        )
    if ExpressionOfInterest.objects.filter(
        opportunity=opportunity, organisation=organisation
    ).exists():
        raise ValidationError(
            f"{organisation.name} has already expressed interest in this opportunity; "
            "continue in its conversation.",
            code="duplicate",
        )
    details = (details or "").strip() or organisation_details(organisation)
    now = now or timezone.now()
    intro = (
        f"Expression of interest from {organisation.name} in {opportunity.reference} "
        f"“{opportunity.title}”.\n"
        f"Cooperation sought: {PartnershipType(cooperation_sought).label}.\n"
    )
    if missing_information.strip():
        intro += f"Information we would need: {missing_information.strip()}\n"
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
            f"{organisation.name} has already expressed interest in this opportunity.",
            code="duplicate",
        ) from exc
    return interest


@transaction.atomic
def set_interest_status(
    *, interest: ExpressionOfInterest, actor: User, status: str, now: datetime | None = None
) -> ExpressionOfInterest:
    from clusterbridge.marketplace.rules import may_post_for

    interest = (
        ExpressionOfInterest.objects.select_for_update()
        .select_related("opportunity__organisation", "organisation")
        .get(pk=interest.pk)
    )
    if not may_post_for(actor, interest.opportunity.organisation):
        raise ValidationError(
            "Only people who post for the opportunity's organisation decide on interests.",
            code="not_poster",
        )
    if status not in InterestStatus.values:
        raise ValidationError(f"Unknown status “{status}”.", code="status")
    if status == interest.status:
        return interest
    if status not in TRANSITIONS[InterestStatus(interest.status)]:
        raise ValidationError(
            f"An interest that is “{interest.get_status_display()}” cannot become "
            f"“{InterestStatus(status).label}”.",
            code="transition",
        )
    interest.status = status
    if status == InterestStatus.AGREEMENT:
        interest.agreement_at = now or timezone.now()
        transaction.on_commit(bump_marketplace_version)
    interest.save()
    notify(
        users=list(User.objects.filter(memberships__organisation=interest.organisation)),
        kind="marketplace.interest_status",
        title=f"Your interest in {interest.opportunity.reference}: {interest.get_status_display()}",
        body=interest.opportunity.title,
        url=interest.conversation.get_absolute_url()
        if interest.conversation_id
        else interest.opportunity.get_absolute_url(),
    )
    return interest
