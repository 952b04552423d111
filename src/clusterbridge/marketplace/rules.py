"""Object permissions of the marketplace, declared once (django-rules)."""

from __future__ import annotations

import rules

from clusterbridge.marketplace.models import Opportunity, Participant, PostingPolicy
from clusterbridge.organisations.queries import memberships


def may_post_for(user, organisation) -> bool:
    """Members may post unless the organisation's policy reserves posting to its admins."""
    role = memberships.role_of(user, organisation)
    if role is None:
        return False
    if role == memberships.Role.ADMIN:
        return True
    who = (
        PostingPolicy.objects.filter(organisation=organisation)
        .values_list("who", flat=True)
        .first()
    )
    return who != PostingPolicy.Who.ADMINS


@rules.predicate
def can_post_for_organisation(user, organisation) -> bool:
    return may_post_for(user, organisation)


@rules.predicate
def is_poster(user, opportunity: Opportunity) -> bool:
    return opportunity is not None and may_post_for(user, opportunity.organisation)


@rules.predicate
def is_member_of_poster(user, opportunity: Opportunity) -> bool:
    return opportunity is not None and memberships.is_member(user, opportunity.organisation_id)


@rules.predicate
def is_published(user, opportunity: Opportunity) -> bool:
    return opportunity is not None and opportunity.is_published


@rules.predicate
def is_participant(user, conversation) -> bool:
    return (
        conversation is not None
        and user.is_authenticated
        and Participant.objects.filter(conversation=conversation, user=user).exists()
    )


@rules.predicate
def is_interest_party(user, interest) -> bool:
    if interest is None:
        return False
    return memberships.is_member_of_any(
        user, [interest.organisation_id, interest.opportunity.organisation_id]
    )


@rules.predicate
def is_interest_poster(user, interest) -> bool:
    return interest is not None and may_post_for(user, interest.opportunity.organisation)


is_staff = rules.is_staff

rules.add_perm("marketplace.post_for_organisation", can_post_for_organisation)
rules.add_perm("marketplace.view_opportunity", is_published | is_member_of_poster | is_staff)
rules.add_perm("marketplace.change_opportunity", is_poster)
rules.add_perm("marketplace.express_interest", rules.is_authenticated & is_published)
rules.add_perm("marketplace.follow_opportunity", rules.is_authenticated & is_published)
rules.add_perm("marketplace.moderate_opportunity", is_staff)
rules.add_perm("marketplace.view_interest", is_interest_party)
rules.add_perm("marketplace.decide_interest", is_interest_poster)
# Private messages: participants only, not even staff (they act on reports, which quote).
rules.add_perm("marketplace.view_conversation", is_participant)
rules.add_perm("marketplace.handle_reports", is_staff)
