"""The documents library of a partnership: public documents for whoever sees the partnership,
members-only ones for its people and staff; anyone else gets a 404 for a members-only
document's page actions and its file."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.csv import csv_download
from clusterbridge.common.downloads import download, private_file
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.forms import DocumentFilterForm, DocumentForm
from clusterbridge.partnerships.models import DocumentVersion, PartnershipDocument
from clusterbridge.partnerships.queries import lists
from clusterbridge.partnerships.services import documents as services

DOCUMENTS_PAGE = 25
CSV_COLUMNS = [
    "title",
    "category",
    "visibility",
    "dated_on",
    "file_name",
    "size",
    "content_type",
    "description",
    "url",
]


def _partnership(request, slug):
    return object_or_404(
        request, lists.partnership_pages(), "partnerships.view_partnership", slug=slug
    )


def _document(request, slug, pk, permission):
    document = object_or_404(
        request,
        PartnershipDocument.objects.select_related("partnership"),
        permission,
        pk=pk,
        partnership__slug=slug,
    )
    return document


def _visible(request, partnership, form):
    reserved = request.user.has_perm("partnerships.view_reserved_documents", partnership)
    category = form.cleaned_data.get("category") if form.is_valid() else None
    return reserved, lists.documents_of(partnership, reserved=reserved, category=category)


def documents(request, slug):
    """The library: the list (with a category filter) and, for the partnership's people, the
    upload form (POST)."""
    partnership = _partnership(request, slug)
    user = request.user
    can_add = user.has_perm("partnerships.add_document", partnership)
    upload_form = None
    status = 200
    if can_add:
        upload_form = DocumentForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied(str(services.ADD_FORBIDDEN))
        if upload_form.is_valid():
            data = dict(upload_form.cleaned_data)
            try:
                document = services.add_document(
                    partnership=partnership,
                    actor=user,
                    upload=data.pop("file"),
                    **data,
                )
            except ValidationError as exc:
                form_error(upload_form, exc)
            except PermissionDenied as exc:
                upload_form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("“%(title)s” is added to the documents.") % {"title": document}
                )
                return redirect("partnerships:documents", slug=partnership.slug)
        status = 400
    filter_form = DocumentFilterForm(request.GET)
    reserved, found = _visible(request, partnership, filter_form)
    if not filter_form.is_valid():
        status = 400
    page = Paginator(found, DOCUMENTS_PAGE).get_page(request.GET.get("page"))
    # "partnerships.change_document", asked once per page rather than per document.
    change_any = user.has_perm("partnerships.change_any_document", partnership)
    change_own = user.is_authenticated and user.has_perm(
        "partnerships.change_own_documents", partnership
    )
    for document in page.object_list:
        document.partnership = partnership
        document.can_change = change_any or (change_own and document.uploaded_by_id == user.pk)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "partnerships/documents.html",
        {
            "partnership": partnership,
            "page": page,
            "filter_form": filter_form,
            "querystring": params.urlencode(),
            "reserved": reserved,
            "upload_form": upload_form,
            "can_read_forum": user.has_perm("partnerships.view_forum", partnership),
            "tab": "documents",
        },
        status=status,
    )


def document_file(request, slug, pk):
    """The file, after the permission check: a members-only document is a 404 to anyone but
    the partnership's people and staff; a public one is served to anyone who sees the
    partnership. Never cached by shared caches (a document may become members-only)."""
    return _serve(_document(request, slug, pk, "partnerships.view_document"))


def _serve(stored):
    """A document's or an earlier version's file: PDFs and images open in the browser
    (sandboxed), anything else downloads under its original name."""
    return private_file(
        stored.file,
        content_type=validators.SERVED_TYPE.get(stored.content_type, stored.content_type),
        filename=stored.original_name,
        as_attachment=stored.content_type != validators.PDF
        and not stored.content_type.startswith("image/"),
        missing_message=_("The file of this document is missing."),
    )


def version_file(request, slug, pk, version):
    """An earlier file of a document: to whoever may see the document (else a 404)."""
    document = _document(request, slug, pk, "partnerships.view_document")
    earlier = DocumentVersion.objects.filter(pk=version, document=document).first()
    if earlier is None:
        raise Http404(_("No such version of this document."))
    return _serve(earlier)


@login_required
def edit_document(request, slug, pk):
    document = _document(request, slug, pk, "partnerships.change_document")
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        require_file=False,
        initial={
            "title": document.title,
            "category": document.category,
            "visibility": document.visibility,
            "dated_on": document.dated_on,
            "description": document.description,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_document(
                document=document, actor=request.user, upload=data.pop("file"), **data
            )
        except ValidationError as exc:
            form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The document is saved."))
            return redirect("partnerships:documents", slug=document.partnership.slug)
    return render(
        request,
        "partnerships/document_form.html",
        {
            "partnership": document.partnership,
            "document": document,
            "form": form,
            "versions": list(lists.versions_of(document)),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def delete_document(request, slug, pk):
    document = _document(request, slug, pk, "partnerships.change_document")
    try:
        services.delete_document(document=document, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, ValidationError):
            flash_error(request, exc)
        else:
            messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(title)s” is deleted.") % {"title": document.title})
    return redirect("partnerships:documents", slug=slug)


def export(request, slug, fmt: str = "csv"):
    """The documents the reader sees, as CSV (``export.csv``) or JSON (``export.json``)."""
    partnership = _partnership(request, slug)
    form = DocumentFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            " ".join(m for errors in form.errors.values() for m in errors),
            status=400,
            content_type="text/plain",
        )
    _reserved, found = _visible(request, partnership, form)
    rows = (
        {
            "title": d.title,
            "category": d.category,
            "visibility": d.visibility,
            "dated_on": d.dated_on.isoformat(),
            "file_name": d.original_name,
            "size": d.size,
            "content_type": d.content_type,
            "description": d.description,
            "url": request.build_absolute_uri(
                reverse("partnerships:document_file", kwargs={"slug": partnership.slug, "pk": d.pk})
            ),
        }
        for d in found.iterator(chunk_size=500)
    )
    if fmt == "json":
        return download(
            json.dumps({"partnership": partnership.slug, "documents": list(rows)}, indent=2),
            "application/json",
            f"{partnership.slug}-documents.json",
        )
    return csv_download(rows, CSV_COLUMNS, f"{partnership.slug}-documents.csv")
