from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organisations.submitted": _("Profile submitted for validation"),
    "organisations.published": _("Profile published"),
    "organisations.returned": _("Profile sent back for changes"),
    "organisations.members_changed": _("Members or roles changed"),
    "organisations.link_proposed": _("Member organisation link proposed"),
    "organisations.link_confirmed": _("Member organisation link confirmed"),
    "organisations.link_declined": _("Member organisation link declined"),
    "organisations.link_ended": _("Member organisation link ended"),
}
