"""After the event: which meetings took place and what came of them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.events.models import Meeting, MeetingOutcome, OutcomeType, Registration
from clusterbridge.events.validators import validate_satisfaction

User = get_user_model()


@transaction.atomic
def record_outcome(
    *,
    meeting: Meeting,
    registration: Registration,
    actor: User,
    held: bool,
    outcomes: list[str] | None = None,
    note: str = "",
    satisfaction: int | None = None,
) -> MeetingOutcome:
    if registration.user_id != actor.pk:
        raise ValidationError(_("You record outcomes of your own meetings only."))
    if not meeting.participants.filter(pk=registration.pk).exists():
        raise ValidationError(_("You were not a participant of this meeting."))
    if meeting.status != Meeting.Status.SCHEDULED or meeting.slot is None:
        raise ValidationError(_("Only scheduled meetings have outcomes."))
    if meeting.slot.start > timezone.now():
        raise ValidationError(_("Outcomes are recorded after the meeting has taken place."))
    outcomes = list(dict.fromkeys(outcomes or []))
    unknown = [o for o in outcomes if o not in OutcomeType.values]
    if unknown:
        raise ValidationError(_("Unknown outcome “%(code)s”.") % {"code": unknown[0]})
    if not held and outcomes:
        raise ValidationError(_("A meeting that did not take place has no outcomes."))
    validate_satisfaction(satisfaction)
    if len(note) > 500:
        raise ValidationError(_("The note has more than %(limit)s characters.") % {"limit": 500})
    outcome, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        registration=registration,
        defaults={"held": held, "outcomes": outcomes, "note": note.strip(),
                  "satisfaction": satisfaction},
    )  # fmt: skip
    return outcome
