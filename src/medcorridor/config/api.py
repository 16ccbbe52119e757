"""The REST API: one NinjaAPI at /api/v1/, one router per domain, OpenAPI at /api/v1/openapi.json.

Authentication: the browser session (with CSRF) or a personal API token (``Authorization: Bearer``).
Domain errors become JSON ``{"code", "message", "errors"}`` with their HTTP status.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from medcorridor.analytics.api import router as analytics_router
from medcorridor.cases.api import router as cases_router
from medcorridor.cooperation.api import router as cooperation_router
from medcorridor.core.errors import API_DESCRIPTION, REQUEST_NOT_VALID, DomainError, ValidationFailed
from medcorridor.finance.api import router as finance_router
from medcorridor.ingest.api import router as ingest_router
from medcorridor.interop.api import router as fhir_router
from medcorridor.providers.api import router as providers_router
from medcorridor.transplant.api import router as transplant_router

api = NinjaAPI(
    title="medcorridor API",
    version="1",
    description=str(API_DESCRIPTION),
    urls_namespace="api",
)
api.add_router("/directory", providers_router)
api.add_router("/cases", cases_router)
api.add_router("/cooperation", cooperation_router)
api.add_router("/ingest", ingest_router)
api.add_router("/transplant", transplant_router)
api.add_router("/analytics", analytics_router)
api.add_router("/fhir", fhir_router)
api.add_router("/finance", finance_router)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    body = {"code": exc.code, "message": exc.message}
    if isinstance(exc, ValidationFailed):
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def invalid_request(request, exc: NinjaValidationError):
    return api.create_response(
        request,
        {"code": "validation_failed", "message": str(REQUEST_NOT_VALID), "errors": exc.errors},
        status=422,
    )
