from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel
from clusterbridge.partnerships.models.choices import ResultType
from clusterbridge.partnerships.models.partnership import Partnership


class SuccessStory(TimestampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=200)
    story = models.TextField(_("story"))
    result_type = models.CharField(_("result"), max_length=20, choices=ResultType.choices)
    country = CountryField(_("country"), blank=True)
    happened_on = models.DateField(_("date"))
    organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+"
    )
    smes_involved = models.PositiveIntegerField(_("SMEs involved"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name_plural = "success stories"

    def __str__(self) -> str:
        return self.title
