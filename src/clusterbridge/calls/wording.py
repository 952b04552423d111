"""The eligibility failures of ``callrules`` (codes with parameters) said in plain words, in
the reader's language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries

from clusterbridge import callrules
from clusterbridge.callrules import eligibility as codes
from clusterbridge.callrules import evaluation
from clusterbridge.organisations.models import OrganisationKind


def euros(amount) -> str:
    return _("{amount} €").format(
        amount=number_format(Decimal(amount), decimal_pos=0, use_l10n=True, force_grouping=True)
    )


def percent(rate) -> str:
    return _("{rate} %").format(rate=number_format(Decimal(rate).normalize(), use_l10n=True))


def kind_label(kind: str) -> str:
    return str(OrganisationKind(kind).label) if kind in OrganisationKind.values else kind


def _list(values) -> str:
    return ", ".join(values)


def kinds(values) -> str:
    return _list(kind_label(k) for k in values)


def country_names(values) -> str:
    return _list(str(countries.name(code) or code) for code in values)


def failure(failure: callrules.Failure, *, agency_name: str = "") -> str:
    """One failed rule as a sentence."""
    p = failure.params
    code = failure.code
    if code == codes.KIND_NOT_ELIGIBLE:
        return _("{agency} funds only: {allowed}; this partner is “{kind}”.").format(
            agency=agency_name, allowed=kinds(p["allowed"]), kind=kind_label(p["kind"])
        )
    if code == codes.COUNTRY_NOT_ELIGIBLE:
        return _("{agency} funds only partners in {allowed}; this partner is in {country}.").format(
            agency=agency_name,
            allowed=country_names(p["allowed"]),
            country=country_names([p["country"]]),
        )
    if code == codes.REGION_NOT_ELIGIBLE:
        if p["region"]:
            return _(
                "{agency} funds only partners in the regions {allowed}; this partner is in {region}."
            ).format(agency=agency_name, allowed=_list(p["allowed"]), region=p["region"])
        return _(
            "{agency} funds only partners in the regions {allowed}; this partner's profile has no region."
        ).format(agency=agency_name, allowed=_list(p["allowed"]))
    if code == codes.BUDGET_MISSING:
        return _("The partner's budget is missing: give its total eligible cost.")
    if code == codes.BUDGET_BELOW_MINIMUM:
        return _("The budget of {budget} is below the minimum of {minimum}.").format(
            budget=euros(p["budget"]), minimum=euros(p["minimum"])
        )
    if code == codes.BUDGET_ABOVE_MAXIMUM:
        return _("The budget of {budget} is above the maximum of {maximum}.").format(
            budget=euros(p["budget"]), maximum=euros(p["maximum"])
        )
    if code == codes.GRANT_ABOVE_BUDGET:
        return _("The requested grant of {grant} is more than the budget of {budget}.").format(
            grant=euros(p["grant"]), budget=euros(p["budget"])
        )
    if code == codes.GRANT_ABOVE_MAXIMUM:
        return _(
            "The requested grant of {grant} is above {agency}'s maximum of {maximum} per beneficiary."
        ).format(grant=euros(p["grant"]), agency=agency_name, maximum=euros(p["maximum"]))
    if code == codes.FUNDING_RATE_EXCEEDED:
        return _("The grant is {rate} of the budget; {agency} funds at most {maximum}.").format(
            rate=percent(p["rate"]), agency=agency_name, maximum=percent(p["maximum"])
        )
    if code == codes.AGENCY_NOT_PARTICIPATING:
        return _("This partner's agency does not take part in the call.")
    if code == codes.AGENCY_BUDGET_EXCEEDED:
        return _(
            "The proposal asks {agency} for {requested}, more than its budget of {budget} for the call."
        ).format(agency=agency_name, requested=euros(p["requested"]), budget=euros(p["budget"]))
    return code  # a code added to callrules but not worded yet stays visible, never hidden


def rules_in_words(agency) -> list[str]:
    """An agency's rules (a CallAgency) as sentences for the call's page."""
    lines = []
    if agency.beneficiary_kinds:
        lines.append(_("Funds: {kinds}.").format(kinds=kinds(agency.beneficiary_kinds)))
    else:
        lines.append(_("Funds any kind of organisation."))
    if agency.countries:
        lines.append(
            _("Partners in: {countries}.").format(
                countries=_list(str(c.name) for c in agency.countries)
            )
        )
    if agency.regions:
        lines.append(_("Regions (NUTS): {regions}.").format(regions=_list(agency.regions)))
    if agency.max_grant_eur is not None:
        lines.append(
            _("At most {amount} per beneficiary.").format(amount=euros(agency.max_grant_eur))
        )
    if agency.funding_rate is not None:
        lines.append(
            _("Grants up to {rate} of a partner's budget.").format(
                rate=percent(agency.funding_rate)
            )
        )
    lines.append(_("Budget for the call: {amount}.").format(amount=euros(agency.budget_eur)))
    return lines


def conflict(code: str, organisation_name: str, *, who: str) -> str:
    """A conflict of interest of ``callrules.evaluation.conflicts``, in words."""
    if code == evaluation.CONSORTIUM_MEMBER:
        return _(
            "{who} cannot review this proposal: they belong to {organisation}, an organisation "
            "of the consortium."
        ).format(who=who, organisation=organisation_name)
    return _(
        "{who} cannot review this proposal: they belong to {organisation}, the call's agency of "
        "a consortium partner's country, and the call excludes such reviewers."
    ).format(who=who, organisation=organisation_name)
