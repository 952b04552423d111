from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "marketplace.unpublished": _("Opportunity unpublished by staff"),
    "marketplace.report_resolved": _("Report resolved"),
}
