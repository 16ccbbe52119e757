from django.urls import path

from . import views

app_name = "providers"
urlpatterns = [
    path("", views.search, name="search"),
    path("facility/<uuid:public_id>/", views.facility, name="facility"),
    path("facility/<uuid:public_id>/edit/", views.edit_facility, name="edit"),
    path("facility/<uuid:public_id>/departments/", views.departments, name="departments"),
    path("department/<uuid:public_id>/edit/", views.edit_department, name="department_edit"),
    path("department/<uuid:public_id>/void/", views.void_department, name="department_void"),
    path("import/", views.import_directory, name="import"),
    path("export.<str:format>", views.export_directory, name="export"),
]
