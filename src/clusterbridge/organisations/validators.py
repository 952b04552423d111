"""Validation shared by the web forms and the API serializers."""

from __future__ import annotations

import datetime as dt
import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from PIL import Image, UnidentifiedImageError

ALLOWED_LOGO_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
MAX_LOGO_PIXELS = 4000
KEYWORD_PATTERN = re.compile(r"^[\w][\w \-&/+.,'()]*$", re.UNICODE)
MAX_KEYWORDS = 30


def validate_logo(upload) -> None:
    """A logo must be a real PNG/JPEG/GIF/WebP image within the size limit."""
    if upload is None:
        return
    limit = settings.LOGO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The logo is {upload.size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB.",
            code="logo_too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        # A tiny file can claim a gigantic canvas (a "decompression bomb"): refuse it.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"The logo claims an image far too large to process; at most {MAX_LOGO_PIXELS} pixels per side.",
            code="logo_dimensions",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "The logo is not an image we can read (use PNG, JPEG, GIF or WebP).",
            code="logo_invalid",
        ) from exc
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_LOGO_FORMATS:
        raise ValidationError(
            f"Logos in {image_format} format are not accepted (use PNG, JPEG, GIF or WebP).",
            code="logo_format",
        )
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        raise ValidationError(
            f"The logo is {width}×{height} pixels; at most {MAX_LOGO_PIXELS} pixels per side.",
            code="logo_dimensions",
        )


def validate_year_founded(value: int | None) -> None:
    if value is None:
        return
    this_year = dt.date.today().year
    if not 1800 <= value <= this_year:
        raise ValidationError(
            f"The year founded must be between 1800 and {this_year}.", code="year_out_of_range"
        )


def clean_keywords(value, field_label: str = "Keywords") -> list[str]:
    """Accept a list or a comma-separated string; return trimmed, de-duplicated keywords."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            raise ValidationError(f"{field_label} must be a list of texts.", code="keywords_type")
        items = list(value)
    else:
        raise ValidationError(f"{field_label} must be a list of texts.", code="keywords_type")
    keywords: list[str] = []
    seen: set[str] = set()
    for raw in items:
        keyword = " ".join(raw.split())
        if not keyword:
            continue
        if len(keyword) > 60:
            raise ValidationError(
                f"{field_label}: “{keyword[:20]}…” is longer than 60 characters.",
                code="keyword_long",
            )
        if not KEYWORD_PATTERN.match(keyword):
            raise ValidationError(
                f"{field_label}: “{keyword}” contains characters that are not allowed.",
                code="keyword_chars",
            )
        if keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            f"{field_label}: at most {MAX_KEYWORDS} keywords.", code="keywords_many"
        )
    return keywords


def validate_unique_name(name: str, *, exclude_pk: int | None = None) -> None:
    from clusterbridge.organisations.models import Organisation

    clashes = Organisation.objects.annotate(lname=Lower("name")).filter(lname=name.strip().lower())
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    if clashes.exists():
        raise ValidationError(
            f"An organisation called “{name.strip()}” is already registered.", code="duplicate_name"
        )


def validate_region_in_country(region, country_code: str) -> None:
    from clusterbridge.taxonomy.models.taxonomies import nuts_country_code

    if (
        region is not None
        and country_code
        and region.country_code != nuts_country_code(country_code)
    ):
        raise ValidationError(
            f"The region {region.code} is not in the selected country.", code="region_country"
        )
    if region is not None and region.level != 2:
        raise ValidationError("Choose a NUTS level-2 region.", code="region_level")


def validate_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationError(
            "Give both latitude and longitude, or neither.", code="coordinates_pair"
        )
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError("Latitude must be between -90 and 90.", code="latitude_range")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError("Longitude must be between -180 and 180.", code="longitude_range")
