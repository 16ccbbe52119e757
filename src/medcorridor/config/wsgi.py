import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")
application = get_wsgi_application()

from medcorridor.core.icd_suggest import warm_up_in_background  # noqa: E402 (after Django is set up)

warm_up_in_background()  # the intake form's first ICD-10 suggestion would otherwise wait ~2 s
