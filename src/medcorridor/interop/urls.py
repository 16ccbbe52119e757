from django.urls import path

from . import views

app_name = "interop"
urlpatterns = [
    path("cases/<uuid:public_id>/bundle/", views.case_bundle, name="case_bundle"),
    path("import/", views.import_bundle, name="import"),
]
