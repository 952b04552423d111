from django.db import models
from django.utils.translation import gettext_lazy as _


class CallLevel(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    EU = "eu", _("European Union")
    INTERNATIONAL = "international", _("International")


class CallType(models.TextChoices):
    GRANT = "grant", _("Grant")
    VOUCHER = "voucher", _("Voucher")
    CASCADE = "cascade", _("Cascade funding")
    PRIZE = "prize", _("Prize")
    TENDER = "tender", _("Tender")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")


class ReviewState(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    DECLINED = "declined", _("Declined: conflict of interest")
    SUBMITTED = "submitted", _("Submitted")


class FundingObjective(models.TextChoices):
    SCORE = "score", _("Highest total score")
    NUMBER = "number", _("Most proposals")


class DecisionReason(models.TextChoices):
    FUNDED = "funded", _("Funded")
    NOT_SELECTED = "not_selected", _("Not selected within the agencies' budgets")
    BELOW_THRESHOLD = "below_threshold", _("Score below the call's threshold")
    ABOVE_AGENCY_BUDGET = "above_agency_budget", _("Asks an agency for more than its budget")
    UNKNOWN_AGENCY = "unknown_agency", _("Asks an agency that no longer takes part")


class Activity(models.TextChoices):
    """The activities a joint-call proposal may plan (the call may accept only some)."""

    COOPERATION = "cooperation", _("Identifying cooperation opportunities")
    ROADMAPS = "roadmaps", _("Technology roadmaps")
    MATCHMAKING = "matchmaking", _("Matchmaking")
    RDI_PROJECTS = "rdi_projects", _("Preparing RDI projects")
    DISSEMINATION = "dissemination", _("Dissemination")
    TRAINING = "training", _("Training and mentoring")
    MOBILITY = "mobility", _("Mobility")
