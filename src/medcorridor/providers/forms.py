from django import forms
from django.utils.translation import gettext_lazy as _

from medcorridor.core.models import Country, Language, Specialty

from .enums import AccreditationScheme, FacilityKind
from .models import Department, Facility


def _choices(queryset, empty_label):
    return [("", empty_label), *[(item.code, str(item)) for item in queryset]]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, city, specialty or procedure"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(label=_("City"), required=False)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    icd = forms.CharField(label=_("Diagnosis (ICD-10 code or words)"), required=False)
    language = forms.ChoiceField(label=_("Language of the international office"), required=False)
    accreditation = forms.ChoiceField(
        label=_("Valid accreditation"), required=False, choices=[("", _("any")), *AccreditationScheme.choices]
    )
    price_max = forms.DecimalField(label=_("Price up to"), required=False, min_value=0)
    currency = forms.ChoiceField(
        label=_("Currency"),
        required=False,
        choices=[(c, c) for c in ("USD", "EUR", "KRW", "RUB", "KZT", "MNT", "KGS", "BYN", "TRY")],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = Facility.objects.filter(voided_at__isnull=True).values("country_id")
        self.fields["country"].choices = _choices(Country.objects.filter(code__in=used), _("any"))
        self.fields["specialty"].choices = _choices(Specialty.objects.all(), _("any"))
        self.fields["language"].choices = _choices(
            Language.objects.filter(
                code__in=("ru", "en", "kk", "mn", "ko", "ky", "uz", "tr", "zh", "ja", "de", "be", "ar")
            ),
            _("any"),
        )


class FacilityForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    aliases_text = forms.CharField(
        label=_("Other spellings (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Facility
        fields = [
            "kind",
            "name_en",
            "name_ru",
            "name_original",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "description",
            "beds",
            "office_languages",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "office_languages": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FacilityKind.choices
        if self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(self.instance.aliases)

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "office_languages"}
        data["aliases"] = [line.strip() for line in self.cleaned_data["aliases_text"].splitlines() if line.strip()]
        return data


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name_en", "name_ru", "specialty"]

    def changes(self) -> dict:
        return {
            "name_en": self.cleaned_data["name_en"],
            "name_ru": self.cleaned_data["name_ru"],
            "specialty_id": self.cleaned_data["specialty"].code,
        }


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), min_length=3, max_length=500)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
