from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


# Exempt: it changes nothing, and a write to an unknown address (a PATCH to a malformed
# identifier) must get this JSON 404, not the HTML page of a failed CSRF check.
@csrf_exempt
def not_found(request, *args, **kwargs):
    return JsonResponse(
        {
            "error": "not_found",
            "message": _("No API endpoint at %(path)s.") % {"path": request.path},
        },
        status=404,
    )
