from django.utils.translation import gettext_lazy as _

ACTIONS = {"common.audit_exported": _("Audit log exported")}
