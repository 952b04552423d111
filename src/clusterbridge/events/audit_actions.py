from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "events.selection_confirmed": _("Selection of participants confirmed"),
    "events.admission_decided": _("Admission decided"),
    "events.agenda_published": _("Agendas published"),
    "events.agenda_updated": _("Agendas updated"),
    "events.schedule_applied": _("Scheduler run applied"),
    "events.participants_exported": _("Participant list exported"),
}
