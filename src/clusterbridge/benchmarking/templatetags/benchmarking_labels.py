"""Label tags for benchmarking's templates. Organisation pages and the directory show the
badge with ``organisations.templatetags.organisation_labels`` and the organisation's copy of
its current label, without loading anything from benchmarking."""

from django import template
from django.utils import timezone

from clusterbridge.benchmarking.queries.labels import current_label_of
from clusterbridge.organisations.templatetags.organisation_labels import (
    label_badge as badge_context,
)

register = template.Library()


@register.simple_tag
def current_label(organisation):
    """The organisation's currently valid label, or None (one query)."""
    return current_label_of(organisation, timezone.localdate())


# One badge for every page: the organisations app's (benchmarking may use organisations).
register.inclusion_tag("organisations/_label_badge.html", name="label_badge")(badge_context)
