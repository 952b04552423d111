from decimal import Decimal

import pytest

from clusterbridge.callrules.cascade import (
    NO_BUDGET,
    SME_SHARE_TOO_LOW,
    BudgetLine,
    check_sme_share,
    sme_share,
)
from clusterbridge.callrules.eligibility import Failure


def lines(*pairs):
    return [BudgetLine(amount=Decimal(amount), to_sme=to_sme) for amount, to_sme in pairs]


def test_exactly_75_percent_passes():
    assert check_sme_share(lines((75, True), (25, False))) == []


def test_just_below_75_percent_fails():
    assert check_sme_share(lines((Decimal("74.99"), True), (Decimal("25.01"), False))) == [
        Failure(
            SME_SHARE_TOO_LOW,
            {
                "share": Decimal("74.99"),
                "minimum": Decimal(75),
                "to_smes": Decimal("74.99"),
                "total": Decimal(100),
            },
        )
    ]


def test_share_rounding_never_hides_a_failure():
    # 2 / 3 = 66.67 %; 749999 / 1000000 -> 75.00 % rounded but below 75 % exactly
    failures = check_sme_share(lines((749_999, True), (250_001, False)))
    assert [f.code for f in failures] == [SME_SHARE_TOO_LOW]
    assert failures[0].params["share"] == Decimal("75.00")
    assert sme_share(lines((2, True), (1, False))) == Decimal("66.67")


def test_no_budget():
    assert check_sme_share([]) == [Failure(NO_BUDGET, {})]
    assert check_sme_share(lines((0, True))) == [Failure(NO_BUDGET, {})]
    assert sme_share([]) == Decimal(0)


def test_custom_minimum():
    assert check_sme_share(lines((60, True), (40, False)), minimum=Decimal(60)) == []


def test_negative_lines_are_refused():
    with pytest.raises(ValueError, match="negative"):
        check_sme_share(lines((-1, True), (10, True)))
