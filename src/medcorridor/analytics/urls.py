from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreements, name="agreements"),
    path("export/<slug:table>.csv", views.export_csv, name="export"),
]
