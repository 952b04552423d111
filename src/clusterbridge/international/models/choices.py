from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    PRIORITY = "priority", _("Priority country")
    PARTNER = "partner", _("Partner country")
    OTHER = "other", _("Other country")


class PageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
