from clusterbridge.calls.models.call import Call, CallFollow, CallStage
from clusterbridge.calls.models.choices import (
    Activity,
    CallLevel,
    CallStatus,
    CallType,
    DecisionReason,
    FundingObjective,
    ProposalStatus,
    ReviewState,
)
from clusterbridge.calls.models.evaluation import (
    ConsensusScore,
    EvaluationCriterion,
    FundingDecision,
    ReviewAssignment,
    ReviewScore,
)
from clusterbridge.calls.models.files import ProposalAttachment, ProposalVersion
from clusterbridge.calls.models.joint import CallAgency, Proposal, ProposalPartner

__all__ = [
    "Activity",
    "Call",
    "CallAgency",
    "CallFollow",
    "CallLevel",
    "CallStage",
    "CallStatus",
    "CallType",
    "ConsensusScore",
    "DecisionReason",
    "EvaluationCriterion",
    "FundingDecision",
    "FundingObjective",
    "Proposal",
    "ProposalAttachment",
    "ProposalPartner",
    "ProposalStatus",
    "ProposalVersion",
    "ReviewAssignment",
    "ReviewScore",
    "ReviewState",
]
