from django.conf import settings


def emergency_number(request):
    """The number "Get medical help now" names, where the site's operator has set one."""
    return {"emergency_number": settings.EMERGENCY_NUMBER}
