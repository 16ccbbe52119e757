from django.conf import settings

from .navigation import visible_entries


def navigation(request):
    return {
        "main_menu": visible_entries(request.user),
        "ui_languages": settings.LANGUAGES,
    }
