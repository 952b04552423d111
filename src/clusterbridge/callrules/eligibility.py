"""Eligibility of a proposal's partners, each against the rules of the agency that would fund it.

In a joint call every participating agency keeps its own rules (the TACTICS "Innovation Express"
model): which kinds of beneficiary it funds, in which countries or regions, the maximum grant
per beneficiary, the funding rate and the budget a partner may declare. :func:`check_partner`
returns *every* rule a partner fails — never only the first — as :class:`Failure` values, a
stable ``code`` plus the parameters the application needs to say it in plain words (the words
themselves, translated, live in the app). :func:`check_proposal` checks all partners and the
proposal-level rules (each partner tied to a participating agency, an agency's share of the
proposal within its budget for the call).

Amounts are :class:`~decimal.Decimal` (or ``int``) in the call's currency; rates are percentages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# Failure codes (stable: the app maps each to a sentence, the API returns them as they are).
KIND_NOT_ELIGIBLE = "kind_not_eligible"
COUNTRY_NOT_ELIGIBLE = "country_not_eligible"
REGION_NOT_ELIGIBLE = "region_not_eligible"
BUDGET_MISSING = "budget_missing"
BUDGET_BELOW_MINIMUM = "budget_below_minimum"
BUDGET_ABOVE_MAXIMUM = "budget_above_maximum"
GRANT_ABOVE_BUDGET = "grant_above_budget"
GRANT_ABOVE_MAXIMUM = "grant_above_maximum"
FUNDING_RATE_EXCEEDED = "funding_rate_exceeded"
AGENCY_NOT_PARTICIPATING = "agency_not_participating"
AGENCY_BUDGET_EXCEEDED = "agency_budget_exceeded"

CODES = (
    KIND_NOT_ELIGIBLE,
    COUNTRY_NOT_ELIGIBLE,
    REGION_NOT_ELIGIBLE,
    BUDGET_MISSING,
    BUDGET_BELOW_MINIMUM,
    BUDGET_ABOVE_MAXIMUM,
    GRANT_ABOVE_BUDGET,
    GRANT_ABOVE_MAXIMUM,
    FUNDING_RATE_EXCEEDED,
    AGENCY_NOT_PARTICIPATING,
    AGENCY_BUDGET_EXCEEDED,
)

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Failure:
    """One failed rule: a stable code and the values to explain it."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class AgencyRules:
    """One agency's rules; an empty set or ``None`` means "no restriction".

    ``regions`` are NUTS codes: a partner in ``FR10`` is inside the rule ``FR1`` (a region
    contains every code that starts with its own). When both ``countries`` and ``regions`` are
    given a partner must satisfy both.
    """

    beneficiary_kinds: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    max_grant: Decimal | None = None
    funding_rate: Decimal | None = None  # maximum grant / budget, in percent
    min_budget: Decimal | None = None
    max_budget: Decimal | None = None
    call_budget: Decimal | None = None  # the agency's budget for the whole call


@dataclass(frozen=True)
class Partner:
    """A partner of a proposal as the rules see it."""

    key: object
    agency: object
    kind: str
    country: str
    region: str = ""  # NUTS code, "" if unknown
    budget: Decimal = Decimal(0)  # the partner's total eligible cost
    grant: Decimal = Decimal(0)  # the grant it requests from its agency


def _sorted(values: Iterable[str]) -> list[str]:
    return sorted(values)


def check_kind(partner: Partner, rules: AgencyRules) -> list[Failure]:
    if rules.beneficiary_kinds and partner.kind not in rules.beneficiary_kinds:
        return [
            Failure(
                KIND_NOT_ELIGIBLE,
                {"kind": partner.kind, "allowed": _sorted(rules.beneficiary_kinds)},
            )
        ]
    return []


def check_country(partner: Partner, rules: AgencyRules) -> list[Failure]:
    if rules.countries and partner.country.upper() not in rules.countries:
        return [
            Failure(
                COUNTRY_NOT_ELIGIBLE,
                {"country": partner.country.upper(), "allowed": _sorted(rules.countries)},
            )
        ]
    return []


def region_within(region: str, allowed: Iterable[str]) -> bool:
    """Whether NUTS code ``region`` lies in one of ``allowed`` (same code or a sub-region)."""
    region = region.upper()
    return bool(region) and any(region.startswith(code.upper()) for code in allowed)


def check_region(partner: Partner, rules: AgencyRules) -> list[Failure]:
    if rules.regions and not region_within(partner.region, rules.regions):
        return [
            Failure(
                REGION_NOT_ELIGIBLE,
                {"region": partner.region.upper(), "allowed": _sorted(rules.regions)},
            )
        ]
    return []


def check_budget(partner: Partner, rules: AgencyRules) -> list[Failure]:
    budget, grant = Decimal(partner.budget), Decimal(partner.grant)
    if budget <= 0:
        return [Failure(BUDGET_MISSING, {})]
    failures = []
    if rules.min_budget is not None and budget < rules.min_budget:
        failures.append(
            Failure(BUDGET_BELOW_MINIMUM, {"budget": budget, "minimum": Decimal(rules.min_budget)})
        )
    if rules.max_budget is not None and budget > rules.max_budget:
        failures.append(
            Failure(BUDGET_ABOVE_MAXIMUM, {"budget": budget, "maximum": Decimal(rules.max_budget)})
        )
    if grant > budget:
        failures.append(Failure(GRANT_ABOVE_BUDGET, {"grant": grant, "budget": budget}))
    return failures


def check_grant(partner: Partner, rules: AgencyRules) -> list[Failure]:
    grant = Decimal(partner.grant)
    if rules.max_grant is not None and grant > rules.max_grant:
        return [Failure(GRANT_ABOVE_MAXIMUM, {"grant": grant, "maximum": Decimal(rules.max_grant)})]
    return []


def funding_rate(grant: Decimal, budget: Decimal) -> Decimal:
    """The grant as a percentage of the budget, rounded to two decimals (0 without budget)."""
    if budget <= 0:
        return Decimal(0)
    return (Decimal(grant) * HUNDRED / Decimal(budget)).quantize(Decimal("0.01"))


def check_funding_rate(partner: Partner, rules: AgencyRules) -> list[Failure]:
    budget, grant = Decimal(partner.budget), Decimal(partner.grant)
    if rules.funding_rate is None or budget <= 0:
        return []
    # Exact comparison (grant / budget > rate / 100) without rounding.
    if grant * HUNDRED > Decimal(rules.funding_rate) * budget:
        return [
            Failure(
                FUNDING_RATE_EXCEEDED,
                {"rate": funding_rate(grant, budget), "maximum": Decimal(rules.funding_rate)},
            )
        ]
    return []


PARTNER_CHECKS = (
    check_kind,
    check_country,
    check_region,
    check_budget,
    check_grant,
    check_funding_rate,
)


def check_partner(partner: Partner, rules: AgencyRules) -> list[Failure]:
    """Every rule of ``rules`` that ``partner`` fails, in a fixed order ([] if eligible)."""
    failures: list[Failure] = []
    for check in PARTNER_CHECKS:
        failures.extend(check(partner, rules))
    return failures


@dataclass(frozen=True)
class ProposalCheck:
    partners: Mapping[object, Sequence[Failure]]  # partner key -> its failures
    agencies: Mapping[object, Sequence[Failure]]  # agency -> proposal-level failures

    @property
    def eligible(self) -> bool:
        return not any(self.partners.values()) and not any(self.agencies.values())

    @property
    def failure_count(self) -> int:
        return sum(map(len, self.partners.values())) + sum(map(len, self.agencies.values()))


def check_proposal(
    partners: Sequence[Partner], rules: Mapping[object, AgencyRules]
) -> ProposalCheck:
    """Each partner against its agency's rules, then each agency's share of the proposal."""
    by_partner: dict[object, list[Failure]] = {}
    requested: dict[object, Decimal] = {}
    for partner in partners:
        agency_rules = rules.get(partner.agency)
        if agency_rules is None:
            by_partner[partner.key] = [
                Failure(AGENCY_NOT_PARTICIPATING, {"agency": partner.agency})
            ]
            continue
        by_partner[partner.key] = check_partner(partner, agency_rules)
        requested[partner.agency] = requested.get(partner.agency, Decimal(0)) + Decimal(
            partner.grant
        )
    by_agency: dict[object, list[Failure]] = {}
    for agency, total in requested.items():
        budget = rules[agency].call_budget
        by_agency[agency] = (
            [Failure(AGENCY_BUDGET_EXCEEDED, {"requested": total, "budget": Decimal(budget)})]
            if budget is not None and total > budget
            else []
        )
    return ProposalCheck(partners=by_partner, agencies=by_agency)
