"""Success stories: what a published partnership achieved, shown publicly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.organisations.models import Organisation
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import Partnership, ResultType, SuccessStory

User = get_user_model()


@transaction.atomic
def add_story(
    *,
    partnership: Partnership,
    actor: User,
    title: str,
    story: str,
    result_type: str,
    happened_on: date,
    country: str = "",
    organisations: Iterable[Organisation] = (),
    smes_involved: int = 0,
    is_demo: bool = False,
) -> SuccessStory:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    require(
        actor,
        "partnerships.add_story",
        partnership,
        message=_(
            "Administrators of the member organisations of a published partnership add its "
            "success stories."
        ),
    )
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title.strip())
    validators.validate_required_text(story, _("The story"))
    validators.validate_story(story.strip())
    if result_type not in ResultType.values:
        raise ValidationError(
            _("Unknown result “%(result)s”.") % {"result": result_type}, code="result_type"
        )
    if country and country not in dict(countries):
        raise ValidationError(
            _("Unknown country code “%(code)s”.") % {"code": country}, code="country"
        )
    if happened_on > timezone.localdate():
        raise ValidationError(_("A success story cannot be dated in the future."), code="date")
    if smes_involved < 0:
        raise ValidationError(_("The number of SMEs cannot be negative."), code="smes")
    created = SuccessStory.objects.create(
        partnership=partnership,
        title=title.strip(),
        story=story.strip(),
        result_type=result_type,
        happened_on=happened_on,
        country=country,
        smes_involved=smes_involved,
        author=actor,
        is_demo=is_demo,
    )
    created.organisations.set(list(organisations))
    audit.record(
        actor=actor,
        action="partnerships.story_added",
        obj=partnership,
        organisation=partnership.coordinator_id,
        changes={"story": created.pk},
    )
    return created
