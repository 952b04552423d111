"""The classes of the choropleth: which colour each region gets, and the legend.

Location quotients have fixed classes around 1 (below half, …, 2 and more: specialised); stars
are their own classes (0–4); the other measures are split in quintiles of the values shown.
The colours are CSS (``observatory.css``, classes ``q0``…``q4`` of a ``diverging`` or
``sequential`` palette); the map's script reads them from the legend, so both always match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterbridge.common.numbers import NumberFormatter

LQ_BREAKS = (0.5, 0.8, 1.25, 2.0)
CLASSES = 5


@dataclass(frozen=True)
class LegendItem:
    index: int
    label: str


@dataclass(frozen=True)
class Legend:
    palette: str  # "diverging" or "sequential"
    items: list[LegendItem]
    breaks: tuple[float, ...]

    def class_of(self, value) -> int | None:
        if value is None:
            return None
        if self.palette == "stars":
            return int(value)
        for index, limit in enumerate(self.breaks):
            if value < limit:
                return index
        return len(self.breaks)


class Figures:
    """``format_value`` for a whole table: the language's separators and wording looked up once
    (build one per table, in the language the page is rendered in)."""

    __slots__ = ("number", "percent")

    def __init__(self):
        self.number = NumberFormatter().format
        self.percent = _("%(value)s %%")

    def __call__(self, value, measure: str) -> str:
        if value is None or value == "":
            return "—"
        number = self.number
        # number_format cuts decimals off; round first (1.4999999 is 1.50).
        if measure == "lq":
            return number(round(value, 2), 2)
        if measure == "share":
            return self.percent % {"value": number(round(value * 100, 2), 2)}
        if measure == "stars":
            return number(int(value))
        return number(round(value), 0, force_grouping=True)


def format_value(value, measure: str, figures: Figures | None = None) -> str:
    """A figure as people read it, in the active language ("—" for none). Tables pass one
    ``figures`` for all their cells."""
    return (figures or Figures())(value, measure)


def signed_percent(value: float | None) -> str:
    """+3.2 % / −1.0 %, in the active language."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return _("%(value)s %%") % {"value": sign + number_format(round(abs(value), 1), 1)}


def _range(low, high, measure) -> str:
    return _("%(low)s to %(high)s") % {
        "low": format_value(low, measure),
        "high": format_value(high, measure),
    }


def quantile_breaks(values: list[float], classes: int = CLASSES) -> tuple[float, ...]:
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return ()
    breaks = []
    for k in range(1, classes):
        at = ordered[min(len(ordered) - 1, round(k * len(ordered) / classes))]
        if not breaks or at > breaks[-1]:
            breaks.append(at)
    return tuple(breaks)


def legend_for(measure: str, values: list[float]) -> Legend:
    if measure == "stars":
        items = [
            LegendItem(
                n,
                _("no star") if n == 0 else ngettext("%(n)s star", "%(n)s stars", n) % {"n": n},
            )
            for n in range(5)
        ]
        return Legend(palette="stars", items=items, breaks=(1, 2, 3, 4))
    if measure == "lq":
        breaks = LQ_BREAKS
        palette = "diverging"
    else:
        breaks = quantile_breaks(values)
        palette = "sequential"
    edges = [None, *breaks, None]
    items = []
    for index in range(len(breaks) + 1):
        low, high = edges[index], edges[index + 1]
        if low is None and high is None:
            label = _("all regions")
        elif low is None:
            label = _("below %(value)s") % {"value": format_value(high, measure)}
        elif high is None:
            label = _("%(value)s and more") % {"value": format_value(low, measure)}
        else:
            label = _range(low, high, measure)
        items.append(LegendItem(index, label))
    return Legend(palette=palette, items=items, breaks=tuple(breaks))


def star_names(indicator) -> str:
    """The stars a region has, by name: "size, specialisation"."""
    if indicator is None:
        return ""
    names = []
    if indicator.size_star:
        names.append(_("size"))
    if indicator.specialisation_star:
        names.append(_("specialisation"))
    if indicator.focus_star:
        names.append(_("focus"))
    if indicator.productivity_star:
        names.append(_("productivity"))
    return ", ".join(names)
