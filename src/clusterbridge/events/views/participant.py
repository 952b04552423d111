"""Matchmaking for participants: card, browse, recommendations, requests, agenda, outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from clusterbridge.events import exports
from clusterbridge.events.forms import AvailabilityForm, CardForm, OutcomeForm, RequestForm
from clusterbridge.events.models import Event, Meeting, MeetingRequest, Registration
from clusterbridge.events.queries import agenda as agenda_q
from clusterbridge.events.services import matchmaking, outcomes
from clusterbridge.events.views._util import download, flash_error, form_error
from clusterbridge.matching import Card, recommend
from clusterbridge.taxonomy.models import ClusterCategory, Technology


def _mine(request, slug) -> Registration:
    """The current user's admitted registration at a matchmaking event, else 404."""
    reg = (
        Registration.objects.select_related("event", "user", "organisation")
        .filter(event__slug=slug, user=request.user, status="admitted", event__kind="matchmaking")
        .first()
    )
    if reg is None:
        raise Http404(_("No such page."))
    return reg


def _card(r: Registration) -> Card:
    # Free technology keywords count as part of what a participant offers.
    return Card(
        id=r.pk, country=r.country, sectors=frozenset(r.sectors),
        technologies=frozenset(r.technologies), interest_countries=frozenset(r.interest_countries),
        offer=" ".join([r.offer, *r.technology_keywords]), seek=r.seek,
        organisation=r.organisation_id,
    )  # fmt: skip


def _labels() -> dict[str, str]:
    """Sector and technology names by code, in the active language."""
    labels = ClusterCategory.objects.labels()
    labels.update(Technology.objects.labels())
    return labels


@login_required
def participants_view(request, slug):
    me = _mine(request, slug)
    event = me.event
    others = list(
        event.registrations.filter(status="admitted")
        .exclude(pk=me.pk)
        .select_related("user", "organisation")
    )
    q = request.GET.get("q", "").strip().lower()
    country = request.GET.get("country", "")
    sector = request.GET.get("sector", "")
    labels = _labels()
    for r in others:
        r.technology_labels = [labels.get(c, c) for c in r.technologies] + r.technology_keywords
    shown = [
        r for r in others
        if (not q or q in " ".join([r.display_name, r.offer, r.seek, *r.technology_labels]).lower())
        and (not country or r.country == country)
        and (not sector or sector in r.sectors)
    ]  # fmt: skip
    names = dict(countries)
    recs = recommend(_card(me), [_card(r) for r in others], limit=8, labels=labels,
                     country_names=names)  # fmt: skip
    by_id = {r.pk: r for r in others}
    sent = set(
        MeetingRequest.objects.filter(sender=me).values_list("recipient_id", flat=True)
    ) | set(MeetingRequest.objects.filter(recipient=me).values_list("sender_id", flat=True))
    return render(
        request,
        "events/participants.html",
        {
            "event": event, "me": me, "participants": shown, "sent": sent,
            "recommendations": [(by_id[x.id], x.reasons) for x in recs],
            "sectors": ClusterCategory.objects.filter(code__in={s for r in others for s in r.sectors}),
            "countries": sorted({(r.country, names.get(r.country, r.country)) for r in others}),
            "labels": labels, "request_form": RequestForm(),
        },
    )  # fmt: skip


@login_required
def card_view(request, slug):
    me = _mine(request, slug)
    form = CardForm(request.POST or None, initial=CardForm.initial_for(me))
    if request.method == "POST" and form.is_valid():
        try:
            matchmaking.update_card(registration=me, actor=request.user, data=form.card_data())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your card is saved."))
            return redirect("events:participants", slug)
    return render(request, "events/card.html", {"event": me.event, "form": form})


@login_required
@require_POST
def send_request_view(request, slug, pk):
    me = _mine(request, slug)
    recipient = Registration.objects.filter(event=me.event, pk=pk).first()
    form = RequestForm(request.POST)
    try:
        if recipient is None:
            raise ValidationError(_("This person is not a registered participant of the event."))
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        matchmaking.send_request(
            sender=me, recipient=recipient, actor=request.user,
            message=form.cleaned_data["message"],
        )  # fmt: skip
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request, _("Your request was sent to %(name)s.") % {"name": recipient.display_name}
        )
    return redirect("events:participants", slug)


@login_required
def requests_view(request, slug):
    me = _mine(request, slug)
    related = ("sender__user", "sender__organisation", "recipient__user",
               "recipient__organisation")  # fmt: skip
    return render(
        request,
        "events/requests.html",
        {
            "event": me.event, "me": me,
            "received": MeetingRequest.objects.filter(recipient=me).select_related(*related),
            "sent": MeetingRequest.objects.filter(sender=me).select_related(*related),
        },
    )  # fmt: skip


@login_required
@require_POST
def answer_view(request, slug, pk):
    me = _mine(request, slug)
    req = MeetingRequest.objects.filter(recipient=me, pk=pk).first()
    if req is None:
        raise Http404(_("No such request."))
    try:
        matchmaking.answer_request(
            request=req, actor=request.user, accept=request.POST.get("answer") == "accept"
        )
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect("events:requests", slug)


@login_required
def availability_view(request, slug):
    me = _mine(request, slug)
    event = me.event
    status = 200
    if request.method == "POST":
        form = AvailabilityForm(request.POST)
        try:
            if not form.is_valid():
                status = 400
                raise ValidationError(form.errors["unavailable"])
            ids = form.cleaned_data["unavailable"]
            matchmaking.set_unavailable(
                registration=me, actor=request.user, slots=list(event.slots.filter(pk__in=ids))
            )
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("events:availability", slug)
    return render(
        request,
        "events/availability.html",
        {"event": event, "slots": event.slots.all(),
         "unavailable": set(me.unavailable_slots.values_list("pk", flat=True))},
        status=status,
    )  # fmt: skip


@login_required
def agenda_view(request, slug):
    me = _mine(request, slug)
    event: Event = me.event
    meetings = agenda_q.agenda(me) if event.agenda_published_at else []
    fmt = request.GET.get("format")
    if fmt == "pdf":
        return download(exports.agenda_pdf(event, me, meetings), "application/pdf",
                        f"{slug}-agenda.pdf")  # fmt: skip
    if fmt == "ics":
        return download(exports.agenda_ics(event, me, meetings), "text/calendar",
                        f"{slug}-agenda.ics")  # fmt: skip
    mine = {o.meeting_id: o for o in me.outcomes.all()}
    for m in meetings:
        m.where = exports.where(m)
        m.my_outcome = mine.get(m.pk)
    return render(
        request, "events/agenda.html",
        {"event": event, "me": me, "meetings": meetings, "outcome_form": OutcomeForm()},
    )  # fmt: skip


@login_required
@require_POST
def outcome_view(request, slug, pk):
    me = _mine(request, slug)
    meeting = (
        Meeting.objects.filter(event=me.event, participants=me, pk=pk)
        .select_related("slot")
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting."))
    form = OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        outcomes.record_outcome(meeting=meeting, registration=me, actor=request.user,
                                **form.cleaned_data)  # fmt: skip
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Thank you, the outcome is recorded."))
    return redirect("events:agenda", slug)
