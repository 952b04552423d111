"""The organisations app's words for the reasons of the matching package (``matching.text.
Reason``: a code and codes as parameters), in the active language. The marketplace and events
use them too (they may import this app)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from clusterbridge.organisations.models import CooperationInterest
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology

MAX_NAMES = 3
# Which taxonomy a reason parameter names.
TAXONOMY_OF = {
    "sectors": ClusterCategory,
    "technologies": Technology,
    "ecosystems": IndustrialEcosystem,
}


def names(values: Iterable[str], labels: Mapping[str, str]) -> str:
    """ "A, B, C and 2 more": the names of ``values``, sorted, at most three spelled out."""
    shown = sorted(str(labels.get(v, v)) for v in values)
    extra = len(shown) - MAX_NAMES
    if extra > 0:
        return ngettext("{names} and {count} more", "{names} and {count} more", extra).format(
            names=", ".join(shown[:MAX_NAMES]), count=extra
        )
    return ", ".join(shown)


def country_name(code: str) -> str:
    return str(dict(countries).get(code, code))


def taxonomy_labels(reasons: Iterable) -> dict[str, dict[str, str]]:
    """{"sectors": {code: name in the active language}, …} for every code the reasons name:
    one query per taxonomy named."""
    wanted: dict[str, set[str]] = {}
    for reason in reasons:
        params = getattr(reason, "params", {})
        for name in TAXONOMY_OF:
            values = params.get(name) or (params.get("codes") if reason.code == name else None)
            if values:
                wanted.setdefault(name, set()).update(values)
    return {
        name: {
            row.code: row.display_name for row in TAXONOMY_OF[name].objects.filter(code__in=codes)
        }
        for name, codes in wanted.items()
    }


def reason_text(reason, labels: Mapping[str, Mapping[str, str]]) -> str:
    """One reason as a sentence in the active language (a plain string is shown as it is)."""
    code = getattr(reason, "code", None)
    if code is None:
        return str(reason)
    p = reason.params
    sectors, technologies = labels.get("sectors", {}), labels.get("technologies", {})

    def shared() -> str:
        return names(
            [sectors.get(c, c) for c in p.get("sectors", ())]
            + [technologies.get(c, c) for c in p.get("technologies", ())],
            {},
        )

    if code == "sectors":
        return _("Shares sectors: {names}").format(names=names(p["codes"], sectors))
    if code == "technologies":
        return _("Shares technologies: {names}").format(names=names(p["codes"], technologies))
    if code == "ecosystems":
        return _("Same industrial ecosystems: {names}").format(
            names=names(p["codes"], labels.get("ecosystems", {}))
        )
    if code == "keywords":
        return _("Common keywords: {words}").format(words=names(p["words"], {}))
    if code == "abroad":
        return _("A potential partner abroad ({country})").format(
            country=country_name(p["country"])
        )
    if code == "answers_post":
        return _("Answers your post “{title}” on {names}").format(title=p["title"], names=shared())
    if code == "fits_profile":
        return _("Fits your profile: {names}").format(names=shared())
    if code == "targets_country":
        return _("Looks for partners in {country}").format(country=country_name(p["country"]))
    if code == "cooperation_country":
        return _("From {country}, a country you want to cooperate with").format(
            country=country_name(p["country"])
        )
    if code == "interests":
        return _("Serves your cooperation interests: {names}").format(
            names=names(p["interests"], dict(CooperationInterest.choices))
        )
    if code == "country_of_interest":
        return _("From {country}, a country you look at").format(country=country_name(p["country"]))
    if code == "offers_sought":
        return _("Offers what you seek: {words}").format(words=", ".join(p["words"]))
    return str(reason)


def reason_texts(items: list[tuple[object, Iterable]]) -> list[tuple[object, list[str]]]:
    """[(thing, reasons)] → [(thing, sentences)], with one query per taxonomy named."""
    labels = taxonomy_labels(reason for _thing, reasons in items for reason in reasons)
    return [(thing, [reason_text(r, labels) for r in reasons]) for thing, reasons in items]
