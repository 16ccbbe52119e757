"""Web forms. Field names are the keyword arguments of the service they feed (``services.CASE_ACTIONS``)."""

from datetime import timedelta

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medcorridor.core.models import Country, Currency, Language, Specialty

from .enums import ConsentScope, DocumentCategory, Gender, OutcomeCode, PayerKind, Priority

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
# The intake's clinical summary asks for ICD-10 suggestions as the coordinator types (cases/_icd_suggestions.html).
SUGGESTING = {
    "rows": 3,
    "hx-post": reverse_lazy("cases:icd_suggest"),
    "hx-trigger": "input changed delay:400ms, load",
    "hx-target": "#icd-suggestions",
    "hx-sync": "this:replace",
}


def currency_choices():
    common = ["USD", "EUR", "KRW", "RUB", "KZT", "MNT", "KGS", "BYN", "TRY", "CNY"]
    rest = Currency.objects.exclude(code__in=common).values_list("code", flat=True)
    return [(c, c) for c in [*common, *rest]]


class ActionForm(forms.Form):
    """Every action form carries the case version the user saw (the optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class IntakeForm(forms.Form):
    family_name = forms.CharField(label=_("Family name (original script)"), max_length=150)
    given_name = forms.CharField(label=_("Given names (original script)"), max_length=150)
    family_name_latin = forms.CharField(label=_("Family name (Latin, as in the passport)"), max_length=150)
    given_name_latin = forms.CharField(label=_("Given names (Latin, as in the passport)"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices)
    citizenship = forms.ChoiceField(label=_("Citizenship"))
    passport_number = forms.CharField(label=_("Passport number"), required=False)
    passport_expiry = forms.DateField(label=_("Passport valid until"), required=False, widget=DATE)
    phone = forms.CharField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), required=False)
    communication_language = forms.ChoiceField(label=_("Preferred language"), required=False)
    contact_name = forms.CharField(label=_("Companion or caregiver"), required=False)
    contact_relationship = forms.CharField(label=_("Relationship"), required=False)
    contact_phone = forms.CharField(label=_("Companion's phone"), required=False)
    condition_code = forms.CharField(
        label=_("Diagnosis (ICD-10 code)"),
        max_length=16,
        widget=forms.TextInput(attrs={"list": "icd-options", "autocomplete": "off"}),
    )
    condition_note = forms.CharField(
        label=_("Clinical summary"), required=False, widget=forms.Textarea(attrs=SUGGESTING)
    )
    requested_specialty = forms.ChoiceField(label=_("Requested specialty"), required=False)
    requested_procedure = forms.CharField(label=_("Requested procedure"), required=False)
    priority = forms.ChoiceField(label=_("Urgency"), choices=Priority.choices)
    requester_organisation = forms.CharField(label=_("Referring organisation"), required=False)
    requester_practitioner = forms.CharField(label=_("Referring doctor"), required=False)
    budget_amount = forms.DecimalField(label=_("Budget"), required=False, min_value=0)
    budget_currency = forms.ChoiceField(label=_("Budget currency"), required=False)
    consent_date = forms.DateField(label=_("Consent given on"), required=False, widget=DATE)
    consent_scope = forms.ChoiceField(
        label=_("Consent scope"), required=False, choices=[("", "—"), *ConsentScope.choices]
    )
    consent_note = forms.CharField(label=_("Consent note"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = [(c.code, str(c)) for c in Country.objects.all()]
        self.fields["communication_language"].choices = [("", "—")] + [
            (lang.code, str(lang))
            for lang in Language.objects.filter(code__in=["ru", "en", "kk", "mn", "ky", "ko", "be", "uz", "tg", "tr"])
        ]
        self.fields["requested_specialty"].choices = [("", "—")] + [(s.code, str(s)) for s in Specialty.objects.all()]
        self.fields["budget_currency"].choices = [("", "—"), *currency_choices()]

    def service_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class EditIntakeForm(ActionForm):
    condition_note = forms.CharField(label=_("Clinical summary"), required=False, widget=TEXT)
    consent_date = forms.DateField(label=_("Consent given on"), required=False, widget=DATE)
    consent_scope = forms.ChoiceField(
        label=_("Consent scope"), required=False, choices=[("", "—"), *ConsentScope.choices]
    )
    consent_note = forms.CharField(label=_("Consent note"), required=False)


class DocumentForm(ActionForm):
    upload = forms.FileField(label=_("File (PDF, image or DICOM)"))
    category = forms.ChoiceField(label=_("Kind"), choices=DocumentCategory.choices)
    description = forms.CharField(label=_("Title"), max_length=300)


class RequestOpinionsForm(ActionForm):
    facilities = forms.MultipleChoiceField(label=_("Facilities"), widget=forms.CheckboxSelectMultiple)
    documents = forms.MultipleChoiceField(
        label=_("Documents to share"), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_date = forms.DateField(label=_("Answer due"), widget=DATE)
    message = forms.CharField(label=_("Message to the clinic"), required=False, widget=TEXT)

    def __init__(self, *args, facilities=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilities"].choices = [(str(f.public_id), f.display_name()) for f in facilities]
        self.fields["documents"].choices = [(str(d.public_id), d.title) for d in documents]
        self.fields["due_date"].initial = timezone.localdate() + timedelta(days=7)


class AnswerForm(ActionForm):
    treatment_plan = forms.CharField(label=_("Treatment plan"), widget=TEXT)
    estimate_amount = forms.DecimalField(label=_("Estimated cost"), min_value=0)
    estimate_currency = forms.ChoiceField(label=_("Currency"))
    estimate_includes = forms.CharField(label=_("The estimate includes"), required=False, widget=TEXT)
    stay_days = forms.IntegerField(label=_("Expected stay (days)"), required=False, min_value=0)
    earliest_admission = forms.DateField(label=_("Earliest admission"), required=False, widget=DATE)
    valid_until = forms.DateField(label=_("Offer valid until"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estimate_currency"].choices = currency_choices()


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class OptionalReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason or note"), required=False, widget=TEXT)


class EmptyForm(ActionForm):
    pass


class SelectOfferForm(ActionForm):
    request = forms.ChoiceField(label=_("Answer to select"), widget=forms.RadioSelect)
    funding_due = forms.DateField(label=_("Funding decision due"), widget=DATE)

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [(str(r.public_id), r.facility.display_name()) for r in answers]
        self.fields["funding_due"].initial = timezone.localdate() + timedelta(days=14)


class FundingForm(ActionForm):
    """Up to three payers; the rows left empty are ignored."""

    ROWS = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        currencies = currency_choices()
        for row in range(1, self.ROWS + 1):
            self.fields[f"payer_kind_{row}"] = forms.ChoiceField(
                label=_("Payer kind"), required=row == 1, choices=[("", "—"), *PayerKind.choices]
            )
            self.fields[f"payer_name_{row}"] = forms.CharField(label=_("Payer"), required=False)
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=_("Approved amount"), required=row == 1, min_value=0
            )
            self.fields[f"currency_{row}"] = forms.ChoiceField(label=_("Currency"), choices=currencies)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        shares = [
            {
                "payer_kind": data[f"payer_kind_{row}"],
                "payer_name": data[f"payer_name_{row}"],
                "amount": data[f"amount_{row}"],
                "currency": data[f"currency_{row}"],
            }
            for row in range(1, self.ROWS + 1)
            if data.get(f"payer_kind_{row}")
        ]
        return {"version": data.get("version"), "shares": shares}


class AppealForm(ActionForm):
    reason = forms.CharField(label=_("Grounds for the appeal"), widget=TEXT)
    funding_due = forms.DateField(label=_("New decision due"), widget=DATE)


class TravelForm(ActionForm):
    departure_date = forms.DateField(label=_("Departure"), required=False, widget=DATE)
    arrival_date = forms.DateField(label=_("Arrival"), required=False, widget=DATE)
    return_date = forms.DateField(label=_("Return"), required=False, widget=DATE)
    companion = forms.CharField(label=_("Companion"), required=False)
    interpreter = forms.CharField(label=_("Interpreter"), required=False)
    accommodation = forms.CharField(label=_("Accommodation"), required=False)
    arrival_details = forms.CharField(label=_("Arrival (flight, transfer)"), required=False)


class AdmitForm(ActionForm):
    admitted_on = forms.DateField(label=_("Admitted on"), widget=DATE, initial=timezone.localdate)
    ward = forms.CharField(label=_("Department or ward"), required=False)


class TreatmentUpdateForm(ActionForm):
    note = forms.CharField(label=_("Update"), widget=TEXT)


class DischargeForm(ActionForm):
    discharged_on = forms.DateField(label=_("Discharged on"), widget=DATE, initial=timezone.localdate)
    disposition = forms.CharField(label=_("Condition at discharge"), required=False)
    follow_up_plan = forms.CharField(label=_("Follow-up plan"), widget=TEXT)
    summary_upload = forms.FileField(label=_("Discharge summary (PDF)"))


class AddTaskForm(ActionForm):
    description = forms.CharField(label=_("What to do"))
    owner_name = forms.CharField(label=_("Home doctor"), required=False)
    due_date = forms.DateField(label=_("Due"), widget=DATE)


class CompleteTaskForm(ActionForm):
    task = forms.ChoiceField(label=_("Task"))
    completed_on = forms.DateField(label=_("Done on"), widget=DATE, initial=timezone.localdate)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—"), *OutcomeCode.choices])
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [(str(t.public_id), f"{t.title} ({t.due_date})") for t in tasks]


ACTION_FORMS = {
    "edit_intake": EditIntakeForm,
    "add_document": DocumentForm,
    "request_opinions": RequestOpinionsForm,
    "answer_opinion": AnswerForm,
    "decline_opinion": ReasonForm,
    "select_offer": SelectOfferForm,
    "approve_funding": FundingForm,
    "refuse_funding": ReasonForm,
    "appeal_funding": AppealForm,
    "plan_travel": TravelForm,
    "issue_invitation": EmptyForm,
    "admit": AdmitForm,
    "treatment_update": TreatmentUpdateForm,
    "discharge": DischargeForm,
    "add_task": AddTaskForm,
    "complete_task": CompleteTaskForm,
    "close": OptionalReasonForm,
    "hold": ReasonForm,
    "resume": EmptyForm,
    "cancel": ReasonForm,
}
