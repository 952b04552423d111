"""Partnership pages: the public list and export, the partnership page with its life-cycle
actions, success stories, and the validation queue for staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.csv import csv_download
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.models import ProfileStatus
from clusterbridge.organisations.queries import memberships
from clusterbridge.partnerships.forms import (
    InviteForm,
    PartnershipFilterForm,
    PartnershipForm,
    ReturnForm,
    StoryForm,
)
from clusterbridge.partnerships.models import MemberState, PartnershipMember, PartnershipStatus
from clusterbridge.partnerships.queries import lists
from clusterbridge.partnerships.queries.search import PARTNERSHIPS
from clusterbridge.partnerships.services import partnerships as services
from clusterbridge.partnerships.services.stories import add_story

STORIES_PAGE = 20
DETAIL_DOCUMENTS = 5
CSV_COLUMNS = [
    "name",
    "acronym",
    "type",
    "coordinator",
    "coordinator_country",
    "programme",
    "starts_on",
    "ends_on",
    "target_countries",
    "sectors",
    "url",
]


def _filtered(request):
    form = PartnershipFilterForm(request.GET)
    return form, (form.to_query() if form.is_valid() else None)


def index(request):
    form, query = _filtered(request)
    template = "partnerships/_results.html" if request.htmx else "partnerships/index.html"
    if query is None:
        return render(request, template, {"form": form, "errors": form.error_list()}, status=400)
    results, facets = PARTNERSHIPS.run(query)
    page = Paginator(results, PARTNERSHIPS.page_size).get_page(form.cleaned_data.get("page") or 1)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "facets": facets,
        "querystring": params.urlencode(),
        "sorts": PARTNERSHIPS.sort_labels,
    }
    if request.user.is_authenticated and not request.htmx:
        context["mine"] = list(lists.partnerships_of_user(request.user)[:20])
        context["invitations"] = list(lists.invitations_for(request.user))
        context["can_propose"] = bool(memberships.organisation_ids_of(request.user, role="admin"))
        context["is_staff"] = request.user.has_perm("partnerships.validate_partnership")
    return render(request, template, context)


def export_csv(request):
    form, query = _filtered(request)
    if query is None:
        return HttpResponse(" ".join(form.error_list()), status=400, content_type="text/plain")
    found = PARTNERSHIPS.search(query).select_related("coordinator").prefetch_related("sectors")
    rows = (
        {
            "name": p.name,
            "acronym": p.acronym,
            "type": p.kind,
            "coordinator": p.coordinator.name,
            "coordinator_country": p.coordinator.country.code,
            "programme": p.programme,
            "starts_on": p.starts_on.isoformat() if p.starts_on else "",
            "ends_on": p.ends_on.isoformat() if p.ends_on else "",
            "target_countries": " ".join(str(c.code) for c in p.target_countries),
            "sectors": " ".join(s.code for s in p.sectors.all()),
            "url": request.build_absolute_uri(p.get_absolute_url()),
        }
        for p in found.iterator(chunk_size=500)
    )
    return csv_download(rows, CSV_COLUMNS, "partnerships.csv")


def _admin_organisations(user):
    return list(
        memberships.organisations_of(user, role="admin")
        .filter(status=ProfileStatus.PUBLISHED)
        .order_by("name")
    )


@login_required
def propose(request):
    organisations = _admin_organisations(request.user)
    form = PartnershipForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        coordinator = next(o for o in organisations if o.pk == data.pop("coordinator"))
        try:
            partnership = services.propose(actor=request.user, coordinator=coordinator, **data)
        except ValidationError as exc:
            form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "The partnership is proposed. Invite its members; staff validate it once two organisations have accepted."
                ),
            )
            return redirect(partnership.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "partnerships/propose.html",
        {"form": form, "organisations": organisations},
        status=status,
    )


def detail(request, slug):
    partnership = object_or_404(
        request, lists.partnership_pages(), "partnerships.view_partnership", slug=slug
    )
    user = request.user
    can_manage = user.has_perm("partnerships.manage_partnership", partnership)
    members = list(
        lists.members(
            partnership,
            states=(MemberState.ACCEPTED, MemberState.INVITED, MemberState.DECLINED)
            if can_manage or user.is_staff
            else (MemberState.ACCEPTED,),
        )
    )
    context = {
        "partnership": partnership,
        "members": members,
        "stories": list(lists.stories_of(partnership)) if partnership.is_published else [],
        "can_manage": can_manage,
        "can_validate": user.has_perm("partnerships.validate_partnership", partnership),
        "can_read_forum": user.has_perm("partnerships.view_forum", partnership),
        "can_add_story": user.has_perm("partnerships.add_story", partnership),
        "open": partnership.status != PartnershipStatus.WITHDRAWN,
        "tab": "overview",
    }
    reserved = user.has_perm("partnerships.view_reserved_documents", partnership)
    context["documents_reserved"] = reserved
    context["documents"] = list(
        lists.documents_of(partnership, reserved=reserved)[:DETAIL_DOCUMENTS]
    )
    context["can_add_document"] = user.has_perm("partnerships.add_document", partnership)
    if user.is_authenticated:
        admin_of = set(memberships.organisation_ids_of(user, role="admin"))
        context["my_invitations"] = (
            list(
                lists.members(partnership, states=(MemberState.INVITED,)).filter(
                    organisation_id__in=admin_of
                )
            )
            if admin_of
            else []
        )
    if can_manage and context["open"]:
        context["invite_form"] = InviteForm(exclude_ids=[m.organisation_id for m in members])
    if context["can_validate"]:
        context["return_form"] = ReturnForm()
    return render(request, "partnerships/detail.html", context)


def _managed(request, slug):
    return object_or_404(
        request, lists.partnership_pages(), "partnerships.manage_partnership", slug=slug
    )


@require_POST
@login_required
def invite(request, slug):
    partnership = _managed(request, slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    else:
        try:
            services.invite(
                partnership=partnership,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(
                request,
                _("%(name)s is invited.") % {"name": form.cleaned_data["organisation"].name},
            )
    return redirect(partnership.get_absolute_url())


@require_POST
@login_required
def answer(request, slug, pk):
    member = object_or_404(
        request,
        PartnershipMember.objects.select_related("partnership", "organisation"),
        "partnerships.answer_invitation",
        pk=pk,
        partnership__slug=slug,
    )
    choice = request.POST.get("answer")
    if choice not in ("accept", "decline"):
        messages.error(request, _("Answer “accept” or “decline”."))
    else:
        try:
            services.answer_invitation(member=member, actor=request.user, accept=choice == "accept")
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(
                request,
                _("%(name)s has accepted the invitation.") % {"name": member.organisation.name}
                if choice == "accept"
                else _("%(name)s has declined the invitation.")
                % {"name": member.organisation.name},
            )
    if request.user.has_perm("partnerships.view_partnership", member.partnership):
        return redirect(member.partnership.get_absolute_url())
    return redirect("partnerships:index")


def _staff_action(request, slug):
    return object_or_404(
        request, lists.partnership_pages(), "partnerships.validate_partnership", slug=slug
    )


@require_POST
@login_required
def validate(request, slug):
    partnership = _staff_action(request, slug)
    try:
        services.validate(partnership=partnership, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The partnership is published."))
    return redirect(partnership.get_absolute_url())


@require_POST
@login_required
def send_back(request, slug):
    partnership = _staff_action(request, slug)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(partnership.get_absolute_url())
    try:
        services.send_back(
            partnership=partnership, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The partnership is sent back to its coordinator."))
    return redirect(partnership.get_absolute_url())


@require_POST
@login_required
def resubmit(request, slug):
    partnership = _managed(request, slug)
    try:
        services.resubmit(partnership=partnership, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The partnership is submitted for validation again."))
    return redirect(partnership.get_absolute_url())


@require_POST
@login_required
def withdraw(request, slug):
    partnership = _managed(request, slug)
    try:
        services.withdraw(partnership=partnership, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The partnership is withdrawn."))
    return redirect(partnership.get_absolute_url())


@login_required
def queue(request):
    if not request.user.has_perm("partnerships.validate_partnership"):
        raise Http404("No such page.")
    return render(request, "partnerships/queue.html", {"partnerships": list(lists.to_validate())})


def stories(request):
    page = Paginator(lists.public_stories(), STORIES_PAGE).get_page(request.GET.get("page"))
    return render(request, "partnerships/stories.html", {"page": page})


@login_required
def new_story(request, slug):
    partnership = object_or_404(
        request, lists.partnership_pages(), "partnerships.add_story", slug=slug
    )
    organisations = [m.organisation for m in lists.members(partnership)]
    form = StoryForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = set(data.pop("organisations"))
        try:
            add_story(
                partnership=partnership,
                actor=request.user,
                organisations=[o for o in organisations if o.pk in chosen],
                **data,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The success story is published."))
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "partnerships/story_form.html",
        {"form": form, "partnership": partnership},
        status=400 if request.method == "POST" else 200,
    )
