from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_site(sender, using="default", **kwargs) -> None:
    """The sites framework (used by django-allauth in its e-mails) names the site after
    SITE_NAME and SITE_URL, never "example.com"."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": settings.SITE_NAME[:50]}
    )
    Site.objects.clear_cache()


class CommonConfig(AppConfig):
    name = "clusterbridge.common"
    label = "common"

    def ready(self) -> None:
        from django.urls import register_converter

        from clusterbridge.common.slugs import UnicodeSlugConverter

        register_converter(UnicodeSlugConverter, "uslug")
        post_migrate.connect(sync_site, sender=self, dispatch_uid="common.sync_site")
