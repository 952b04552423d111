from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "partnerships.proposed": _("Partnership proposed"),
    "partnerships.updated": _("Partnership updated"),
    "partnerships.invited": _("Organisation invited to a partnership"),
    "partnerships.accepted": _("Partnership invitation accepted"),
    "partnerships.declined": _("Partnership invitation declined"),
    "partnerships.published": _("Partnership validated and published"),
    "partnerships.returned": _("Partnership sent back for changes"),
    "partnerships.resubmitted": _("Partnership submitted again"),
    "partnerships.withdrawn": _("Partnership withdrawn"),
    "partnerships.story_added": _("Success story added"),
    "partnerships.document_added": _("Partnership document added"),
    "partnerships.document_updated": _("Partnership document changed"),
    "partnerships.document_deleted": _("Partnership document deleted"),
}
