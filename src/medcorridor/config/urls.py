"""URL map: the web UI of each domain under its own prefix, the REST API at /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from medcorridor.web import views as web_views

from .api import api

urlpatterns = [
    path("", web_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", include("medcorridor.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("directory/", include("medcorridor.providers.urls")),
    path("cases/", include("medcorridor.cases.urls")),
    path("cooperation/", include("medcorridor.cooperation.urls")),
    path("ingest/", include("medcorridor.ingest.urls")),
    path("transplant/", include("medcorridor.transplant.urls")),
    path("analytics/", include("medcorridor.analytics.urls")),
    path("fhir/", include("medcorridor.interop.urls")),
    path("finance/", include("medcorridor.finance.urls")),
]
