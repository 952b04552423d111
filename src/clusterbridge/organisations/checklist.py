"""The cluster-organisation checklist, computed from the profile (no database access)."""

from __future__ import annotations

from dataclasses import dataclass

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


def cluster_checklist(organisation) -> Checklist:
    fte = float(organisation.management_fte or 0)
    counts = organisation.member_counts
    total = sum(counts.values())
    kinds = sum(1 for n in counts.values() if n > 0)
    if not organisation.website:
        website = ChecklistItem("An active website", False, "No website given.")
    elif organisation.website_active is None:
        website = ChecklistItem("An active website", None, "Not checked yet.")
    else:
        checked = (
            f"{organisation.website_checked_at:%d %b %Y}" if organisation.website_checked_at else ""
        )
        website = ChecklistItem(
            "An active website",
            organisation.website_active,
            f"{'Answered' if organisation.website_active else 'Did not answer'} when checked {checked}".strip(),
        )
    items = [
        ChecklistItem(
            f"Management team of at least {MIN_MANAGEMENT_FTE} FTE",
            fte >= MIN_MANAGEMENT_FTE,
            f"{fte:g} FTE",
        ),
        ChecklistItem(f"At least {MIN_MEMBERS} members", total >= MIN_MEMBERS, f"{total} members"),
        ChecklistItem(
            f"At least {MIN_MEMBER_KINDS} kinds of members",
            kinds >= MIN_MEMBER_KINDS,
            f"{kinds} kind{'s' if kinds != 1 else ''}",
        ),
        website,
    ]
    programme = (organisation.support_programme or "").strip()
    return Checklist(
        items=items,
        exempt=bool(programme),
        exemption=f"Exempt as a member of the support programme “{programme}”."
        if programme
        else "",
    )
