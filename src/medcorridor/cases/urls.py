from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("icd/", views.icd_search, name="icd"),
    path("icd/suggest/", views.icd_suggest, name="icd_suggest"),
    path("documents/<uuid:public_id>/", views.document_download, name="document"),
    path("requests/<uuid:public_id>/<str:action>/", views.request_action, name="request_act"),
    path("<uuid:public_id>/", views.case_detail, name="detail"),
    path("<uuid:public_id>/act/<str:action>/", views.case_action, name="act"),
    path("<uuid:public_id>/suggestions/", views.suggestions, name="suggestions"),
    path("<uuid:public_id>/compare/", views.comparison, name="compare"),
]
