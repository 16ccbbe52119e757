from django.shortcuts import render

from medcorridor.cases import charts as case_charts
from medcorridor.cases import selectors as cases
from medcorridor.cases.enums import CaseStatus


def home(request):
    context = {}
    if request.user.is_authenticated:
        work = cases.my_work(request.user)
        if "steps" in work:
            labels = {state: str(CaseStatus(state).label) for state, _count in work["steps"]}
            work["steps_chart"] = case_charts.cases_by_step(work["steps"], labels)
        context["work"] = work
    return render(request, "web/home.html", context)
