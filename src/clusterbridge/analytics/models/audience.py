"""Audience counts: aggregates only — page views per day, page group and country, sessions
per day and country, views per day and referring site. No address, no visitor identifier and
no cookie is stored for them (see docs/analytics.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountKind(models.TextChoices):
    VIEW = "view", _("Page views")
    SESSION = "session", _("Sessions")
    REFERRER = "referrer", _("Views from another site")


class AudienceCount(models.Model):
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=8, choices=CountKind.choices)
    # The page group (the URL's name, e.g. "organisations:detail") for views, the referring
    # site's host for referrers, "" for sessions.
    key = models.CharField(_("page or site"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)  # "": unknown
    count = models.PositiveBigIntegerField(_("count"), default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "key", "country", "is_demo"], name="audience_bucket_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "day"])]
        verbose_name = _("audience count")
        verbose_name_plural = _("audience counts")

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.key} {self.country}: {self.count}"
