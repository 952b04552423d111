from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from clusterbridge.accounts.forms import DeleteAccountForm
from clusterbridge.accounts.services import preferences, privacy
from clusterbridge.common import audit, hub
from clusterbridge.common.downloads import download


@login_required
def dashboard_view(request):
    """The account hub: each app's section (my organisations, events, …), then the account."""
    context = {
        "sections": hub.sections(request),
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
            messages.success(request, _("Your account and personal data were deleted."))
            return redirect("home")
    return render(
        request,
        "accounts/privacy.html",
        {"form": form, "blockers": privacy.deletion_blockers(request.user)},
    )


@login_required
def export_view(request):
    data = privacy.export_personal_data(request.user)
    audit.record_export(actor=request.user, action="accounts.personal_data_exported")
    return download(
        json.dumps(data, indent=2, ensure_ascii=False),
        "application/json",
        "my-clusterbridge-data.json",
    )


@login_required
@require_POST
def token_view(request):
    Token.objects.filter(user=request.user).delete()
    if request.POST.get("action") != "revoke":
        Token.objects.create(user=request.user)
        messages.success(request, _("A new API token was created; the old one no longer works."))
    else:
        messages.success(request, _("Your API token was revoked."))
    return redirect("accounts:dashboard")


@require_POST
def language_view(request):
    """The language switcher: a cookie for everyone, and the account's setting when signed in."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    try:
        preferences.validate_language(language)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(target)
    if request.user.is_authenticated:
        preferences.set_language(user=request.user, language=language)
    translation.activate(language)
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
