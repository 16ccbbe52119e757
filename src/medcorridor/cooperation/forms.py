"""Create/edit forms of the registry records. Many-to-many values are saved by ``services.save_record``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from medcorridor.providers.models import Facility

from .enums import Area
from .models import Agreement, Donation, JointProject, Meeting, Mission, Official, TrainingProgramme

COMMON = ["countries", "areas", "is_published", "source"]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("areas"), choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    many_to_many: tuple[str, ...] = ("countries",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
        if "facilities" in self.fields:
            self.fields["facilities"].queryset = Facility.objects.active()

    def m2m_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.many_to_many if name in self.cleaned_data}


class AgreementForm(RecordForm):
    many_to_many = ("countries", "parties", "facilities")

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "title",
            "title_en",
            "status",
            "parties",
            "signed_on",
            "signed_place",
            "valid_from",
            "valid_until",
            "obligations",
            "facilities",
            *COMMON,
        ]


class MeetingForm(RecordForm):
    many_to_many = ("countries", "organisations", "agreements")

    class Meta:
        model = Meeting
        fields = ["kind", "title", "held_on", "place", "organisations", "outcomes", "agreements", *COMMON]


class OfficialForm(RecordForm):
    aliases_text = forms.CharField(
        label=_("other spellings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: other scripts, transliterations, inflected forms."),
    )

    class Meta:
        model = Official
        fields = ["name", "name_latin", "aliases_text", "country", *COMMON]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(self.instance.aliases)

    def clean(self):
        data = super().clean()
        self.instance.aliases = [line.strip() for line in data.get("aliases_text", "").splitlines() if line.strip()]
        return data


class ProgrammeForm(RecordForm):
    class Meta:
        model = TrainingProgramme
        fields = [
            "title",
            "host_organisation",
            "sending_organisation",
            "specialty",
            "specialty_text",
            "duration_class",
            "trainees_per_year",
            "year",
            "agreement",
            *COMMON,
        ]


class MissionForm(RecordForm):
    class Meta:
        model = Mission
        fields = [
            "kind",
            "title",
            "team_organisation",
            "team",
            "place",
            "facility",
            "started_on",
            "ended_on",
            "operations",
            "consultations",
            "free_of_charge",
            "agreement",
            *COMMON,
        ]


class DonationForm(RecordForm):
    class Meta:
        model = Donation
        fields = [
            "kind",
            "description",
            "donor",
            "recipient",
            "recipient_name",
            "facility",
            "value",
            "currency",
            "donated_on",
            "agreement",
            *COMMON,
        ]


class ProjectForm(RecordForm):
    many_to_many = ("countries", "organisations")

    class Meta:
        model = JointProject
        fields = [
            "kind",
            "title",
            "status",
            "organisations",
            "facility",
            "description",
            "started_on",
            "agreement",
            *COMMON,
        ]


class PositionForm(forms.Form):
    title = forms.CharField(label=_("position"), max_length=300)
    organisation_name = forms.CharField(label=_("organisation"), max_length=300, required=False)
    country = forms.CharField(label=_("country (ISO code)"), max_length=2, required=False)
    started_on = forms.DateField(label=_("from"), required=False, widget=DATE)
    ended_on = forms.DateField(label=_("until"), required=False, widget=DATE)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=300)
    due_on = forms.DateField(label=_("due"), required=False, widget=DATE)
    done_on = forms.DateField(label=_("done"), required=False, widget=DATE)


FORMS = {
    "agreements": AgreementForm,
    "meetings": MeetingForm,
    "officials": OfficialForm,
    "programmes": ProgrammeForm,
    "missions": MissionForm,
    "donations": DonationForm,
    "projects": ProjectForm,
}
