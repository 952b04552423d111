from django.conf import settings

# The header's menu items: the page each one opens, as (URL namespace, URL name).
MENU_PAGES = {
    "directory": ("organisations", "directory"),
    "map": ("organisations", "map"),
    "events": ("events", "calendar"),
    "marketplace": ("marketplace", "search"),
    "benchmarking": ("benchmarking", "index"),
    "observatory": ("observatory", "index"),
    "partnerships": ("partnerships", "index"),
    "calls": ("calls", "index"),
    "international": ("international", "index"),
    "account": ("accounts", "dashboard"),
    "messages": ("marketplace", "inbox"),
    "notifications": ("notifications", "inbox"),
    "moderation": ("organisations", "moderation"),
    "reports": ("marketplace", "reports"),
    "login": ("", "account_login"),
    "signup": ("", "account_signup"),
}
# The item a page below it belongs to: by namespace, with exceptions by URL name.
SECTIONS = {
    "organisations": (
        "directory",
        {"map": "map", "moderation": "moderation", "review": "moderation"},
    ),
    "marketplace": (
        "marketplace",
        {
            "inbox": "messages",
            "conversation": "messages",
            "reports": "reports",
            "resolve": "reports",
        },
    ),
    "events": ("events", {}),
    "benchmarking": ("benchmarking", {}),
    "observatory": ("observatory", {}),
    "partnerships": ("partnerships", {}),
    "calls": ("calls", {}),
    "international": ("international", {}),
    "notifications": ("notifications", {}),
    "accounts": ("account", {}),
}


def current_menu_item(request) -> dict[str, str]:
    """{item: "page"} for the menu item of the page shown, {item: "true"} for the item of the
    section a page belongs to (an event's page is in "Events"): the values of aria-current."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    place = (match.namespace, match.url_name)
    for item, page in MENU_PAGES.items():
        if page == place:
            return {item: "page"}
    default, exceptions = SECTIONS.get(match.namespace, ("", {}))
    item = exceptions.get(match.url_name, default)
    return {item: "true"} if item else {}


def site(request):
    from clusterbridge.common.pages import footer_links

    return {
        "FOOTER_PAGES": footer_links(),
        "NAV_CURRENT": current_menu_item(request),
        "SITE_NAME": settings.SITE_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
