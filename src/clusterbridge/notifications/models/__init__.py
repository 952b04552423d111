from clusterbridge.notifications.models.notification import (
    EmailChoice,
    Notification,
    NotificationPreference,
)

__all__ = ["EmailChoice", "Notification", "NotificationPreference"]
