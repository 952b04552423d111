"""Cascade funding: a funded partnership re-grants to SMEs, at least 75 % of the budget.

:func:`check_sme_share` takes the sub-call's budget lines (who receives the money, whether the
recipient is an SME, how much) and returns the failures, as :mod:`.eligibility` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .eligibility import Failure

MIN_SME_SHARE = Decimal(75)  # percent of the budget
SME_SHARE_TOO_LOW = "sme_share_too_low"
NO_BUDGET = "cascade_budget_missing"


@dataclass(frozen=True)
class BudgetLine:
    amount: Decimal
    to_sme: bool


def sme_share(lines: Iterable[BudgetLine]) -> Decimal:
    """The SMEs' share of the total, in percent, rounded to two decimals (0 if no budget)."""
    lines = list(lines)
    total = sum((Decimal(line.amount) for line in lines), Decimal(0))
    if total <= 0:
        return Decimal(0)
    to_smes = sum((Decimal(line.amount) for line in lines if line.to_sme), Decimal(0))
    return (to_smes * 100 / total).quantize(Decimal("0.01"))


def check_sme_share(lines: Iterable[BudgetLine], minimum: Decimal = MIN_SME_SHARE) -> list[Failure]:
    """[] when SMEs receive at least ``minimum`` percent of the budget (exact comparison)."""
    lines = list(lines)
    if any(Decimal(line.amount) < 0 for line in lines):
        raise ValueError("budget lines cannot be negative")
    total = sum((Decimal(line.amount) for line in lines), Decimal(0))
    if total <= 0:
        return [Failure(NO_BUDGET, {})]
    to_smes = sum((Decimal(line.amount) for line in lines if line.to_sme), Decimal(0))
    if to_smes * 100 < Decimal(minimum) * total:
        return [
            Failure(
                SME_SHARE_TOO_LOW,
                {
                    "share": sme_share(lines),
                    "minimum": Decimal(minimum),
                    "to_smes": to_smes,
                    "total": total,
                },
            )
        ]
    return []
