"""REST API of analytics, mounted at /api/v1/analytics/: the same scoped rollups as the dashboards.

``GET flows|costs|outcomes?start=YYYY-MM&end=YYYY-MM&origin=MN&destination=KR`` and
``GET agreements?origin=MN``. Amounts are US dollars (strings, exact to the cent).
"""

from decimal import Decimal

from ninja import Router

from medcorridor.accounts.api_auth import authenticated

from . import selectors
from .permissions import require_view

CENT = Decimal("0.01")
router = Router(tags=["analytics"], auth=authenticated)


def _filters(start: str, end: str, origin: str, destination: str) -> selectors.Filters:
    return selectors.Filters.parse({"start": start, "end": end, "origin": origin, "destination": destination})


def _ready(request) -> None:
    """Refuse callers without analytics access (403), then bring the rollups up to date if behind."""
    require_view(request.user)
    selectors.ensure_current()


def _plain(value):
    """JSON-ready: dates as ISO strings, decimals as strings, containers recursively."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _meta(request, filters: selectors.Filters) -> dict:
    fresh = selectors.freshness(request.user)
    return {
        "filters": {
            "start": filters.start.strftime("%Y-%m") if filters.start else None,
            "end": filters.end.strftime("%Y-%m") if filters.end else None,
            "origin": filters.origin or None,
            "destination": filters.destination or None,
        },
        "refreshed_at": fresh["refreshed_at"],
        "last_event_id": fresh["last_event_id"],
        "currency": "USD",
    }


@router.get("/flows", summary="Patient flows: origin → destination → facility, cases per month and status")
def flows(request, start: str = "", end: str = "", origin: str = "", destination: str = ""):
    filters = _filters(start, end, origin, destination)
    _ready(request)
    data = selectors.flows(request.user, filters)
    return _plain({**_meta(request, filters), **data})


@router.get("/costs", summary="Estimated and approved amounts in USD by destination, ICD-10 chapter, specialty, payer")
def costs(request, start: str = "", end: str = "", origin: str = "", destination: str = ""):
    filters = _filters(start, end, origin, destination)
    _ready(request)
    data = selectors.costs(request.user, filters)
    data.pop("distribution")
    return _plain({**_meta(request, filters), **data})


@router.get("/outcomes", summary="How cases ended: completed/cancelled, 30/90-day outcomes, days to admission")
def outcomes(request, start: str = "", end: str = "", origin: str = "", destination: str = ""):
    filters = _filters(start, end, origin, destination)
    _ready(request)
    return _plain({**_meta(request, filters), **selectors.outcomes(request.user, filters)})


@router.get("/agreements", summary="What each agreement delivered")
def agreements(request, origin: str = ""):
    filters = _filters("", "", origin, "")
    _ready(request)
    rows = selectors.agreements(request.user, country=filters.origin)
    for row in rows:
        row.pop("agreement")
    return _plain({**_meta(request, filters), "agreements": rows})
