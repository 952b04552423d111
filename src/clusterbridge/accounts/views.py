from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from clusterbridge.accounts.forms import DeleteAccountForm
from clusterbridge.accounts.services import privacy
from clusterbridge.organisations.models import Invitation, Membership


@login_required
def dashboard_view(request):
    context = {
        "memberships": Membership.objects.filter(user=request.user).select_related("organisation"),
        "invitations": Invitation.objects.filter(
            email__iexact=request.user.email, accepted_at=None, revoked_at=None
        ).select_related("organisation"),
        "token": Token.objects.filter(user=request.user).first(),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def privacy_view(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.delete_account(user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, "Your account and personal data were deleted.")
            return redirect("home")
    return render(
        request,
        "accounts/privacy.html",
        {"form": form, "sole_admin_of": privacy.sole_admin_of(request.user)},
    )


@login_required
def export_view(request):
    data = privacy.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-clusterbridge-data.json"'
    return response


@login_required
@require_POST
def token_view(request):
    Token.objects.filter(user=request.user).delete()
    if request.POST.get("action") != "revoke":
        Token.objects.create(user=request.user)
        messages.success(request, "A new API token was created; the old one no longer works.")
    else:
        messages.success(request, "Your API token was revoked.")
    return redirect("accounts:dashboard")
