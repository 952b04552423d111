"""The footer's pages: staff's text in the reader's language, else the shipped default."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from clusterbridge.common.models import SitePage

FOOTER = (
    SitePage.Slug.PRIVACY,
    SitePage.Slug.TERMS,
    SitePage.Slug.IMPRINT,
    SitePage.Slug.CONTACT,
    SitePage.Slug.ACCESSIBILITY,
)


@dataclass(frozen=True)
class ShownPage:
    slug: str
    title: str
    body: str  # staff's plain text ("" when the shipped default template is shown)
    default_template: str
    version: str


def footer_links() -> list[dict[str, str]]:
    """No database query: the titles are the translated defaults."""
    return [
        {"title": SitePage.Slug(slug).label, "url": reverse("page", args=[slug])} for slug in FOOTER
    ]


def page(slug: str) -> ShownPage:
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = {
        row.language: row
        for row in SitePage.objects.filter(
            slug=slug, language__in={language, settings.LANGUAGE_CODE}
        )
    }
    row = rows.get(language) or rows.get(settings.LANGUAGE_CODE)
    return ShownPage(
        slug=slug,
        title=(row.title if row and row.title else str(SitePage.Slug(slug).label)),
        body=row.body if row else "",
        default_template=f"common/pages/{slug}.html",
        version=current_version(slug),
    )


def current_version(slug: str) -> str:
    """The version people accept (the default language's page decides; shipped text: "1")."""
    return (
        SitePage.objects.filter(slug=slug, language=settings.LANGUAGE_CODE)
        .values_list("version", flat=True)
        .first()
        or "1"
    )
