"""Dashboards (thin: check access, parse the filters, read the rollups, render)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from medcorridor.core.models import Country

from . import presenters, selectors
from .permissions import can_view

# Countries offered in the filters: the corridors this platform serves.
FILTER_COUNTRIES = ["MN", "KZ", "KG", "BY", "UZ", "TJ", "KR", "RU", "TR", "CN", "DE", "IN"]


def _denied(request):
    message = _("Analytics are open to coordinators, analysts, clinic staff and auditors.")
    return render(request, "web/error.html", {"message": message}, status=403)


def _common(request, filters: selectors.Filters) -> dict:
    return {
        "filters": filters,
        "query": filters.as_query(),
        "countries": Country.objects.filter(code__in=FILTER_COUNTRIES),
        "freshness": selectors.freshness(request.user),
    }


@login_required
def home(request):
    if not can_view(request.user):
        return _denied(request)
    selectors.ensure_current()
    filters = selectors.Filters.parse(request.GET)
    context = {**_common(request, filters), **presenters.dashboard(request.user, filters)}
    template = "analytics/_dashboard.html" if request.htmx else "analytics/home.html"
    return render(request, template, context)


@login_required
def agreements(request):
    if not can_view(request.user):
        return _denied(request)
    selectors.ensure_current()
    filters = selectors.Filters.parse(request.GET)
    rows = selectors.agreements(request.user, country=filters.origin)
    context = {
        **_common(request, filters),
        "rows": rows,
        "columns": presenters.agreement_columns(),
        "figure": presenters.agreements_figure(rows),
    }
    template = "analytics/_agreements.html" if request.htmx else "analytics/agreements.html"
    return render(request, template, context)


@login_required
def export_csv(request, table: str):
    if table not in presenters.TABLES:
        raise Http404(table)
    if not can_view(request.user):
        return _denied(request)
    selectors.ensure_current()
    filters = selectors.Filters.parse(request.GET)
    response = HttpResponse(presenters.csv_text(request.user, table, filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="medcorridor-analytics-{table}.csv"'
    return response
