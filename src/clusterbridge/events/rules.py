"""Object permissions for events, declared once (django-rules)."""

import rules

from clusterbridge.events.models import Registration, RegistrationStatus
from clusterbridge.organisations.models import Membership


@rules.predicate
def is_event_organiser(user, event) -> bool:
    """Members of the organising or a co-organising organisation manage the event."""
    if not user.is_authenticated or event is None:
        return False
    if event.created_by_id == user.pk:
        return True
    org_ids = [event.organiser_id, *event.co_organisers.values_list("pk", flat=True)]
    return Membership.objects.filter(user=user, organisation_id__in=org_ids).exists()


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


is_staff = rules.is_staff

rules.add_perm("events.view_event", is_published | is_event_organiser | is_staff)
rules.add_perm("events.manage_event", is_event_organiser | is_staff)
rules.add_perm("events.register", rules.is_authenticated & is_published)
rules.add_perm("events.matchmake", is_admitted_participant)
