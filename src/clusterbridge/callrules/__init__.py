"""Plain-Python rules of funding calls (no Django import; a test asserts it).

- :mod:`.eligibility` — each partner of a proposal against its own agency's rules, every
  failing rule returned as a code with parameters (the app says it in words).
- :mod:`.funding` — the funding decision: the proposals that maximise the total score (or
  their number) within every agency's budget, exact (OR-Tools CP-SAT).
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
from .funding import OBJECTIVES, Candidate, Decision, decide, fits, whole

__all__ = [
    "CODES",
    "MIN_SME_SHARE",
    "OBJECTIVES",
    "SME_SHARE_TOO_LOW",
    "AgencyRules",
    "BudgetLine",
    "Candidate",
    "Decision",
    "Failure",
    "Partner",
    "ProposalCheck",
    "check_partner",
    "check_proposal",
    "check_sme_share",
    "decide",
    "fits",
    "funding_rate",
    "region_within",
    "sme_share",
    "whole",
]
