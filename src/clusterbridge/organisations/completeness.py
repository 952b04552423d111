"""How complete a profile is: what a visitor looking for a partner would miss.

Each item is something people use when they search or decide to get in touch; the share is
items present / items that apply (member counts only for kinds that have members).
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from clusterbridge.organisations.models import Organisation

ITEMS = (
    ("description", _("A description of at least 300 characters"),
     lambda o: len(o.description or "") >= 300),
    ("logo", _("A logo"), lambda o: bool(o.logo)),
    ("website", _("The website"), lambda o: bool(o.website)),
    ("region", _("The region (NUTS 2) and city"), lambda o: bool(o.nuts_region_id and o.city)),
    ("pin", _("A pin on the map"), lambda o: o.has_coordinates),
    ("sectors", _("At least one sector"), lambda o: bool(o.sectors.all())),
    ("technologies", _("Technologies or technology keywords"),
     lambda o: bool(o.technologies.all() or o.technology_keywords)),
    ("interests", _("Cooperation interests"), lambda o: bool(o.cooperation_interests)),
    ("members", _("The number of members"), lambda o: o.members_total > 0),
    ("contact", _("A contact person"), lambda o: bool(o.contacts.all())),
)  # fmt: skip


class Completeness(NamedTuple):
    percent: int
    missing: tuple[str, ...]  # the labels of the items still missing, in the reader's language


def profile_completeness(organisation: Organisation) -> Completeness:
    """Reads the sectors, technologies and contacts (prefetch them for lists)."""
    applicable = [item for item in ITEMS if item[0] != "members" or organisation.has_members]
    missing = tuple(str(label) for _key, label, present in applicable if not present(organisation))
    percent = round(100 * (len(applicable) - len(missing)) / len(applicable))
    return Completeness(percent=percent, missing=missing)
