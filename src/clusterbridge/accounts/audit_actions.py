from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.staff_login": _("Staff login"),
    "accounts.personal_data_exported": _("Personal data exported"),
    "accounts.deleted": _("Account deleted"),
}
