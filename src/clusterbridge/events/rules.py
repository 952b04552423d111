"""Object permissions for events, declared once (django-rules)."""

import rules

from clusterbridge.events.models import Registration, RegistrationStatus
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.rules import is_org_member


@rules.predicate
def is_event_organiser(user, event) -> bool:
    """Members of the organising or a co-organising organisation manage the event."""
    if not user.is_authenticated or event is None:
        return False
    if event.created_by_id == user.pk:
        return True
    org_ids = [event.organiser_id, *event.co_organisers.values_list("pk", flat=True)]
    return memberships.is_member_of_any(user, org_ids)


@rules.predicate
def is_published(user, event) -> bool:
    return event is not None and event.is_published


@rules.predicate
def is_admitted_participant(user, event) -> bool:
    if not user.is_authenticated or event is None:
        return False
    return Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.ADMITTED
    ).exists()


@rules.predicate
def is_own_admitted_registration(user, registration) -> bool:
    """The person acts for their own admitted registration at a matchmaking event."""
    return (
        registration is not None
        and user.is_authenticated
        and registration.user_id == user.pk
        and registration.status == RegistrationStatus.ADMITTED
        and registration.event.is_matchmaking
    )


@rules.predicate
def is_own_registration(user, registration) -> bool:
    return registration is not None and registration.user_id == user.pk


@rules.predicate
def organises_registration_event(user, registration) -> bool:
    return registration is not None and is_event_organiser(user, registration.event)


is_staff = rules.is_staff

rules.add_perm("events.view_event", is_published | is_event_organiser | is_staff)
rules.add_perm("events.manage_event", is_event_organiser | is_staff)
# Object: the organisation the event is organised for.
rules.add_perm("events.organise_for", is_org_member | is_staff)
rules.add_perm("events.register", rules.is_authenticated & is_published)
rules.add_perm("events.matchmake", is_admitted_participant)
# Object: a registration. Cards, requests, availability and outcomes are the participant's own.
rules.add_perm("events.act_for_registration", is_own_admitted_registration)
rules.add_perm(
    "events.cancel_registration", is_own_registration | organises_registration_event | is_staff
)
