"""Object permissions for partnerships, declared once (django-rules).

Who is "in" a partnership is asked through ``organisations.queries.memberships``:
- its *people*: members of an organisation with an accepted place (the coordinator's too);
- people of an organisation that is invited see the partnership (to decide), not its forum.

Documents: public ones are seen by whoever sees the partnership; members-only ones by its
people and staff. Its people upload (while it is not withdrawn); the uploader (still one of
its people) or the coordinator's administrators change and delete; staff may do everything.
"""

import rules

from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.rules import is_org_admin
from clusterbridge.partnerships.models import (
    ForumThread,
    MemberState,
    Partnership,
    PartnershipDocument,
    PartnershipMember,
    PartnershipStatus,
)


def _partnership(obj) -> Partnership | None:
    if isinstance(obj, Partnership):
        return obj
    if isinstance(obj, ForumThread | PartnershipMember | PartnershipDocument):
        return obj.partnership
    return None


def organisation_ids(partnership: Partnership, *, states=(MemberState.ACCEPTED,)) -> list[int]:
    """The member organisations in these states (cached on the object for one request)."""
    cache = partnership.__dict__.setdefault("_cb_member_ids", {})
    key = tuple(states)
    if key not in cache:
        cache[key] = list(
            PartnershipMember.objects.filter(
                partnership_id=partnership.pk, state__in=states
            ).values_list("organisation_id", flat=True)
        )
    return cache[key]


@rules.predicate
def is_partnership_person(user, obj) -> bool:
    """The user belongs to an accepted member organisation (the forum's readers)."""
    partnership = _partnership(obj)
    return partnership is not None and memberships.is_member_of_any(
        user, organisation_ids(partnership)
    )


@rules.predicate
def is_involved(user, obj) -> bool:
    """Accepted or invited: may see the partnership's page before it is published."""
    partnership = _partnership(obj)
    return partnership is not None and memberships.is_member_of_any(
        user,
        organisation_ids(partnership, states=(MemberState.ACCEPTED, MemberState.INVITED)),
    )


@rules.predicate
def is_coordinator_admin(user, obj) -> bool:
    partnership = _partnership(obj)
    return partnership is not None and memberships.is_admin(user, partnership.coordinator_id)


@rules.predicate
def is_member_admin(user, obj) -> bool:
    """An administrator of an accepted member organisation (stories)."""
    partnership = _partnership(obj)
    if partnership is None:
        return False
    return any(memberships.is_admin(user, pk) for pk in organisation_ids(partnership))


@rules.predicate
def is_invitee_admin(user, member) -> bool:
    return isinstance(member, PartnershipMember) and memberships.is_admin(
        user, member.organisation_id
    )


@rules.predicate
def is_published(user, obj) -> bool:
    partnership = _partnership(obj)
    return partnership is not None and partnership.status == PartnershipStatus.PUBLISHED


@rules.predicate
def is_open(user, obj) -> bool:
    partnership = _partnership(obj)
    return partnership is not None and partnership.status != PartnershipStatus.WITHDRAWN


@rules.predicate
def is_public_document(user, document) -> bool:
    return isinstance(document, PartnershipDocument) and document.is_public


@rules.predicate
def is_uploader(user, document) -> bool:
    return (
        isinstance(document, PartnershipDocument)
        and user.is_authenticated
        and document.uploaded_by_id == user.pk
    )


is_staff = rules.is_staff
sees_partnership = is_published | is_involved | is_staff

# The object is the coordinating organisation.
rules.add_perm("partnerships.propose_partnership", is_org_admin)
rules.add_perm("partnerships.view_partnership", sees_partnership)
rules.add_perm("partnerships.manage_partnership", is_coordinator_admin)
rules.add_perm("partnerships.answer_invitation", is_invitee_admin)
rules.add_perm("partnerships.validate_partnership", is_staff)
# The reserved forum: the object is the partnership or a thread.
rules.add_perm("partnerships.view_forum", is_partnership_person | is_staff)
rules.add_perm("partnerships.post_in_forum", is_partnership_person)
rules.add_perm("partnerships.add_story", is_published & is_member_admin)
# Documents. The object of view_reserved_documents and add_document is the partnership.
rules.add_perm("partnerships.view_reserved_documents", is_partnership_person | is_staff)
rules.add_perm(
    "partnerships.view_document",
    (is_public_document & sees_partnership) | is_partnership_person | is_staff,
)
rules.add_perm("partnerships.add_document", is_open & (is_partnership_person | is_staff))
# change_document, split for lists (per partnership, so that a page of documents asks once):
# anyone's documents (the coordinator's administrators, staff), or one's own.
change_any_document = is_open & is_coordinator_admin | is_staff
change_own_documents = is_open & is_partnership_person
rules.add_perm("partnerships.change_any_document", change_any_document)
rules.add_perm("partnerships.change_own_documents", change_own_documents)
rules.add_perm(
    "partnerships.change_document", change_any_document | (is_uploader & change_own_documents)
)
