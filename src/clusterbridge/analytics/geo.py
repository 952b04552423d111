"""The visitor's country for the audience counts: from a MaxMind-format country database when
the operator installs one (``GEOIP_COUNTRY_DATABASE``, e.g. GeoLite2-Country.mmdb), else the
country of a logged-in person's organisation, else unknown (""). Nothing is stored per person."""

from __future__ import annotations

import logging
from functools import lru_cache

import maxminddb
from django.conf import settings
from django.core.cache import cache

from clusterbridge.common.clientip import client_ip
from clusterbridge.organisations.queries import memberships

logger = logging.getLogger(__name__)
PERSON_COUNTRY_SECONDS = 3600


@lru_cache(maxsize=4)
def _reader(path: str):
    try:
        return maxminddb.open_database(path)
    except (OSError, ValueError, maxminddb.InvalidDatabaseError):
        logger.warning("GeoIP database %s cannot be read: countries come from profiles", path)
        return None


def from_database(address: str | None) -> str:
    path = settings.GEOIP_COUNTRY_DATABASE
    if not path or not address:
        return ""
    reader = _reader(str(path))
    if reader is None:
        return ""
    try:
        record = reader.get(address)
    except ValueError:
        return ""
    if not isinstance(record, dict):
        return ""
    for field in ("country", "registered_country"):
        code = (record.get(field) or {}).get("iso_code") or ""
        if len(code) == 2:
            return code.upper()
    return ""


def from_profile(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    key = f"cb:aud:country:{user.pk}"
    code = cache.get(key)
    if code is None:
        code = next(
            (
                str(o.country)
                for o in memberships.organisations_of(user).order_by("pk").only("country")
                if o.country
            ),
            "",
        )
        cache.set(key, code, PERSON_COUNTRY_SECONDS)
    return code


def country_of(request) -> str:
    return from_database(client_ip(request)) or from_profile(getattr(request, "user", None))
