from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartnershipKind(models.TextChoices):
    GOING_INTERNATIONAL = "going_international", _("Going-international partnership")
    SMART_SPECIALISATION = "smart_specialisation", _("Smart-specialisation partnership")
    EUROCLUSTERS = "euroclusters", _("Euroclusters-style project")
    BILATERAL = "bilateral", _("Bilateral cooperation")
    OTHER = "other", _("Other partnership")


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RETURNED = "returned", _("Sent back for changes")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class MemberState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ResultType(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    JOINT_PROJECT = "joint_project", _("Joint project")
    BUSINESS_DEAL = "business_deal", _("Business deal")
    MARKET_ENTRY = "market_entry", _("Market entry")


class DocumentCategory(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other document")


class DocumentVisibility(models.TextChoices):
    MEMBERS = "members", _("Members only")
    PUBLIC = "public", pgettext_lazy("document visibility", "Public")
