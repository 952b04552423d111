"""Organisation administrators: create and edit profiles, submit them, manage members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common import audit
from clusterbridge.common.feedback import form_error
from clusterbridge.common.queries import audit_entries
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.completeness import profile_completeness
from clusterbridge.organisations.forms.profile import (
    ContactPersonFormSet,
    InviteForm,
    OrganisationProfileForm,
    RoleForm,
)
from clusterbridge.organisations.models import Membership, Organisation
from clusterbridge.organisations.services import memberships, profiles


@login_required
def create_view(request):
    form = OrganisationProfileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = profiles.create_organisation(
                actor=request.user, data=form.profile_data()
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Your draft profile is saved. Submit it for validation when it is complete."),
            )
            return redirect(organisation)
    return render(request, "organisations/edit.html", {"form": form, "creating": True})


@login_required
def edit_view(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.change_organisation", slug=slug
    )
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    contacts = ContactPersonFormSet(
        request.POST or None,
        prefix="contacts",
        initial=list(organisation.contacts.values("name", "role", "email", "phone")),
    )
    # Of the stored profile: validating the form writes the posted values onto the instance.
    completeness = profile_completeness(organisation)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            with transaction.atomic():
                organisation = profiles.update_profile(
                    organisation=organisation, actor=request.user, data=form.profile_data()
                )
                profiles.set_contacts(
                    organisation=organisation,
                    actor=request.user,
                    contacts=[
                        c.cleaned_data
                        for c in contacts.forms
                        if c.cleaned_data and not c.cleaned_data.get("DELETE")
                    ],
                )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(organisation)
    return render(
        request,
        "organisations/edit.html",
        {
            "form": form,
            "organisation": organisation,
            "contacts": contacts,
            "completeness": completeness,
        },
    )


@login_required
@require_POST
def submit_view(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.submit_organisation", slug=slug
    )
    try:
        profiles.submit_for_validation(organisation=organisation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Submitted. Platform staff will review the profile."))
    return redirect(organisation)


@login_required
def members_view(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.manage_members", slug=slug
    )
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = memberships.invite_member(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request, _("An invitation was sent to {email}.").format(email=invitation.email)
            )
            return redirect("organisations:members", slug=slug)
    context = {
        "organisation": organisation,
        "form": form,
        "memberships": organisation.memberships.select_related("user").order_by("user__name"),
        "invitations": organisation.invitations.filter(accepted_at=None, revoked_at=None),
        "role_form": RoleForm(),
    }
    return render(request, "organisations/members.html", context)


@login_required
@require_POST
def member_update_view(request, slug: str, membership_id: int):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.manage_members", slug=slug
    )
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    try:
        if request.POST.get("action") == "remove":
            memberships.remove_member(membership=membership, actor=request.user)
            messages.success(request, _("{person} was removed.").format(person=membership.user))
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a role: member or administrator."))
            membership = memberships.change_role(
                membership=membership, actor=request.user, role=form.cleaned_data["role"]
            )
            messages.success(
                request,
                _("{person} is now {role}.").format(
                    person=membership.user, role=membership.get_role_display().lower()
                ),
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("organisations:members", slug=slug)


@login_required
def history_view(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.view_history", slug=slug
    )
    history = organisation.history.select_related("actor")
    # The audit log's entries about this organisation from the other apps (labels, events,
    # marketplace); its own profile changes are the history above.
    labels = audit.action_labels()
    activity = list(
        audit_entries(organisation_id=organisation.pk).exclude(action__startswith="organisations.")[
            :100
        ]
    )
    for entry in activity:
        entry.action_label = labels.get(entry.action, entry.action)
    return render(
        request,
        "organisations/history.html",
        {"organisation": organisation, "history": history, "activity": activity},
    )


def invitation_view(request, token: str):
    invitation = memberships.open_invitation(token)
    if invitation is None:
        return render(request, "organisations/invitation.html", {"invalid": True}, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            with transaction.atomic():
                membership = memberships.accept_invitation(token=token, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("You joined {organisation}.").format(organisation=membership.organisation.name),
            )
            return redirect(membership.organisation)
    return render(request, "organisations/invitation.html", {"invitation": invitation})
