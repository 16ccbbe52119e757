"""The case's needs in the matching engine's terms, and its reasons in the user's language."""

from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.core.money import to_usd
from medcorridor.matching.services import suggest


def need_languages(case) -> tuple[str, ...]:
    languages = [case.patient.communication_language_id] if case.patient.communication_language_id else []
    return tuple(dict.fromkeys([*languages, "ru", "en"]))


def suggestions_for(case, *, limit: int = 10):
    today = timezone.localdate()
    return suggest(
        icd_category=case.condition_code.category or case.condition_code.code[:3],
        specialty=case.requested_specialty_id,
        patient_country=case.patient.citizenship_id,
        languages=need_languages(case),
        budget_usd=to_usd(case.budget_amount, case.budget_currency_id, today),
        urgent=case.priority in ("urgent", "asap", "stat"),
        on=today,
        limit=limit,
    )


def reason_text(reason) -> str:
    params = reason.params
    texts = {
        "icd_match": _("treats %(category)s") % params if "category" in params else "",
        "specialty_match": _("has the requested specialty"),
        "agreement": _("an agreement covers the patient's country"),
        "language": _("international office speaks %(language)s") % params if "language" in params else "",
        "budget": _("from %(price_usd)s USD, within the budget") % params if "price_usd" in params else "",
        "over_budget": _("from %(price_usd)s USD, over the budget") % params if "price_usd" in params else "",
        "wait": _("waiting time %(days)s days") % params if "days" in params else "",
        "too_slow_for_urgent": _("waiting time %(days)s days is too long for an urgent case") % params
        if "days" in params
        else "",
        "accreditation": _("valid accreditation"),
    }
    return texts.get(reason.code) or reason.code
