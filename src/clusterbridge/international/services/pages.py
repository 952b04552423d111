"""The only code that changes country pages, their arrangements and gateways (staff only)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.international import validators
from clusterbridge.international.models import (
    Arrangement,
    CountryPage,
    Gateway,
    PageStatus,
)
from clusterbridge.international.queries.search import bump_countries_version

MANAGE = "international.manage_country_pages"
PAGE_FIELDS = ("name", "priority", "summary", "capital", "latitude", "longitude")


def _check_page_fields(fields: dict) -> None:
    validators.validate_priority(fields["priority"])
    validators.validate_summary(fields.get("summary") or "")
    validators.validate_coordinates(fields.get("latitude"), fields.get("longitude"))
    if not (fields.get("name") or "").strip():
        raise ValidationError(_("Give the page a name."), code="name")


@transaction.atomic
def create_page(
    *,
    actor,
    country: str,
    name: str,
    priority: str,
    summary: str = "",
    sectors: Iterable = (),
    capital: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    is_demo: bool = False,
) -> CountryPage:
    """A draft page for a country that has none yet."""
    require(actor, MANAGE)
    code = (country or "").upper()
    if code not in dict(countries):
        raise ValidationError(
            _("Unknown country code “%(code)s”.") % {"code": country}, code="country"
        )
    if CountryPage.objects.filter(country=code).exists():
        raise ValidationError(
            _("%(country)s already has a page.") % {"country": dict(countries)[code]},
            code="duplicate",
        )
    fields = {
        "name": name.strip(),
        "priority": priority,
        "summary": summary,
        "capital": capital,
        "latitude": latitude,
        "longitude": longitude,
    }
    _check_page_fields(fields)
    page = CountryPage.objects.create(country=code, slug=code.lower(), is_demo=is_demo, **fields)
    page.sectors.set(list(sectors))
    audit.record(
        actor=actor, action="international.page_created", obj=page, changes={"country": code}
    )
    return page


@transaction.atomic
def update_page(
    *, page: CountryPage, actor, sectors: Iterable | None = None, **fields
) -> CountryPage:
    """Change the page's texts, priority, sectors or map point (not its country)."""
    require(actor, MANAGE, page)
    unknown = set(fields) - set(PAGE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="fields",
        )
    merged = {name: getattr(page, name) for name in PAGE_FIELDS} | fields
    _check_page_fields(merged)
    changed = {name: str(value) for name, value in fields.items() if getattr(page, name) != value}
    for name, value in merged.items():
        setattr(page, name, value.strip() if name == "name" else value)
    page.save()
    if sectors is not None:
        page.sectors.set(list(sectors))
        changed["sectors"] = " ".join(sorted(s.code for s in page.sectors.all()))
    audit.record(actor=actor, action="international.page_changed", obj=page, changes=changed)
    if page.is_published:
        transaction.on_commit(bump_countries_version)
    return page


@transaction.atomic
def publish_page(*, page: CountryPage, actor) -> CountryPage:
    require(actor, MANAGE, page)
    if page.is_published:
        raise ValidationError(_("The page is already published."), code="published")
    page.status = PageStatus.PUBLISHED
    page.published_at = timezone.now()
    page.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(actor=actor, action="international.page_published", obj=page)
    transaction.on_commit(bump_countries_version)
    return page


@transaction.atomic
def unpublish_page(*, page: CountryPage, actor) -> CountryPage:
    require(actor, MANAGE, page)
    if not page.is_published:
        raise ValidationError(_("The page is not published."), code="draft")
    page.status = PageStatus.DRAFT
    page.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="international.page_unpublished", obj=page)
    transaction.on_commit(bump_countries_version)
    return page


@transaction.atomic
def add_arrangement(
    *,
    page: CountryPage,
    actor,
    title: str,
    counterpart: str,
    signed_on,
    scope: str = "",
    document=None,
    is_demo: bool = False,
) -> Arrangement:
    """Record an arrangement signed with the country, with its document (optional)."""
    require(actor, MANAGE, page)
    validators.validate_scope(scope)
    if not title.strip() or not counterpart.strip():
        raise ValidationError(
            _("Give the arrangement a title and its counterpart authority."), code="required"
        )
    if signed_on is None:
        raise ValidationError(_("Give the date the arrangement was signed."), code="signed_on")
    arrangement = Arrangement(
        page=page,
        title=title.strip(),
        counterpart=counterpart.strip(),
        signed_on=signed_on,
        scope=scope,
        is_demo=is_demo,
    )
    if document is not None:
        arrangement.content_type = validators.validate_document(document)
        arrangement.original_name = (document.name or "")[-200:]
        arrangement.size = document.size
        arrangement.document.save("document", document, save=False)
    try:
        arrangement.save()
    except Exception:
        if arrangement.document:
            arrangement.document.delete(save=False)  # no row, so no orphan file either
        raise
    audit.record(
        actor=actor,
        action="international.arrangement_added",
        obj=page,
        changes={"arrangement": arrangement.title, "signed_on": signed_on.isoformat()},
    )
    return arrangement


@transaction.atomic
def remove_arrangement(*, arrangement: Arrangement, actor) -> None:
    require(actor, MANAGE, arrangement)
    page, title, stored = arrangement.page, arrangement.title, arrangement.document.name
    arrangement.delete()
    if stored:
        storage = arrangement.document.storage
        transaction.on_commit(lambda: storage.delete(stored))
    audit.record(
        actor=actor,
        action="international.arrangement_removed",
        obj=page,
        changes={"arrangement": title},
    )


@transaction.atomic
def add_gateway(
    *,
    page: CountryPage,
    actor,
    name: str,
    url: str,
    description: str = "",
    contact_email: str = "",
    is_demo: bool = False,
) -> Gateway:
    require(actor, MANAGE, page)
    if not name.strip():
        raise ValidationError(_("Give the gateway a name."), code="name")
    validators.validate_gateway_url(url)
    validators.validate_description(description)
    if contact_email:
        from django.core.validators import validate_email

        validate_email(contact_email)
    gateway = Gateway.objects.create(
        page=page,
        name=name.strip(),
        url=url,
        description=description,
        contact_email=contact_email,
        is_demo=is_demo,
    )
    audit.record(
        actor=actor, action="international.gateway_added", obj=page, changes={"gateway": name}
    )
    return gateway


@transaction.atomic
def remove_gateway(*, gateway: Gateway, actor) -> None:
    require(actor, MANAGE, gateway)
    page, name = gateway.page, gateway.name
    gateway.delete()
    audit.record(
        actor=actor, action="international.gateway_removed", obj=page, changes={"gateway": name}
    )
