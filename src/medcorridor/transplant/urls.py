from django.urls import path

from . import views

app_name = "transplant"
urlpatterns = [
    path("", views.waitlist, name="home"),
    path("recipients/new/", views.recipient_new, name="recipient_new"),
    path("recipients/<uuid:public_id>/", views.recipient_detail, name="recipient"),
    path("recipients/<uuid:public_id>/status/", views.recipient_status, name="recipient_status"),
    path("recipients/<uuid:public_id>/transplant/", views.recipient_transplant, name="recipient_transplant"),
    path("recipients/<uuid:public_id>/donors/new/", views.donor_new, name="donor_new"),
    path("donors/new/", views.donor_new, name="altruist_new"),
    path("donors/<uuid:public_id>/", views.donor_detail, name="donor"),
    path("donors/<uuid:public_id>/checklist/", views.donor_checklist, name="donor_checklist"),
    path("donors/<uuid:public_id>/approve/", views.donor_approve, name="donor_approve"),
    path("donors/<uuid:public_id>/crossmatch/", views.donor_crossmatch, name="donor_crossmatch"),
    path("donors/<uuid:public_id>/withdraw/", views.donor_withdraw, name="donor_withdraw"),
    path("donors/<uuid:public_id>/compatibility/", views.compatibility, name="compatibility"),
    path("pools/", views.pools, name="pools"),
    path("pools/<uuid:public_id>/", views.pool_detail, name="pool"),
    path("pools/<uuid:public_id>/entries/", views.pool_add, name="pool_add"),
    path("pools/<uuid:public_id>/run/", views.pool_run, name="pool_run"),
    path("runs/<uuid:public_id>/", views.run_detail, name="run"),
    path("arcs/<uuid:public_id>/crossmatch/", views.arc_crossmatch, name="arc_crossmatch"),
    path("follow-up/", views.follow_ups, name="follow_ups"),
    path("follow-up/<uuid:public_id>/", views.follow_up_record, name="follow_up"),
]
