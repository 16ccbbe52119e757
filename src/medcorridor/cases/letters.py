"""The visa invitation letter: a PDF (weasyprint) with the same letter in the clinic's language and in
the patient's, one after the other, generated from the case."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

# The language a clinic's letter is written in, by the facility's country; the patient's by citizenship.
COUNTRY_LANGUAGE = {
    "KR": "ko",
    "RU": "ru",
    "BY": "ru",
    "KZ": "kk",
    "KG": "ky",
    "MN": "mn",
    "TR": "en",
    "UZ": "ru",
    "TJ": "ru",
}


def letter_languages(case) -> list[str]:
    facility = case.selected_request.facility
    clinic = COUNTRY_LANGUAGE.get(facility.country_id, "en")
    patient = case.patient.communication_language_id or COUNTRY_LANGUAGE.get(case.patient.citizenship_id, "ru")
    languages = [clinic]
    if patient not in languages:
        languages.append(patient)
    if "en" not in languages and len(languages) < 2:
        languages.append("en")
    return languages


def render_letter(case, plan, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "cases/invitation_letter.html",
            {
                "case": case,
                "patient": case.patient,
                "plan": plan,
                "facility": case.selected_request.facility,
                "request": case.selected_request,
                "today": timezone.localdate(),
                "language": language,
            },
        )


def invitation_pdf(case, plan) -> bytes:
    from weasyprint import HTML

    pages = [render_letter(case, plan, language) for language in letter_languages(case)]
    html = '<div style="page-break-after: always"></div>'.join(pages)
    document = (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "body{font-family:'Noto Sans','Noto Sans CJK KR',sans-serif;font-size:11pt;line-height:1.5}"
        "h1{font-size:15pt} dl{display:block} dt{font-weight:bold;margin-top:.4em}"
        "</style></head><body>" + html + "</body></html>"
    )
    return HTML(string=document).write_pdf()
