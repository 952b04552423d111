from django import forms


def filter_field(label: str, what: str) -> forms.MultipleChoiceField:
    """A multi-value search filter whose unknown values get a specific message."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        error_messages={"invalid_choice": f"Unknown {what} “%(value)s”."},
    )
