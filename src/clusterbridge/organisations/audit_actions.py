from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organisations.submitted": _("Profile submitted for validation"),
    "organisations.published": _("Profile published"),
    "organisations.returned": _("Profile sent back for changes"),
    "organisations.members_changed": _("Members or roles changed"),
}
