"""Personal data of the notifications app (see clusterbridge.common.privacy)."""


def export(user) -> dict:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in user.notifications.all()
        ],
        "email_settings": dict(user.notification_preferences.values_list("kind", "email")),
    }
