import subprocess
import sys
from decimal import Decimal

import pytest

from clusterbridge.callrules import eligibility as e
from clusterbridge.callrules.eligibility import AgencyRules, Failure, Partner


def partner(**overrides):
    values = {
        "key": "p1",
        "agency": "A",
        "kind": "sme",
        "country": "FR",
        "region": "FR10",
        "budget": Decimal(100_000),
        "grant": Decimal(50_000),
    }
    values.update(overrides)
    return Partner(**values)


def test_importing_the_package_does_not_import_django():
    code = "import sys, clusterbridge.callrules; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_rules_means_eligible():
    assert e.check_partner(partner(), AgencyRules()) == []


def test_kind_rule():
    rules = AgencyRules(beneficiary_kinds=frozenset({"cluster", "rto"}))
    assert e.check_partner(partner(kind="cluster"), rules) == []
    assert e.check_partner(partner(kind="sme"), rules) == [
        Failure(e.KIND_NOT_ELIGIBLE, {"kind": "sme", "allowed": ["cluster", "rto"]})
    ]


def test_country_rule_is_case_insensitive_on_the_partner():
    rules = AgencyRules(countries=frozenset({"DE", "FR"}))
    assert e.check_partner(partner(country="fr"), rules) == []
    assert e.check_partner(partner(country="IT"), rules) == [
        Failure(e.COUNTRY_NOT_ELIGIBLE, {"country": "IT", "allowed": ["DE", "FR"]})
    ]


@pytest.mark.parametrize(
    ("region", "eligible"),
    [("FR10", True), ("FR1", True), ("FR101", True), ("FR2", False), ("", False), ("DE1", False)],
)
def test_region_rule_contains_sub_regions(region, eligible):
    rules = AgencyRules(regions=frozenset({"FR1"}))
    failures = e.check_partner(partner(region=region), rules)
    assert failures == (
        [] if eligible else [Failure(e.REGION_NOT_ELIGIBLE, {"region": region, "allowed": ["FR1"]})]
    )


def test_missing_budget_is_the_only_budget_failure():
    rules = AgencyRules(min_budget=Decimal(10), funding_rate=Decimal(50))
    assert e.check_partner(partner(budget=Decimal(0), grant=Decimal(0)), rules) == [
        Failure(e.BUDGET_MISSING, {})
    ]


def test_budget_limits():
    rules = AgencyRules(min_budget=Decimal(20_000), max_budget=Decimal(80_000))
    assert e.check_partner(partner(budget=Decimal(20_000), grant=Decimal(0)), rules) == []
    assert e.check_partner(partner(budget=Decimal(80_000), grant=Decimal(0)), rules) == []
    assert e.check_partner(partner(budget=Decimal(19_999), grant=Decimal(0)), rules) == [
        Failure(e.BUDGET_BELOW_MINIMUM, {"budget": Decimal(19_999), "minimum": Decimal(20_000)})
    ]
    assert e.check_partner(partner(budget=Decimal(80_001), grant=Decimal(0)), rules) == [
        Failure(e.BUDGET_ABOVE_MAXIMUM, {"budget": Decimal(80_001), "maximum": Decimal(80_000)})
    ]


def test_grant_above_budget():
    assert e.check_partner(partner(budget=Decimal(10), grant=Decimal(11)), AgencyRules()) == [
        Failure(e.GRANT_ABOVE_BUDGET, {"grant": Decimal(11), "budget": Decimal(10)})
    ]


def test_max_grant_is_inclusive():
    rules = AgencyRules(max_grant=Decimal(50_000))
    assert e.check_partner(partner(grant=Decimal(50_000)), rules) == []
    assert e.check_partner(partner(grant=Decimal("50000.01")), rules) == [
        Failure(e.GRANT_ABOVE_MAXIMUM, {"grant": Decimal("50000.01"), "maximum": Decimal(50_000)})
    ]


def test_funding_rate_exact_comparison():
    rules = AgencyRules(funding_rate=Decimal(70))
    assert e.check_partner(partner(budget=Decimal(3), grant=Decimal("2.1")), rules) == []
    # 2.11 / 3 = 70.33 % > 70 %
    assert e.check_partner(partner(budget=Decimal(3), grant=Decimal("2.11")), rules) == [
        Failure(e.FUNDING_RATE_EXCEEDED, {"rate": Decimal("70.33"), "maximum": Decimal(70)})
    ]


def test_every_failing_rule_is_returned_in_order():
    rules = AgencyRules(
        beneficiary_kinds=frozenset({"cluster"}),
        countries=frozenset({"DE"}),
        regions=frozenset({"DE1"}),
        max_grant=Decimal(10_000),
        funding_rate=Decimal(50),
        max_budget=Decimal(50_000),
    )
    codes = [failure.code for failure in e.check_partner(partner(), rules)]
    assert codes == [
        e.KIND_NOT_ELIGIBLE,
        e.COUNTRY_NOT_ELIGIBLE,
        e.REGION_NOT_ELIGIBLE,
        e.BUDGET_ABOVE_MAXIMUM,
        e.GRANT_ABOVE_MAXIMUM,
    ]  # 50 % exactly is allowed


def test_check_proposal_per_partner_and_agency():
    rules = {
        "A": AgencyRules(beneficiary_kinds=frozenset({"sme"}), call_budget=Decimal(60_000)),
        "B": AgencyRules(countries=frozenset({"DE"})),
    }
    partners = [
        partner(key=1, agency="A"),
        partner(key=2, agency="A", grant=Decimal(20_000)),
        partner(key=3, agency="B", country="DE"),
        partner(key=4, agency="C"),
    ]
    result = e.check_proposal(partners, rules)
    assert result.partners == {
        1: [],
        2: [],
        3: [],
        4: [Failure(e.AGENCY_NOT_PARTICIPATING, {"agency": "C"})],
    }
    assert result.agencies == {
        "A": [
            Failure(
                e.AGENCY_BUDGET_EXCEEDED, {"requested": Decimal(70_000), "budget": Decimal(60_000)}
            )
        ],
        "B": [],
    }
    assert not result.eligible
    assert result.failure_count == 2


def test_check_proposal_eligible():
    result = e.check_proposal([partner()], {"A": AgencyRules(call_budget=Decimal(50_000))})
    assert result.eligible
    assert result.failure_count == 0


def test_funding_rate_helper():
    assert e.funding_rate(Decimal(1), Decimal(3)) == Decimal("33.33")
    assert e.funding_rate(Decimal(1), Decimal(0)) == Decimal(0)


def test_codes_are_unique():
    assert len(set(e.CODES)) == len(e.CODES)
