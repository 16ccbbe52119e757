import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")
application = get_wsgi_application()

from medcorridor.core.icd_suggest import warm_up_in_background  # noqa: E402 (after Django is set up)

# Once the process holds everything it keeps for life (Django, the libraries, the ICD-10 suggester,
# which an intake form would otherwise wait ~2 s for), its objects leave the garbage collector's sight:
# a full collection over them took ~75 ms, long enough to show as the slowest of a thousand requests.
warm_up_in_background(then=gc.freeze)
