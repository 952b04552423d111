"""Validation shared by the web forms and the API serializers."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common.uploads import IMAGE_FORMATS, validate_image
from clusterbridge.common.validators import TextLimit
from clusterbridge.organisations.models.organisation import KINDS_WITH_MEMBERS

ALLOWED_LOGO_FORMATS = IMAGE_FORMATS
MAX_LOGO_PIXELS = 4000
KEYWORD_PATTERN = re.compile(r"^[\w][\w \-&/+.,'()]*$", re.UNICODE)
MAX_KEYWORDS = 30

# Free texts and their limits (common.validators.TextLimit), for forms, API and services.
DESCRIPTION_MAX = 20_000
REASON_MAX = 2_000
CONTACT_MESSAGE_MAX = 5_000
validate_description = TextLimit(DESCRIPTION_MAX, gettext_lazy("The description"))
validate_return_reason = TextLimit(REASON_MAX, gettext_lazy("The reason"))
validate_contact_message = TextLimit(CONTACT_MESSAGE_MAX, gettext_lazy("The message"))


def validate_logo(upload) -> None:
    """A logo must be a real PNG/JPEG/GIF/WebP image within the size limit."""
    if upload is None:
        return
    validate_image(
        upload,
        what=_("The logo"),
        plural=_("Logos"),
        code="logo",
        max_bytes=settings.LOGO_MAX_BYTES,
        max_pixels=MAX_LOGO_PIXELS,
    )


def validate_year_founded(value: int | None) -> None:
    if value is None:
        return
    this_year = dt.date.today().year
    if not 1800 <= value <= this_year:
        raise ValidationError(
            _("The year founded must be between 1800 and {year}.").format(year=this_year),
            code="year_out_of_range",
        )


def clean_keywords(value, field_label: str | None = None) -> list[str]:
    """Accept a list or a comma-separated string; return trimmed, de-duplicated keywords."""
    field_label = field_label or _("Keywords")
    if value in (None, ""):
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            raise ValidationError(
                _("{field} must be a list of texts.").format(field=field_label),
                code="keywords_type",
            )
        items = list(value)
    else:
        raise ValidationError(
            _("{field} must be a list of texts.").format(field=field_label), code="keywords_type"
        )
    keywords: list[str] = []
    seen: set[str] = set()
    for raw in items:
        keyword = " ".join(raw.split())
        if not keyword:
            continue
        if len(keyword) > 60:
            raise ValidationError(
                _("{field}: “{keyword}…” is longer than 60 characters.").format(
                    field=field_label, keyword=keyword[:20]
                ),
                code="keyword_long",
            )
        if not KEYWORD_PATTERN.match(keyword):
            raise ValidationError(
                _("{field}: “{keyword}” contains characters that are not allowed.").format(
                    field=field_label, keyword=keyword
                ),
                code="keyword_chars",
            )
        if keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            _("{field}: at most {count} keywords.").format(field=field_label, count=MAX_KEYWORDS),
            code="keywords_many",
        )
    return keywords


def validate_unique_name(name: str, *, exclude_pk: int | None = None) -> None:
    from clusterbridge.organisations.models import Organisation

    clashes = Organisation.objects.annotate(lname=Lower("name")).filter(lname=name.strip().lower())
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    if clashes.exists():
        raise ValidationError(
            _("An organisation called “{name}” is already registered.").format(name=name.strip()),
            code="duplicate_name",
        )


def validate_region_in_country(region, country_code: str) -> None:
    from clusterbridge.taxonomy.models.taxonomies import nuts_country_code

    if (
        region is not None
        and country_code
        and region.country_code != nuts_country_code(country_code)
    ):
        raise ValidationError(
            _("The region {code} is not in the selected country.").format(code=region.code),
            code="region_country",
        )
    if region is not None and region.level != 2:
        raise ValidationError(_("Choose a NUTS level-2 region."), code="region_level")


def member_counts_for_kind(kind: str, counts: dict[str, int]) -> dict[str, int]:
    """The member counts to store: as given for kinds that have members, 0 for the others
    (the form does not ask them; an API client's numbers for a company are dropped)."""
    if kind in KINDS_WITH_MEMBERS:
        return counts
    return dict.fromkeys(counts, 0)


def validate_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationError(
            _("Give both latitude and longitude, or neither."), code="coordinates_pair"
        )
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError(_("Latitude must be between -90 and 90."), code="latitude_range")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError(_("Longitude must be between -180 and 180."), code="longitude_range")
