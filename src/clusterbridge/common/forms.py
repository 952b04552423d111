from django import forms


def filter_field(label: str, what: str) -> forms.MultipleChoiceField:
    """A multi-value search filter whose unknown values get a specific message."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        error_messages={"invalid_choice": f"Unknown {what} “%(value)s”."},
    )


def sort_field(sorts: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=list(sorts.items()),
        required=False,
        error_messages={
            "invalid_choice": "Unknown sort order “%(value)s”; use one of: "
            + ", ".join(sorts)
            + "."
        },
    )


def page_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"invalid": "The page must be a whole number."},
    )
