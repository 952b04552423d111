"""The documents library of a partnership: members-only documents (strategy, minutes, …) and
public ones shown on the partnership's page.

The people of the accepted member organisations upload (staff too); the uploader, while still
one of the partnership's people, or the coordinator's administrators change and delete; staff
may do everything (``rules.py``). Files are checked by ``validators.validate_document_file``
(content sniffing, archive and image bombs), stored under a random name and served only by a
permission-checked view. A new members-only document notifies the partnership's people
(``partnerships.document``, by each person's notification setting).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.queries import memberships
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import (
    DocumentVersion,
    DocumentVisibility,
    MemberState,
    Partnership,
    PartnershipDocument,
    PartnershipMember,
)

User = get_user_model()
# Lazy: module constants are translated when used, in the reader's language.
ADD_FORBIDDEN = gettext_lazy(
    "Only the people of the partnership's member organisations add documents to its library."
)
CHANGE_FORBIDDEN = gettext_lazy(
    "Only the person who uploaded a document or the coordinator's administrators change it."
)


def _check_fields(*, title: str, description: str, category: str, visibility: str, dated_on):
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title.strip())
    validators.validate_document_description((description or "").strip())
    validators.validate_category(category)
    validators.validate_visibility(visibility)
    if dated_on is not None and dated_on > timezone.localdate() + timedelta(days=366):
        raise ValidationError(
            _("The document's date is more than a year ahead."), code="document_date"
        )


def _store(document: PartnershipDocument, upload, content_type: str) -> None:
    """Save the upload under a random name (``models.documents.document_path``)."""
    document.original_name = (upload.name or "document")[-200:]
    document.content_type = content_type
    document.size = upload.size
    upload.seek(0)
    document.file.save(upload.name or "document", upload, save=False)


def _people(partnership: Partnership):
    ids = PartnershipMember.objects.filter(
        partnership=partnership, state=MemberState.ACCEPTED
    ).values_list("organisation_id", flat=True)
    return memberships.members_of_any(list(ids))


@transaction.atomic
def add_document(
    *,
    partnership: Partnership,
    actor: User,
    title: str,
    category: str,
    upload,
    visibility: str = DocumentVisibility.MEMBERS,
    description: str = "",
    dated_on: date | None = None,
    is_demo: bool = False,
) -> PartnershipDocument:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    require(actor, "partnerships.add_document", partnership, message=ADD_FORBIDDEN)
    _check_fields(
        title=title,
        description=description,
        category=category,
        visibility=visibility,
        dated_on=dated_on,
    )
    content_type = validators.validate_document_file(upload)
    document = PartnershipDocument(
        partnership=partnership,
        title=title.strip(),
        description=(description or "").strip(),
        category=category,
        visibility=visibility,
        dated_on=dated_on or timezone.localdate(),
        uploaded_by=actor,
        is_demo=is_demo,
    )
    _store(document, upload, content_type)
    try:
        document.save()
        audit.record(
            actor=actor,
            action="partnerships.document_added",
            obj=partnership,
            organisation=partnership.coordinator_id,
            changes={"document": document.pk, "title": document.title, "visibility": visibility},
        )
    except Exception:
        document.file.delete(save=False)  # no row, so no orphan file either
        raise
    if visibility == DocumentVisibility.MEMBERS and not is_demo:
        recipients = [p for p in _people(partnership) if p.pk != actor.pk]
        if recipients:
            notify(
                users=recipients,
                kind="partnerships.document",
                params={
                    "author": actor.name or _("A member"),
                    "title": document.title,
                    "partnership": partnership.name,
                },
                url=document.get_absolute_url(),
            )
    return document


def _locked(document: PartnershipDocument) -> PartnershipDocument:
    return (
        PartnershipDocument.objects.select_for_update()
        .select_related("partnership")
        .get(pk=document.pk)
    )


@transaction.atomic
def update_document(
    *,
    document: PartnershipDocument,
    actor: User,
    title: str,
    category: str,
    visibility: str,
    description: str = "",
    dated_on: date | None = None,
    upload=None,
) -> PartnershipDocument:
    """Change the details; a new ``upload`` replaces the file, and the replaced one is kept
    as an earlier version (``DocumentVersion``), deleted with the document."""
    document = _locked(document)
    require(actor, "partnerships.change_document", document, message=CHANGE_FORBIDDEN)
    _check_fields(
        title=title,
        description=description,
        category=category,
        visibility=visibility,
        dated_on=dated_on,
    )
    content_type = validators.validate_document_file(upload) if upload is not None else None
    before = {
        "title": document.title,
        "category": document.category,
        "visibility": document.visibility,
        "dated_on": document.dated_on.isoformat(),
        "description": document.description,
    }
    document.title = title.strip()
    document.description = (description or "").strip()
    document.category = category
    document.visibility = visibility
    document.dated_on = dated_on or document.dated_on
    after = {
        "title": document.title,
        "category": document.category,
        "visibility": document.visibility,
        "dated_on": document.dated_on.isoformat(),
        "description": document.description,
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if upload is not None:
        # The replaced file stays as an earlier version (served like the document).
        DocumentVersion.objects.create(
            document=document,
            file=document.file.name,
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
            replaced_at=timezone.now(),
            replaced_by=actor,
        )
        changes["file"] = [document.original_name, (upload.name or "document")[-200:]]
        _store(document, upload, content_type)
    try:
        document.save()
        audit.record(
            actor=actor,
            action="partnerships.document_updated",
            obj=document.partnership,
            organisation=document.partnership.coordinator_id,
            changes={"document": document.pk, **changes},
        )
    except Exception:
        if upload is not None:
            document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def delete_document(*, document: PartnershipDocument, actor: User) -> None:
    """Delete the row; the stored file goes once the deletion is committed (``receivers``)."""
    document = _locked(document)
    require(actor, "partnerships.change_document", document, message=CHANGE_FORBIDDEN)
    audit.record(
        actor=actor,
        action="partnerships.document_deleted",
        obj=document.partnership,
        organisation=document.partnership.coordinator_id,
        changes={"document": document.pk, "title": document.title},
    )
    document.delete()
