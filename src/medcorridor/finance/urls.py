from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/", views.programme_new, name="programme_new"),
    path("budgets/", views.budget_set, name="budget_set"),
    path("budgets/<uuid:public_id>/", views.budget_detail, name="budget"),
    path("cases/<uuid:case_id>/", views.case_funding, name="case"),
    path("cases/<uuid:case_id>/match/", views.match, name="match"),
    path("commitments/", views.commit, name="commit"),
    path("commitments/<uuid:public_id>/release/", views.release, name="release"),
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/new/", views.invoice_new, name="invoice_new"),
    path("invoices/<uuid:public_id>/", views.invoice_detail, name="invoice"),
    path("invoices/<uuid:public_id>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/<uuid:public_id>/approve/", views.invoice_approve, name="invoice_approve"),
    path("invoices/<uuid:public_id>/dispute/", views.invoice_dispute, name="invoice_dispute"),
    path("invoices/<uuid:public_id>/withdraw/", views.invoice_withdraw, name="invoice_withdraw"),
    path("invoices/<uuid:public_id>/payments/", views.invoice_pay, name="invoice_pay"),
]
