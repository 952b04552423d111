"""The excellence label badge. Labels belong to the benchmarking app, which keeps the
organisation's copy of its current label up to date; this app only shows it (no import of
benchmarking: its public label list is linked when that page exists)."""

from django import template

from clusterbridge.organisations.models import LabelLevel

register = template.Library()


@register.inclusion_tag("organisations/_label_badge.html")
def label_badge(level: str | None, valid_until=None):
    name = LabelLevel(level).label if level in LabelLevel.values else ""
    return {"level": level if name else "", "name": name, "valid_until": valid_until}
