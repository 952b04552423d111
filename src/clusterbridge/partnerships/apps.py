from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "clusterbridge.partnerships"
    label = "partnerships"
    verbose_name = _("Strategic cluster partnerships")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from clusterbridge.partnerships.models import DocumentVersion, PartnershipDocument
        from clusterbridge.partnerships.receivers import document_deleted

        for model in (PartnershipDocument, DocumentVersion):
            post_delete.connect(
                document_deleted,
                sender=model,
                dispatch_uid=f"partnerships.document_deleted.{model.__name__}",
            )
