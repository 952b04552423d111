"""Links between cluster organisations and their member organisations: the administrators'
page (both sides), the actions on a link, and the public export of a cluster's members."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.csv import csv_download
from clusterbridge.common.downloads import download
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.forms.links import (
    FIND_CLUSTERS,
    FIND_MEMBERS,
    FindForm,
    LinkActionForm,
    ProposeForm,
)
from clusterbridge.organisations.models import LinkSide, LinkStatus, MemberLink, Organisation
from clusterbridge.organisations.queries import links
from clusterbridge.organisations.services import links as link_services

EXPORT_COLUMNS = [
    "name",
    "acronym",
    "kind",
    "country",
    "region",
    "city",
    "website",
    "member_since",
    "url",
]


def _managed(request, slug: str) -> Organisation:
    return object_or_404(
        request, Organisation.objects.all(), "organisations.manage_member_links", slug=slug
    )


@login_required
def links_view(request, slug: str):
    organisation = _managed(request, slug)
    rows = list(links.links_of(organisation))
    as_cluster = [link for link in rows if link.cluster_id == organisation.pk]
    as_member = [link for link in rows if link.member_id == organisation.pk]

    def split(items, own_side):
        return {
            "confirmed": [lk for lk in items if lk.status == LinkStatus.CONFIRMED],
            "to_decide": [
                lk
                for lk in items
                if lk.status == LinkStatus.PROPOSED and lk.proposed_by_side != own_side
            ],
            "sent": [
                lk
                for lk in items
                if lk.status == LinkStatus.PROPOSED and lk.proposed_by_side == own_side
            ],
            "past": [lk for lk in items if lk.status in (LinkStatus.DECLINED, LinkStatus.ENDED)][
                :20
            ],
        }

    find = FindForm(request.GET if "q" in request.GET else None)
    found, finding = [], ""
    if find.is_bound and find.is_valid():
        finding = find.cleaned_data["find"]
        if finding == FIND_MEMBERS and not organisation.has_members:
            finding = ""
        else:
            found = links.candidates(
                organisation=organisation,
                text=find.cleaned_data["q"],
                as_cluster=finding == FIND_MEMBERS,
            )
    context = {
        "organisation": organisation,
        "members": split(as_cluster, LinkSide.CLUSTER),
        "clusters": split(as_member, LinkSide.MEMBER),
        "find": find,
        "finding": finding,
        "found": found,
        "query": find.data.get("q", "") if find.is_bound else "",
        "FIND_MEMBERS": FIND_MEMBERS,
        "FIND_CLUSTERS": FIND_CLUSTERS,
    }
    return render(request, "organisations/links.html", context)


@login_required
@require_POST
def propose_view(request, slug: str):
    organisation = _managed(request, slug)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation from the search results."))
        return redirect("organisations:links", slug=slug)
    other = Organisation.objects.filter(slug=form.cleaned_data["other"]).first()
    if other is None or not request.user.has_perm("organisations.view_organisation", other):
        messages.error(request, _("No published organisation with this address."))
        return redirect("organisations:links", slug=slug)
    if form.cleaned_data["role"] == "member":
        cluster, member = organisation, other
    else:
        cluster, member = other, organisation
    try:
        link = link_services.propose_link(cluster=cluster, member=member, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        if link.status == LinkStatus.CONFIRMED:
            text = _("{member} is now listed as a member of {cluster}.")
        elif link.proposed_by_side == LinkSide.CLUSTER:
            text = _(
                "{member} is asked to confirm that it is a member of {cluster}; it is listed once "
                "its administrators confirm."
            )
        else:
            text = _(
                "{cluster} is asked to confirm that {member} is a member; it is listed once its "
                "administrators confirm."
            )
        messages.success(request, text.format(member=member.name, cluster=cluster.name))
    return redirect("organisations:links", slug=slug)


@login_required
@require_POST
def link_action_view(request, slug: str, link_id: int):
    organisation = _managed(request, slug)
    link = (
        MemberLink.objects.select_related("cluster", "member")
        .filter(Q(cluster=organisation) | Q(member=organisation), pk=link_id)
        .first()
    )
    if link is None:
        raise Http404("No such link.")
    form = LinkActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("action", [])))
        return redirect("organisations:links", slug=slug)
    action = form.cleaned_data["action"]
    service = {
        "confirm": link_services.confirm_link,
        "decline": link_services.decline_link,
        "end": link_services.end_link,
    }[action]
    try:
        service(link=link, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        names = {"member": link.member.name, "cluster": link.cluster.name}
        text = {
            "confirm": _("{member} is now listed as a member of {cluster}."),
            "decline": _("You declined to list {member} as a member of {cluster}."),
            "end": _("{member} is no longer listed as a member of {cluster}."),
        }[action]
        messages.success(request, text.format(**names))
    return redirect("organisations:links", slug=slug)


def _export_rows(cluster: Organisation):
    for link in links.member_rows(cluster).iterator(chunk_size=500):
        member = link.member
        yield {
            "name": member.name,
            "acronym": member.acronym,
            "kind": str(member.get_kind_display()),
            "country": member.country.code,
            "region": member.nuts_region.code if member.nuts_region else "",
            "city": member.city,
            "website": member.website,
            "member_since": link.confirmed_at.date().isoformat() if link.confirmed_at else "",
            "url": member.get_absolute_url(),
        }


def members_export_view(request, slug: str, fmt: str):
    """A cluster's confirmed member organisations (public data) as CSV or JSON."""
    cluster = object_or_404(
        request, Organisation.objects.all(), "organisations.view_organisation", slug=slug
    )
    if not cluster.has_members:
        raise Http404("This organisation has no members.")
    filename = f"members-{cluster.slug}"
    if fmt == "json":
        payload = json.dumps(
            {"cluster": cluster.slug, "members": list(_export_rows(cluster))}, ensure_ascii=False
        )
        return download(payload, "application/json", f"{filename}.json")
    return csv_download(_export_rows(cluster), EXPORT_COLUMNS, f"{filename}.csv")
