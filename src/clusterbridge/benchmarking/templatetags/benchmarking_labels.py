"""Label badges for templates of other apps (organisation pages), without those apps
importing benchmarking code."""

from django import template
from django.utils import timezone

from clusterbridge.benchmarking.queries.labels import current_label_of

register = template.Library()


@register.simple_tag
def current_label(organisation):
    """The organisation's currently valid label, or None (one query)."""
    return current_label_of(organisation, timezone.localdate())


@register.inclusion_tag("benchmarking/_label_badge.html")
def label_badge(level: str | None, valid_until=None):
    names = {"bronze": "Bronze", "silver": "Silver", "gold": "Gold"}
    return {"level": level, "name": names.get(level or "", ""), "valid_until": valid_until}
