"""Call pages: the faceted list and its CSV, the calendar feed, "for you", a call's page,
posting, following and withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.calls import wording
from clusterbridge.calls.exports import deadlines_ics
from clusterbridge.calls.forms import STAFF, CallFilterForm, CallForm
from clusterbridge.calls.models import Call
from clusterbridge.calls.queries import evaluation, figures, joint, lists
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.calls.rules import is_funding_agency, is_proposer
from clusterbridge.calls.services import calls as services
from clusterbridge.common.csv import csv_download
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.models import OrganisationKind
from clusterbridge.organisations.queries import memberships

CSV_COLUMNS = [
    "title",
    "programme",
    "funders",
    "level",
    "type",
    "next_deadline",
    "deadlines",
    "budget_eur",
    "funding_rate",
    "eligible_kinds",
    "eligible_countries",
    "sectors",
    "link",
    "url",
]


def _filtered(request):
    form = CallFilterForm(request.GET)
    return form, (form.to_query() if form.is_valid() else None)


def _posters(user):
    if not user.is_authenticated:
        return []
    return [
        o
        for o in memberships.organisations_of(user, role="admin").order_by("name")
        if is_funding_agency(o)
    ]


def proposers(user):
    """The organisations for which the user may prepare proposals (published clusters)."""
    if not user.is_authenticated:
        return []
    return [o for o in memberships.organisations_of(user).order_by("name") if is_proposer(o)]


def index(request):
    form, query = _filtered(request)
    template = "calls/_results.html" if request.htmx else "calls/index.html"
    if query is None:
        return render(request, template, {"form": form, "errors": form.error_list()}, status=400)
    results, facets = CALLS.run(query)
    page = Paginator(results, CALLS.page_size).get_page(form.cleaned_data.get("page") or 1)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "facets": facets,
        "querystring": params.urlencode(),
        "sorts": CALLS.sort_labels,
        "now": timezone.now(),
    }
    if request.user.is_authenticated and not request.htmx:
        context["can_post"] = request.user.has_perm("calls.post_call") or bool(
            _posters(request.user)
        )
        context["followed"] = list(lists.followed_calls(request.user)[:20])
        context["has_reviews"] = evaluation.assignments_of(request.user).exists()
    return render(request, template, context)


def _export_rows(request, found):
    for c in found.iterator(chunk_size=500):
        yield {
            "title": c.title,
            "programme": c.programme,
            "funders": c.funder_names,
            "level": c.level,
            "type": c.kind,
            "next_deadline": c.next_deadline.isoformat() if c.next_deadline else "",
            "deadlines": " ".join(s.deadline.isoformat() for s in c.stages.all()),
            "budget_eur": "" if c.budget_eur is None else str(c.budget_eur),
            "funding_rate": "" if c.funding_rate is None else str(c.funding_rate),
            "eligible_kinds": " ".join(c.eligible_kinds),
            "eligible_countries": " ".join(str(code) for code in c.eligible_countries),
            "sectors": " ".join(s.code for s in c.sectors.all()),
            "link": c.link,
            "url": request.build_absolute_uri(c.get_absolute_url()),
        }


def export_csv(request):
    form, query = _filtered(request)
    if query is None:
        return HttpResponse(" ".join(form.error_list()), status=400, content_type="text/plain")
    found = CALLS.search(query).prefetch_related("sectors", "stages")
    return csv_download(_export_rows(request, found), CSV_COLUMNS, "calls.csv")


def export_json(request):
    """The same rows as the CSV, as JSON ({"count": n, "results": [...]})."""
    form, query = _filtered(request)
    if query is None:
        return JsonResponse({"errors": form.error_list()}, status=400)
    found = CALLS.search(query).prefetch_related("sectors", "stages")
    results = [
        {**row, "deadlines": row["deadlines"].split()} for row in _export_rows(request, found)
    ]
    response = JsonResponse({"count": len(results), "results": results})
    response["Content-Disposition"] = 'attachment; filename="calls.json"'
    return response


def calendar(request):
    stages = lists.deadline_stages(since=timezone.now())
    response = HttpResponse(deadlines_ics(stages), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="call-deadlines.ics"'
    return response


@login_required
def for_you(request):
    organisations = memberships.organisations_of(request.user).prefetch_related(
        "sectors", "ecosystems", "technologies"
    )
    matches = lists.for_you(organisations, now=timezone.now())
    return render(
        request,
        "calls/for_you.html",
        {"matches": matches, "has_organisation": organisations.exists()},
    )


def detail(request, slug):
    call = object_or_404(request, lists.visible_calls(), "calls.view_call", slug=slug)
    following = call.pk in lists.followed_ids(request.user)
    now = timezone.now()
    can_evaluate = request.user.has_perm("calls.manage_evaluation", call)
    extra = {}
    if call.is_joint:
        extra = {
            "agencies": [(a, wording.rules_in_words(a)) for a in joint.agencies_of(call)],
            "activities": joint.activity_labels(call.activities),
            "submission_deadline": joint.submission_deadline(call),
            "accepts_proposals": joint.accepts_proposals(call, now),
            "can_propose": bool(proposers(request.user)),
            "my_proposals": list(joint.proposals_of(request.user, call)),
        }
    return render(
        request,
        "calls/detail.html",
        {
            **extra,
            "call": call,
            "stages": list(call.stages.all()),
            "following": following,
            "can_change": request.user.has_perm("calls.change_call", call),
            "can_evaluate": can_evaluate,
            "figures": (
                figures.call_figures(call)
                if call.is_joint and (can_evaluate or figures.figures_public(call, now))
                else None
            ),
            "now": now,
            "time_zone": timezone.get_current_timezone_name(),
            "kind_labels": [
                OrganisationKind(kind).label
                for kind in call.eligible_kinds
                if kind in OrganisationKind.values
            ],
        },
    )


@login_required
def post(request):
    posters = _posters(request.user)
    staff = request.user.has_perm("calls.post_call")
    if not posters and not staff:
        return render(request, "calls/cannot_post.html", status=403)
    form = CallForm(request.POST or None, posters=posters, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        poster = data.pop("poster")
        organisation = None if poster == STAFF else next(o for o in posters if str(o.pk) == poster)
        stage_names = [data.pop("stage1_name"), data.pop("stage2_name")]
        data.pop("stage1_deadline")
        data.pop("stage2_deadline")
        try:
            call = services.post_call(
                actor=request.user, organisation=organisation, stage_names=stage_names, **data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if call.is_joint:
                messages.success(
                    request,
                    _("The joint call is saved as a draft: add its agencies, then publish it."),
                )
                return redirect("calls:manage", slug=call.slug)
            messages.success(request, _("The call is published."))
            return redirect(call)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "calls/post.html",
        {"form": form, "time_zone": timezone.get_current_timezone_name()},
        status=status,
    )


@login_required
@require_POST
def follow(request, slug):
    call = object_or_404(request, Call.objects.all(), "calls.view_call", slug=slug)
    try:
        if request.POST.get("follow") == "0":
            services.unfollow(actor=request.user, call=call)
            messages.success(request, _("You no longer follow this call."))
        else:
            services.follow(actor=request.user, call=call)
            messages.success(
                request, _("You follow this call: you will be reminded of its deadlines.")
            )
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect(call)


@login_required
@require_POST
def withdraw(request, slug):
    call = object_or_404(request, Call.objects.all(), "calls.change_call", slug=slug)
    try:
        services.withdraw_call(actor=request.user, call=call)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The call is withdrawn."))
    return redirect("calls:index")


FIGURE_COLUMNS = ["agency", "budget_eur", "requested_eur", "granted_eur", "requested_per_budget"]


def figures_csv(request, slug):
    """The budget figures per agency of a joint call (public once it is closed)."""
    call = object_or_404(
        request, lists.visible_calls().filter(is_joint=True), "calls.view_call", slug=slug
    )
    if not (
        figures.figures_public(call, timezone.now())
        or request.user.has_perm("calls.manage_evaluation", call)
    ):
        raise Http404
    found = figures.call_figures(call)
    rows = (
        {
            "agency": a.name,
            "budget_eur": a.budget_eur,
            "requested_eur": a.requested_eur,
            "granted_eur": "" if a.granted_eur is None else a.granted_eur,
            "requested_per_budget": a.oversubscription if a.oversubscription is not None else "",
        }
        for a in found.agencies
    )
    return csv_download(rows, FIGURE_COLUMNS, f"{call.slug}-figures.csv")
