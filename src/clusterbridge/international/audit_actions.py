from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "international.page_created": _("Country page created"),
    "international.page_changed": _("Country page changed"),
    "international.page_published": _("Country page published"),
    "international.page_unpublished": _("Country page unpublished"),
    "international.arrangement_added": _("Administrative arrangement added"),
    "international.arrangement_removed": _("Administrative arrangement removed"),
    "international.gateway_added": _("Gateway added"),
    "international.gateway_removed": _("Gateway removed"),
}
