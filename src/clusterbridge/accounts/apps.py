from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "clusterbridge.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from clusterbridge.accounts import receivers

        user_logged_in.connect(receivers.log_staff_login, dispatch_uid="accounts.log_staff_login")
        user_signed_up.connect(
            receivers.record_consents_at_signup, dispatch_uid="accounts.record_consents_at_signup"
        )
