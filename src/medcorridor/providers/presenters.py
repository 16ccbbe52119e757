"""Facility and offer records as the API shows them (one place, shared by list and detail)."""

from .models import Facility, Offer


def offer_out(offer: Offer) -> dict:
    return {
        "id": offer.public_id,
        "specialty": offer.specialty_id,
        "procedure_en": offer.procedure_en,
        "procedure_ru": offer.procedure_ru,
        "icd_codes": offer.icd_codes,
        "price_min": offer.price_min,
        "price_max": offer.price_max,
        "currency": offer.currency_id,
        "stay_days_min": offer.stay_days_min,
        "stay_days_max": offer.stay_days_max,
        "wait_days": offer.wait_days,
        "is_demo": offer.is_demo,
    }


def accreditation_out(accreditation) -> dict:
    return {
        "scheme": accreditation.scheme,
        "reference": accreditation.reference,
        "valid_from": accreditation.valid_from,
        "valid_until": accreditation.valid_until,
        "expired": accreditation.is_expired,
    }


def department_out(department) -> dict:
    return {
        "id": department.public_id,
        "facility": department.facility.public_id,
        "name_en": department.name_en,
        "name_ru": department.name_ru,
        "specialty": department.specialty_id,
        "voided": department.is_voided,
    }


def facility_detail_out(facility: Facility) -> dict:
    """One facility as ``FacilityDetailOut`` (the list is built from plain rows in ``listing.py``)."""
    agreements = getattr(facility, "agreements", None)
    return {
        "id": facility.public_id,
        "name_en": facility.name_en,
        "name_ru": facility.name_ru,
        "name_original": facility.name_original,
        "kind": facility.kind,
        "country": facility.country_id,
        "city": facility.city,
        "website": facility.website,
        "languages": [language.code for language in facility.office_languages.all()],
        "accreditations": [accreditation_out(a) for a in facility.current_accreditations],
        "offers": [offer_out(o) for o in facility.active_offers],
        "is_demo": facility.is_demo,
        "address": facility.address,
        "description": facility.description,
        "aliases": facility.aliases,
        "organisation": facility.organisation.public_id,
        "departments": [department_out(d) for d in facility.departments.all()],
        "agreements": [{"id": str(a.public_id), "title": str(a)} for a in agreements.all()] if agreements else [],
    }
