from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:public_id>/", views.review, name="review"),
    path("<uuid:public_id>/reject/", views.reject, name="reject"),
]
