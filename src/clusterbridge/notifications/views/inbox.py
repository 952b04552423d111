from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.badinput import bad_request
from clusterbridge.notifications.forms import EmailSettingsForm
from clusterbridge.notifications.forms.inbox import MarkReadForm
from clusterbridge.notifications.models import Notification
from clusterbridge.notifications.queries import preferences_of
from clusterbridge.notifications.services.notify import mark_read, set_email_choices


@login_required
def inbox_view(request):
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read_view(request):
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        return bad_request(request, " ".join(form.errors["id"]))
    mark_read(user=request.user, notification_ids=form.cleaned_data["id"] or None)
    return redirect("notifications:inbox")


@login_required
def settings_view(request):
    form = EmailSettingsForm(request.POST or None, current=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        set_email_choices(user=request.user, choices=form.choices_by_kind())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
