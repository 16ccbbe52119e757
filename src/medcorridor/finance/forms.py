from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medcorridor.cases.enums import PayerKind
from medcorridor.core.models import Currency


def date_input() -> forms.DateInput:
    """The browser's date picker, which reads and writes ISO dates whatever the interface language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InvoiceForm(forms.Form):
    case = forms.ChoiceField(label=_("Case"))
    number = forms.CharField(label=_("Invoice number"), max_length=60)
    issued_on = forms.DateField(label=_("Issued on"), widget=date_input())
    currency = forms.ModelChoiceField(label=_("Currency"), queryset=Currency.objects.all(), to_field_name="code")
    pdf = forms.FileField(label=_("Invoice (PDF)"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(str(c.public_id), f"{c.reference} · {c.patient.latin_name}") for c in cases]
        self.fields["issued_on"].initial = timezone.localdate()


class LineForm(forms.Form):
    description = forms.CharField(label=_("Service"), max_length=300, required=False)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, decimal_places=2, required=False, initial=1)
    unit_price = forms.DecimalField(label=_("Unit price"), min_value=0, decimal_places=2, required=False)


LineFormSet = forms.formset_factory(LineForm, extra=6, max_num=40)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=date_input())
    amount = forms.DecimalField(label=_("Amount"), min_value=0, decimal_places=2)
    reference = forms.CharField(label=_("Payment reference"), max_length=100)


class CommitForm(forms.Form):
    budget = forms.ChoiceField(label=_("Budget"))
    override_reason = forms.CharField(
        label=_("Reason for exceeding the budget (only if it must be exceeded)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, budgets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].choices = [(str(b.public_id), str(b)) for b in budgets]


class BudgetForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, decimal_places=2)
    currency = forms.ModelChoiceField(label=_("Currency"), queryset=Currency.objects.all(), to_field_name="code")
    starts_on = forms.DateField(label=_("Period starts"), required=False, widget=date_input())
    ends_on = forms.DateField(label=_("Period ends"), required=False, widget=date_input())

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(str(p.public_id), p.name) for p in programmes]
        self.fields["fiscal_year"].initial = timezone.localdate().year


class ProgrammeForm(forms.Form):
    """A new funding programme of a ministry, paid by an existing payer or by a new one named here."""

    ministry = forms.ChoiceField(label=_("Ministry"))
    code = forms.SlugField(label=_("Short code"), max_length=40, help_text=_("Latin letters, digits and hyphens."))
    name = forms.CharField(label=_("Programme name"), max_length=200)
    payer = forms.ChoiceField(label=_("Payer"), required=False)
    new_payer_name = forms.CharField(label=_("or a new payer's name"), max_length=200, required=False)
    new_payer_kind = forms.ChoiceField(label=_("New payer's kind"), choices=PayerKind.choices, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, ministries=(), payers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {str(record.public_id): record for record in (*ministries, *payers)}
        self.fields["ministry"].choices = [(str(m.public_id), str(m)) for m in ministries]
        self.fields["payer"].choices = [("", _("— a new payer —"))] + [(str(p.public_id), p.name) for p in payers]

    def chosen(self, public_id: str):
        """The ministry or payer a validated choice names (None for "a new payer")."""
        return self.offered.get(public_id)
