from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


def _consent_label() -> str:
    return format_html(
        _(
            'I accept the <a href="{terms}">terms of use</a> and the <a href="{privacy}">privacy notice</a>.'
        ),
        terms=reverse_lazy("page", args=["terms"]),
        privacy=reverse_lazy("page", args=["privacy"]),
    )


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: the name, and consent to the terms."""

    name = forms.CharField(max_length=150, label=_("Full name"))
    accept_terms = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        error_messages={
            "required": _("Accept the terms of use and the privacy notice to create an account.")
        },
    )

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        # The consents are recorded by accounts.receivers.record_consents_at_signup.


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label=_("Type your e-mail address to confirm"),
        help_text=_("Your personal data is deleted; your organisations' public profiles stay."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"].strip().lower()
        if value != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return value
