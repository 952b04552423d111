from django import forms


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    name = forms.CharField(max_length=150, label="Full name")

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label="Type your e-mail address to confirm",
        help_text="Your personal data is deleted; your organisations' public profiles stay.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"].strip().lower()
        if value != self.user.email.lower():
            raise forms.ValidationError("This is not the e-mail address of your account.")
        return value
