"""Receivers of the partnerships app (connected in ``apps.py``)."""

from __future__ import annotations

from django.db import transaction


def document_deleted(sender, instance, **kwargs) -> None:
    """A document's (or an earlier version's) stored file goes with its row, once the deletion is committed — whether
    the document is deleted by ``services.documents.delete_document`` or with its partnership
    (the coordinator's deletion, the demo data's removal)."""
    name = instance.file.name
    storage = instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
