"""Plain-Python rules of funding calls (no Django import; a test asserts it).

- :mod:`.eligibility` — each partner of a proposal against its own agency's rules, every
  failing rule returned as a code with parameters (the app says it in words).
- :mod:`.funding` — the funding decision: the proposals that maximise the total score (or
  their number) within every agency's budget, exact (OR-Tools CP-SAT).
- :mod:`.evaluation` — weighted scores, reviewers' averages, the ranking, and the
  conflict-of-interest rule for reviewers.
- :mod:`.cascade` — the ≥ 75 % SME share of a cascade-funding sub-call.
"""

from .cascade import MIN_SME_SHARE, SME_SHARE_TOO_LOW, BudgetLine, check_sme_share, sme_share
from .eligibility import (
    CODES,
    AgencyRules,
    Failure,
    Partner,
    ProposalCheck,
    check_partner,
    check_proposal,
    funding_rate,
    region_within,
)
from .evaluation import (
    Affiliation,
    Criterion,
    average_scores,
    conflicts,
    rank,
    spread,
    weighted_score,
)
from .funding import OBJECTIVES, Candidate, Decision, decide, fits, whole

__all__ = [
    "CODES",
    "MIN_SME_SHARE",
    "OBJECTIVES",
    "SME_SHARE_TOO_LOW",
    "Affiliation",
    "AgencyRules",
    "BudgetLine",
    "Candidate",
    "Criterion",
    "Decision",
    "Failure",
    "Partner",
    "ProposalCheck",
    "average_scores",
    "check_partner",
    "check_proposal",
    "check_sme_share",
    "conflicts",
    "decide",
    "fits",
    "funding_rate",
    "rank",
    "region_within",
    "sme_share",
    "spread",
    "weighted_score",
    "whole",
]
