from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "benchmarking.validated": _("Benchmark validated"),
    "benchmarking.changes_requested": _("Changes requested in a benchmark"),
    "benchmarking.label_awarded": _("Label awarded"),
    "benchmarking.label_withdrawn": _("Label withdrawn"),
    "benchmarking.label_expired": _("Label expired"),
}
