from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clusterbridge.notifications.models import Notification
from clusterbridge.notifications.services.notify import mark_read


@login_required
def inbox_view(request):
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read_view(request):
    ids = request.POST.getlist("id")
    mark_read(user=request.user, notification_ids=[int(i) for i in ids if i.isdigit()] or None)
    return redirect("notifications:inbox")
