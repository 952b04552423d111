"""Validators shared by forms and API: logo, keywords, year, coordinates, region, name."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clusterbridge.organisations.validators import (
    clean_keywords,
    validate_coordinates,
    validate_logo,
    validate_region_in_country,
    validate_unique_name,
    validate_year_founded,
)
from clusterbridge.taxonomy.models import NutsRegion
from tests.factories import OrganisationFactory


def image_bytes(fmt: str = "PNG", size=(40, 20), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color=0).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(content: bytes, name="logo.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims the given size (Pillow reads only the header on open)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def _error(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        func(*args, **kwargs)
    return excinfo.value


# -- logo -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_real_images_in_accepted_formats_pass(fmt):
    file = upload(image_bytes(fmt), name=f"logo.{fmt.lower()}")
    file.seek(5)
    validate_logo(file)
    assert file.tell() == 5  # the read position is restored


def test_no_logo_passes():
    validate_logo(None)


def test_text_file_is_refused():
    error = _error(validate_logo, upload(b"hello, I am not an image", name="logo.png"))
    assert error.code == "logo_invalid"
    assert error.messages == ["The logo is not an image we can read (use PNG, JPEG, GIF or WebP)."]


def test_truncated_png_is_refused():
    error = _error(validate_logo, upload(image_bytes("PNG", size=(200, 200))[:60]))
    assert error.code == "logo_invalid"


def test_too_large_file_is_refused(settings):
    settings.LOGO_MAX_BYTES = 524_288
    error = _error(validate_logo, upload(b"\0" * 600_000))
    assert error.code == "logo_too_large"
    assert error.messages == ["The logo is 0.6 MB; the limit is 0.5 MB."]


def test_file_at_the_limit_is_accepted(settings):
    content = image_bytes("PNG")
    settings.LOGO_MAX_BYTES = len(content)
    validate_logo(upload(content))


def test_default_limit_is_two_megabytes():
    error = _error(validate_logo, upload(b"\0" * 2_200_000))
    assert error.messages == ["The logo is 2.1 MB; the limit is 2.0 MB."]


def test_huge_dimensions_are_refused():
    error = _error(validate_logo, upload(image_bytes("PNG", size=(4001, 10), mode="1")))
    assert error.code == "logo_dimensions"
    assert error.messages == ["The logo is 4001×10 pixels; at most 4000 pixels per side."]


def test_largest_allowed_dimensions_pass():
    validate_logo(upload(image_bytes("PNG", size=(4000, 4000), mode="1")))


def test_decompression_bomb_is_a_validation_error_not_a_crash():
    # 40000×40000 pixels in a few dozen bytes: Pillow refuses to open it (DecompressionBombError);
    # the validator must turn that into a normal validation error.
    error = _error(validate_logo, upload(_png_header_only(40_000, 40_000)))
    assert error.code in {"logo_invalid", "logo_dimensions"}


@pytest.mark.parametrize(("fmt", "name"), [("BMP", "BMP"), ("TIFF", "TIFF"), ("ICO", "ICO")])
def test_unsupported_formats_are_refused(fmt, name):
    error = _error(
        validate_logo, upload(image_bytes(fmt, size=(32, 32)), name=f"logo.{fmt.lower()}")
    )
    assert error.code == "logo_format"
    assert error.messages == [
        f"Logos in {name} format are not accepted (use PNG, JPEG, GIF or WebP)."
    ]


# -- keywords -------------------------------------------------------------------------------


def test_keywords_from_a_comma_separated_string():
    assert clean_keywords(" lasers,  optics ,, Quantum   technologies , LASERS ") == [
        "lasers",
        "optics",
        "Quantum technologies",
    ]


def test_keywords_from_a_list_and_empty_values():
    assert clean_keywords(["R&D", "3D printing", "e-mobility (urban)"]) == [
        "R&D",
        "3D printing",
        "e-mobility (urban)",
    ]
    assert clean_keywords("") == []
    assert clean_keywords(None) == []
    assert clean_keywords([]) == []


def test_accented_keywords_are_allowed():
    assert clean_keywords("Fahrzeugbau, énergie, Łódź") == ["Fahrzeugbau", "énergie", "Łódź"]


def test_keyword_too_long():
    error = _error(clean_keywords, "x" * 61, "Technology keywords")
    assert error.code == "keyword_long"
    assert error.messages == [f"Technology keywords: “{'x' * 20}…” is longer than 60 characters."]
    assert clean_keywords("x" * 60) == ["x" * 60]


@pytest.mark.parametrize("keyword", ["<script>", "-leading dash", "semi;colon", 'a"quote'])
def test_keyword_with_forbidden_characters(keyword):
    error = _error(clean_keywords, [keyword])
    assert error.code == "keyword_chars"
    assert error.messages == [f"Keywords: “{keyword}” contains characters that are not allowed."]


def test_at_most_thirty_keywords():
    assert len(clean_keywords([f"k{i}" for i in range(30)])) == 30
    error = _error(clean_keywords, [f"k{i}" for i in range(31)])
    assert error.code == "keywords_many"
    assert error.messages == ["Keywords: at most 30 keywords."]
    # Duplicates do not count twice.
    assert len(clean_keywords([f"k{i}" for i in range(30)] + ["K0"])) == 30


@pytest.mark.parametrize("value", [["ok", 3], 42, {"a": "b"}])
def test_keywords_must_be_texts(value):
    assert _error(clean_keywords, value).code == "keywords_type"


# -- year -----------------------------------------------------------------------------------


def test_year_founded_range():
    this_year = dt.date.today().year
    for ok in (None, 1800, this_year):
        validate_year_founded(ok)
    for bad in (1799, this_year + 1):
        error = _error(validate_year_founded, bad)
        assert error.code == "year_out_of_range"
        assert error.messages == [f"The year founded must be between 1800 and {this_year}."]


# -- coordinates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon"), [(None, None), (90, 180), (-90, -180), (0, 0), (52.5, 13.4)]
)
def test_valid_coordinates(lat, lon):
    validate_coordinates(lat, lon)


@pytest.mark.parametrize(
    ("lat", "lon", "code", "message"),
    [
        (52.5, None, "coordinates_pair", "Give both latitude and longitude, or neither."),
        (None, 13.4, "coordinates_pair", "Give both latitude and longitude, or neither."),
        (90.01, 0, "latitude_range", "Latitude must be between -90 and 90."),
        (-91, 0, "latitude_range", "Latitude must be between -90 and 90."),
        (0, 180.5, "longitude_range", "Longitude must be between -180 and 180."),
        (0, -181, "longitude_range", "Longitude must be between -180 and 180."),
    ],
)
def test_invalid_coordinates(lat, lon, code, message):
    error = _error(validate_coordinates, lat, lon)
    assert (error.code, error.messages) == (code, [message])


# -- region in country ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("region", "country"), [("EL30", "GR"), ("DE30", "DE"), ("UKI3", "GB"), (None, "FR")]
)
def test_region_in_its_country(region, country):
    validate_region_in_country(NutsRegion.objects.get(code=region) if region else None, country)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("region", "country"), [("DE30", "FR"), ("EL30", "CY"), ("FR10", "GR"), ("UKI3", "IE")]
)
def test_region_outside_the_country(region, country):
    error = _error(validate_region_in_country, NutsRegion.objects.get(code=region), country)
    assert error.code == "region_country"
    assert error.messages == [f"The region {region} is not in the selected country."]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["DE", "DE3"])
def test_region_must_be_level_two(code):
    error = _error(validate_region_in_country, NutsRegion.objects.get(code=code), "DE")
    assert error.code == "region_level"
    assert error.messages == ["Choose a NUTS level-2 region."]


# -- unique name ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_unique_name_is_case_insensitive_and_can_exclude_itself():
    org = OrganisationFactory(name="Photonics Hub")
    error = _error(validate_unique_name, "  PHOTONICS hub ")
    assert error.code == "duplicate_name"
    assert error.messages == ["An organisation called “PHOTONICS hub” is already registered."]
    validate_unique_name("Photonics Hub", exclude_pk=org.pk)
    validate_unique_name("Photonics Hub 2")


# -- length limits of free texts -------------------------------------------------------------

DESCRIPTION_MESSAGE = "The description is 20,001 characters long; at most 20,000."


@pytest.mark.django_db
def test_the_profile_form_and_the_service_limit_the_description():
    from clusterbridge.organisations.forms.profile import OrganisationProfileForm
    from clusterbridge.organisations.services import profiles
    from tests.factories import MembershipFactory

    org = OrganisationFactory()
    form = OrganisationProfileForm({"description": "x" * 20_001}, instance=org)
    assert form.is_valid() is False
    assert form.errors["description"] == [DESCRIPTION_MESSAGE]
    admin = MembershipFactory(organisation=org).user
    error = _error(
        profiles.update_profile, organisation=org, actor=admin, data={"description": "x" * 20_001}
    )
    assert error.message_dict == {"description": [DESCRIPTION_MESSAGE]}
    profiles.update_profile(organisation=org, actor=admin, data={"description": "x" * 20_000})


@pytest.mark.django_db
def test_the_api_limits_the_description():
    from rest_framework.test import APIClient

    from tests.factories import MembershipFactory

    org = OrganisationFactory()
    api = APIClient()
    api.force_authenticate(MembershipFactory(organisation=org).user)
    response = api.patch(
        f"/api/v1/organisations/{org.slug}/", {"description": "x" * 20_001}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"description": [DESCRIPTION_MESSAGE]}


@pytest.mark.django_db
def test_send_back_reasons_and_contact_messages_are_limited():
    from clusterbridge.organisations.forms.profile import ContactForm, SendBackForm
    from clusterbridge.organisations.models import ProfileStatus
    from clusterbridge.organisations.services import profiles
    from clusterbridge.organisations.services.contact import send_contact_message
    from tests.factories import StaffFactory, UserFactory

    reason = "The reason is 2,001 characters long; at most 2,000."
    assert SendBackForm({"reason": "r" * 2001}).errors["reason"] == [reason]
    org = OrganisationFactory(status=ProfileStatus.SUBMITTED)
    error = _error(profiles.send_back, organisation=org, actor=StaffFactory(), reason="r" * 2001)
    assert error.messages == [reason]

    message = "The message is 5,001 characters long; at most 5,000."
    assert ContactForm({"subject": "Hi", "body": "b" * 5001}).errors["body"] == [message]
    published = OrganisationFactory()
    error = _error(
        send_contact_message,
        organisation=published, sender=UserFactory(), subject="Hi", body="b" * 5001,
    )  # fmt: skip
    assert error.messages == [message]
