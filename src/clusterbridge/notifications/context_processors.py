from clusterbridge.notifications.models import Notification


def unread(request):
    """Unread count for the navigation bar (one small indexed query per page for members)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at=None).count()}
