"""Marketplace pages: search (the entry page), map, "for you", opportunity pages and posting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.marketplace.forms.opportunity import (
    AttachmentForm,
    InterestForm,
    OpportunityForm,
    PolicyForm,
    ReasonForm,
    SettingsForm,
)
from clusterbridge.marketplace.forms.search import SearchForm
from clusterbridge.marketplace.models import (
    DigestSubscription,
    ExpressionOfInterest,
    Follow,
    InterestStatus,
    Opportunity,
    OpportunityAttachment,
    PartnershipType,
    PostingPolicy,
)
from clusterbridge.marketplace.queries import search as search_queries
from clusterbridge.marketplace.queries.figures import marketplace_figures
from clusterbridge.marketplace.queries.recommendations import for_organisation
from clusterbridge.marketplace.rules import may_post_for
from clusterbridge.marketplace.services import digest, interests, opportunities
from clusterbridge.marketplace.services.interests import organisation_details
from clusterbridge.marketplace.views._helpers import serve_attachment
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.wording import reason_texts

PAGE_SIZE = search_queries.MARKETPLACE.page_size


def _my_organisations(user) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    return list(memberships.organisations_of(user).order_by("name"))


def search_view(request):
    form = SearchForm(request.GET)
    template = "marketplace/_results.html" if request.htmx else "marketplace/search.html"
    if not form.is_valid():
        return render(request, template, {"form": form, "errors": form.error_list()}, status=400)
    results, facets = search_queries.run(form.to_query())
    page = Paginator(results, PAGE_SIZE).get_page(form.cleaned_data.get("page") or 1)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "facets": facets,
            "querystring": params.urlencode(),
            "sorts": search_queries.SORTS,
        },
    )


def map_view(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "marketplace/map.html", {"errors": form.error_list()}, status=400)
    return render(request, "marketplace/map.html", {"querystring": request.GET.urlencode()})


def map_data(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": _("Invalid filter"), "messages": form.error_list()}, status=400
        )
    return HttpResponse(search_queries.map_json(form.to_query()), content_type="application/json")


@login_required
def for_you_view(request):
    organisations = _my_organisations(request.user)
    if not organisations:
        return render(request, "marketplace/for_you.html", {"organisations": []})
    chosen = organisations[0]
    if request.GET.get("organisation"):
        chosen = next((o for o in organisations if str(o.pk) == request.GET["organisation"]), None)
        if chosen is None:
            raise Http404("No such organisation.")
    return render(
        request,
        "marketplace/for_you.html",
        {
            "organisations": organisations,
            "organisation": chosen,
            "recommendations": reason_texts(for_organisation(chosen)),
        },
    )


def figures_view(request):
    return render(request, "marketplace/figures.html", {"figures": marketplace_figures()})


def detail_view(request, reference: str):
    opportunity = object_or_404(
        request,
        Opportunity.objects.select_related("organisation", "author").prefetch_related(
            "sectors", "technologies", "attachments"
        ),
        "marketplace.view_opportunity",
        reference=reference,
    )
    user = request.user
    can_change = user.has_perm("marketplace.change_opportunity", opportunity)
    my_orgs = [o for o in _my_organisations(user) if o.pk != opportunity.organisation_id]
    interested = set(
        ExpressionOfInterest.objects.filter(
            opportunity=opportunity, organisation__in=my_orgs
        ).values_list("organisation_id", flat=True)
    )
    can_express = [o for o in my_orgs if o.pk not in interested]
    context = {
        "opportunity": opportunity,
        "can_change": can_change,
        "can_moderate": user.has_perm("marketplace.moderate_opportunity", opportunity),
        "interests": opportunity.interests.select_related("organisation", "conversation")
        if can_change
        else [],
        # What the poster may set an interest to (a new interest is where it starts).
        "interest_choices": [c for c in InterestStatus.choices if c[0] != InterestStatus.NEW],
        "partnership_labels": [
            PartnershipType(p).label
            for p in opportunity.partnership_types
            if p in PartnershipType.values
        ],
        "following": user.is_authenticated
        and Follow.objects.filter(user=user, opportunity=opportunity).exists(),
        "interest_form": InterestForm(
            organisations=can_express,
            initial={
                "details": organisation_details(can_express[0]) if can_express else "",
                "cooperation_sought": (opportunity.partnership_types or ["technical"])[0],
            },
        )
        if can_express and opportunity.is_published
        else None,
        "attachment_form": AttachmentForm() if can_change else None,
        "reason_form": ReasonForm(),
    }
    return render(request, "marketplace/detail.html", context)


@login_required
def create_view(request):
    organisations = [o for o in _my_organisations(request.user) if may_post_for(request.user, o)]
    form = OpportunityForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
        try:
            opportunity = opportunities.create_opportunity(
                actor=request.user,
                organisation=organisation,
                data=form.opportunity_data(),
                publish=request.POST.get("action") == "publish",
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                (
                    _("{reference} is published.")
                    if opportunity.is_published
                    else _("{reference} is saved as a draft.")
                ).format(reference=opportunity.reference),
            )
            return redirect(opportunity)
    return render(
        request,
        "marketplace/edit.html",
        {"form": form, "creating": True, "no_organisation": not organisations},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def edit_view(request, reference: str):
    opportunity = object_or_404(
        request,
        Opportunity.objects.select_related("organisation"),
        "marketplace.change_opportunity",
        reference=reference,
    )
    initial = {
        "kind": opportunity.kind,
        "title": opportunity.title,
        "summary": opportunity.summary,
        "description": opportunity.description,
        "description_language": opportunity.description_language,
        "sectors": list(opportunity.sectors.values_list("code", flat=True)),
        "technologies": list(opportunity.technologies.values_list("code", flat=True)),
        "keywords": ", ".join(opportunity.keywords),
        "target_countries": [c.code for c in opportunity.target_countries],
        "partnership_types": opportunity.partnership_types,
        "development_stage": opportunity.development_stage,
        "ipr_status": opportunity.ipr_status,
        "deadline": opportunity.deadline,
    }
    form = OpportunityForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            opportunities.update_opportunity(
                opportunity=opportunity, actor=request.user, data=form.opportunity_data()
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(opportunity)
    return render(
        request,
        "marketplace/edit.html",
        {"form": form, "opportunity": opportunity},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def action_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.change_opportunity", reference=reference
    )
    action = request.POST.get("action")
    try:
        if action == "publish":
            opportunities.publish_opportunity(opportunity=opportunity, actor=request.user)
            messages.success(request, _("Published."))
        elif action == "renew":
            opportunities.renew_opportunity(opportunity=opportunity, actor=request.user)
            messages.success(request, _("Renewed for another 12 months."))
        elif action in ("closed_success", "closed_no_success", "withdrawn"):
            opportunities.close_opportunity(
                opportunity=opportunity, actor=request.user, outcome=action
            )
            messages.success(request, _("The opportunity is closed."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect(opportunity)


@login_required
@require_POST
def attachment_upload_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.change_opportunity", reference=reference
    )
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(opportunity)
    try:
        opportunities.add_attachment(
            opportunity=opportunity, actor=request.user, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The attachment is added."))
    return redirect(opportunity)


def attachment_view(request, reference: str, pk: int):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.view_opportunity", reference=reference
    )
    attachment = OpportunityAttachment.objects.filter(opportunity=opportunity, pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment.")
    return serve_attachment(attachment)


@login_required
@require_POST
def follow_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.view_opportunity", reference=reference
    )
    try:
        following = opportunities.set_follow(
            opportunity=opportunity, user=request.user, follow=request.POST.get("follow") == "1"
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("You follow this opportunity.") if following else _("You no longer follow it."),
        )
    return redirect(opportunity)


@login_required
@require_POST
def interest_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.view_opportunity", reference=reference
    )
    organisations = _my_organisations(request.user)
    form = InterestForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(opportunity)
    data = form.cleaned_data
    organisation = next(o for o in organisations if o.pk == data["organisation"])
    try:
        interest = interests.express_interest(
            opportunity=opportunity,
            actor=request.user,
            organisation=organisation,
            cooperation_sought=data["cooperation_sought"],
            missing_information=data["missing_information"],
            details=data["details"],
            message=data["message"],
        )
    except ValidationError as exc:
        flash_error(request, exc)
        return redirect(opportunity)
    messages.success(request, _("Your interest is sent; continue the conversation here."))
    return redirect(interest.conversation)


@login_required
@require_POST
def interest_status_view(request, pk: int):
    interest = object_or_404(
        request,
        ExpressionOfInterest.objects.select_related("opportunity__organisation"),
        "marketplace.decide_interest",
        pk=pk,
    )
    try:
        interests.set_interest_status(
            interest=interest, actor=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("The interest of {organisation} is updated.").format(
                organisation=interest.organisation.name
            ),
        )
    return redirect(interest.opportunity)


@login_required
def mine_view(request):
    organisations = _my_organisations(request.user)
    posts = (
        Opportunity.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("-created_at", "-id")
    )
    return render(request, "marketplace/mine.html", {"posts": posts})


@login_required
def settings_view(request):
    subscription = DigestSubscription.objects.filter(user=request.user).first()
    form = SettingsForm(
        request.POST or None, initial={"weekly_digest": bool(subscription and subscription.weekly)}
    )
    admin_of = list(
        memberships.organisations_of(request.user, role=memberships.Role.ADMIN).order_by("name")
    )
    policies = dict(
        PostingPolicy.objects.filter(organisation__in=admin_of).values_list(
            "organisation_id", "who"
        )
    )
    if request.method == "POST" and "who" in request.POST:
        policy_form = PolicyForm(request.POST)
        organisation = next(
            (o for o in admin_of if str(o.pk) == request.POST.get("organisation")), None
        )
        if organisation is None:
            raise Http404("No such organisation.")
        if policy_form.is_valid():
            try:
                opportunities.set_posting_policy(
                    organisation=organisation,
                    actor=request.user,
                    who=policy_form.cleaned_data["who"],
                )
            except ValidationError as exc:
                flash_error(request, exc)
            else:
                messages.success(
                    request,
                    _("Posting rules for {organisation} are saved.").format(
                        organisation=organisation.name
                    ),
                )
        return redirect("marketplace:settings")
    if request.method == "POST" and form.is_valid():
        digest.set_digest(user=request.user, weekly=form.cleaned_data["weekly_digest"])
        messages.success(request, _("Your marketplace settings are saved."))
        return redirect("marketplace:settings")
    return render(
        request,
        "marketplace/settings.html",
        {
            "form": form,
            "admin_of": [(o, policies.get(o.pk, PostingPolicy.Who.MEMBERS)) for o in admin_of],
            "who_choices": PostingPolicy.Who.choices,
        },
    )
