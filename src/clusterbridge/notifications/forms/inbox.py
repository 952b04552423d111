from django import forms

from clusterbridge.common.forms import IdListField


class MarkReadForm(forms.Form):
    """The notifications to mark read; none means all of them."""

    id = IdListField(required=False)
