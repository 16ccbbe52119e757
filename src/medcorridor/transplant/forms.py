from django import forms
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation

from .enums import CheckStatus, Crossmatch, RecipientStatus
from .models import ExchangePool, LivingDonor, Recipient

DATE = forms.DateInput(attrs={"type": "date"})


class RecipientForm(forms.ModelForm):
    class Meta:
        model = Recipient
        fields = [
            "organ",
            "full_name",
            "medical_record_number",
            "sex",
            "birth_date",
            "weight_kg",
            "diagnosis",
            "blood_group",
            "hla_a",
            "hla_b",
            "hla_c",
            "hla_dr",
            "hla_dq",
            "unacceptable_antigens",
            "cpra",
            "meld",
            "peld",
            "urgency",
            "listed_on",
        ]
        widgets = {"birth_date": DATE, "listed_on": DATE}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in RecipientStatus.choices if c[0] != RecipientStatus.TRANSPLANTED],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DonorForm(forms.ModelForm):
    class Meta:
        model = LivingDonor
        fields = [
            "full_name",
            "sex",
            "birth_date",
            "weight_kg",
            "blood_group",
            "relationship",
            "relationship_evidence",
            "hla_a",
            "hla_b",
            "hla_c",
            "hla_dr",
            "hla_dq",
            "liver_volume_ml",
            "graft_volume_ml",
        ]
        widgets = {"birth_date": DATE}


class ChecklistForm(forms.Form):
    medical_check = forms.ChoiceField(label=_("Medical evaluation"), choices=CheckStatus.choices)
    psychological_check = forms.ChoiceField(label=_("Psychological evaluation"), choices=CheckStatus.choices)
    consent_check = forms.ChoiceField(label=_("Informed consent"), choices=CheckStatus.choices)
    ethics_approval_reference = forms.CharField(label=_("Ethics committee decision number"), required=False)
    ethics_approved_on = forms.DateField(label=_("Ethics committee approval date"), required=False, widget=DATE)
    relationship_evidence = forms.CharField(label=_("Document proving the relationship"), required=False)
    checklist_notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (confidential: never shown to the recipient's side)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CrossmatchForm(forms.Form):
    result = forms.ChoiceField(label=_("Crossmatch"), choices=[c for c in Crossmatch.choices if c[0] != "pending"])


class PoolForm(forms.ModelForm):
    class Meta:
        model = ExchangePool
        fields = ["name", "description", "max_cycle", "max_chain", "chain_to_waiting_list"]


class PoolEntryForm(forms.Form):
    donor = forms.ModelChoiceField(label=_("Donor (with their recipient, if any)"), queryset=LivingDonor.objects.none())
    partner_organisation = forms.ModelChoiceField(
        label=_("Partner centre (pairs from abroad)"),
        required=False,
        queryset=Organisation.objects.filter(kind="clinic"),
    )
    agreement_reference = forms.CharField(label=_("Cooperation agreement (number or public id)"), required=False)

    def __init__(self, *args, donors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if donors is not None:
            self.fields["donor"].queryset = donors


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("Seen on"), widget=DATE)
    patient_alive = forms.BooleanField(label=_("Alive"), required=False, initial=True)
    graft_functioning = forms.BooleanField(label=_("Graft functioning"), required=False, initial=True)
    creatinine_umol_l = forms.DecimalField(
        label=_("Creatinine (µmol/l)"), required=False, max_digits=6, decimal_places=1
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TransplantForm(forms.Form):
    performed_on = forms.DateField(label=_("Date of transplant"), widget=DATE)
    donor = forms.ModelChoiceField(label=_("Living donor"), queryset=LivingDonor.objects.none(), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, donors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if donors is not None:
            self.fields["donor"].queryset = donors
