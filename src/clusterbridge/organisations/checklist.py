"""The cluster-organisation checklist, computed from the profile (no database access).

Its texts are produced in the active language when the checklist is computed (per request)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIN_MANAGEMENT_FTE = 0.5
MIN_MEMBERS = 15
MIN_MEMBER_KINDS = 2


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    passed: bool | None  # None: not known yet (the website has not been checked)
    detail: str


@dataclass(frozen=True)
class Checklist:
    items: list[ChecklistItem]
    exempt: bool
    exemption: str

    @property
    def complete(self) -> bool:
        return self.exempt or all(item.passed for item in self.items)


def _number(value: float) -> str:
    """2 → "2", 0.5 → "0.5" (or "0,5"): no trailing zeros, the locale's decimal separator."""
    return formats.number_format(Decimal(f"{value:g}"))


def _website(organisation) -> ChecklistItem:
    label = _("An active website")
    if not organisation.website:
        return ChecklistItem(label, False, _("No website given."))
    if organisation.website_active is None:
        return ChecklistItem(label, None, _("Not checked yet."))
    checked = organisation.website_checked_at
    when = formats.date_format(checked, "SHORT_DATE_FORMAT") if checked else ""
    if organisation.website_active:
        detail = _("Answered when checked {date}").format(date=when) if when else _("Answered")
    else:
        detail = (
            _("Did not answer when checked {date}").format(date=when)
            if when
            else _("Did not answer")
        )
    return ChecklistItem(label, organisation.website_active, detail)


def cluster_checklist(organisation) -> Checklist:
    fte = float(organisation.management_fte or 0)
    counts = organisation.member_counts
    total = sum(counts.values())
    kinds = sum(1 for n in counts.values() if n > 0)
    items = [
        ChecklistItem(
            _("Management team of at least {fte} FTE").format(fte=_number(MIN_MANAGEMENT_FTE)),
            fte >= MIN_MANAGEMENT_FTE,
            _("{fte} FTE").format(fte=_number(fte)),
        ),
        ChecklistItem(
            _("At least {count} members").format(count=MIN_MEMBERS),
            total >= MIN_MEMBERS,
            ngettext("{count} member", "{count} members", total).format(count=total),
        ),
        ChecklistItem(
            _("At least {count} kinds of members").format(count=MIN_MEMBER_KINDS),
            kinds >= MIN_MEMBER_KINDS,
            ngettext("{count} kind", "{count} kinds", kinds).format(count=kinds),
        ),
        _website(organisation),
    ]
    programme = (organisation.support_programme or "").strip()
    return Checklist(
        items=items,
        exempt=bool(programme),
        exemption=_("Exempt as a member of the support programme “{programme}”.").format(
            programme=programme
        )
        if programme
        else "",
    )
