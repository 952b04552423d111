"""Template filters of the observatory: figures and stars as people read them."""

from django import template

from clusterbridge.observatory.legend import format_value, signed_percent
from clusterbridge.observatory.legend import star_names as legend_star_names

register = template.Library()


@register.filter
def figure(value, measure: str = "employment") -> str:
    return format_value(value, measure)


@register.filter
def measure_of(row, measure: str) -> str:
    return format_value(row.value(measure), measure)


@register.filter
def signed(value) -> str:
    return signed_percent(value)


@register.filter
def star_marks(indicator) -> str:
    """ "★★" for two stars, "" for none."""
    return "★" * (indicator.stars if indicator else 0)


@register.filter
def star_names(indicator) -> str:
    return legend_star_names(indicator)
