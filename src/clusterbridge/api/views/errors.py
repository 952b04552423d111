from django.http import JsonResponse


def not_found(request, *args, **kwargs):
    return JsonResponse(
        {"error": "not_found", "message": f"No API endpoint at {request.path}."}, status=404
    )
