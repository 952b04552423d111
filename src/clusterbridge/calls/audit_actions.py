from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "calls.posted": _("Call posted"),
    "calls.withdrawn": _("Call withdrawn"),
    "calls.published": _("Joint call published"),
    "calls.agency_added": _("Agency added to a joint call"),
    "calls.agency_removed": _("Agency removed from a joint call"),
    "calls.proposal_started": _("Proposal started"),
    "calls.partner_set": _("Proposal partner set"),
    "calls.partner_removed": _("Proposal partner removed"),
    "calls.proposal_submitted": _("Proposal submitted"),
    "calls.followed": _("Call followed"),
    "calls.unfollowed": _("Call no longer followed"),
}
