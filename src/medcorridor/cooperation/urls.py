from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/export.csv", views.export_csv, name="export"),
    path("<slug:kind>/new/", views.record_form, name="create"),
    path("<slug:kind>/<uuid:public_id>/", views.record_detail, name="detail"),
    path("<slug:kind>/<uuid:public_id>/edit/", views.record_form, name="edit"),
    path("<slug:kind>/<uuid:public_id>/add/", views.add_part, name="add_part"),
]
