"""Structural validation of FHIR JSON through the ``fhir.resources`` R4B models (no Django).

fhir.resources 8 ships R5 as its default package and R4B beside it; R4 itself is not shipped. For
the resources this project emits and reads, R4B and R4 define the same elements (see
``docs/fhir.md``), so a resource the R4B models accept is also a valid R4 resource.
"""

from dataclasses import dataclass

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from .mapping import references_in


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a resource: where (a FHIRPath-like location) and what."""

    location: str
    message: str


def _location(resource_type: str, loc: tuple) -> str:
    path = resource_type
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def problems(resource) -> list[Problem]:
    """What stops ``resource`` (parsed JSON) from being a valid FHIR R4 resource; [] if nothing."""
    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return [Problem("resourceType", "not a FHIR resource: a JSON object with a resourceType is expected")]
    resource_type = resource["resourceType"]
    try:
        model = get_fhir_model_class(resource_type)
    except KeyError:
        return [Problem("resourceType", f"unknown resource type {resource_type!r}")]
    try:
        model.model_validate(resource)
    except ValidationError as error:
        return [Problem(_location(resource_type, e["loc"]), e["msg"]) for e in error.errors()]
    return []


def parse(resource: dict):
    """The fhir.resources R4B model of ``resource`` (raises pydantic's ValidationError)."""
    return get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def unresolved_references(bundle: dict) -> set[str]:
    """References inside ``bundle`` that point at no entry of it (contained "#…" ones excepted)."""
    full_urls = {e.get("fullUrl") for e in bundle.get("entry", [])}
    return {r for r in references_in(bundle.get("entry", [])) if r not in full_urls and not r.startswith("#")}
