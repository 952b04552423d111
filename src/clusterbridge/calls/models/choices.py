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
