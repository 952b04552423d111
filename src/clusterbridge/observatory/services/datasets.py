"""Staff decisions about datasets: which one is shown first, and removing one."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from clusterbridge.accounts.models import User
from clusterbridge.common.permissions import require
from clusterbridge.observatory.models import Dataset
from clusterbridge.observatory.services.correlation import refresh_organisation_strengths


@transaction.atomic
def make_default(*, dataset: Dataset, actor: User) -> Dataset:
    require(actor, "observatory.manage_dataset", dataset, message=_("Only platform staff do this."))
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    Dataset.objects.exclude(pk=dataset.pk).filter(is_default=True).update(is_default=False)
    dataset.is_default = True
    dataset.save(update_fields=["is_default", "updated_at"])
    refresh_organisation_strengths()
    return dataset


@transaction.atomic
def delete_dataset(*, dataset: Dataset, actor: User) -> None:
    require(actor, "observatory.manage_dataset", dataset, message=_("Only platform staff do this."))
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    dataset.delete()
    refresh_organisation_strengths()
