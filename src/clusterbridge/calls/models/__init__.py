from clusterbridge.calls.models.call import Call, CallFollow, CallStage
from clusterbridge.calls.models.choices import CallLevel, CallStatus, CallType, ProposalStatus
from clusterbridge.calls.models.joint import CallAgency, Proposal, ProposalPartner

__all__ = [
    "Call",
    "CallAgency",
    "CallFollow",
    "CallLevel",
    "CallStage",
    "CallStatus",
    "CallType",
    "Proposal",
    "ProposalPartner",
    "ProposalStatus",
]
