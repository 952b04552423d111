"""Event images, served after the same visibility check as the event page.

They are not public files: an unpublished event's image would otherwise be visible to anyone
who knows or guesses its URL. Images are stored under a random name (services.events) and
only served here; the URL names the event, never the file.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from clusterbridge.common.downloads import private_file
from clusterbridge.common.uploads import IMAGE_CONTENT_TYPES
from clusterbridge.common.views import object_or_404
from clusterbridge.events.models import Event

PUBLISHED_MAX_AGE = 300


def image_view(request, slug: str):
    event = object_or_404(request, Event.objects.all(), "events.view_event", slug=slug)
    if not event.image:
        raise Http404(_("This event has no image."))
    content_type = IMAGE_CONTENT_TYPES.get(event.image.name.rsplit(".", 1)[-1].lower())
    if content_type is None:  # an old upload of a type not accepted any more
        raise Http404(_("This event has no image."))
    return private_file(
        event.image,
        content_type=content_type,
        as_attachment=False,
        public_max_age=PUBLISHED_MAX_AGE if event.is_published else None,
        missing_message=_("The image of this event is missing."),
    )
