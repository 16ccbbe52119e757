"""Web form of the FHIR import: one JSON file."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    bundle = forms.FileField(label=_("FHIR Bundle (JSON file)"))

    def clean_bundle(self):
        upload = self.cleaned_data["bundle"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError(_("The file is not JSON: %(error)s") % {"error": error}) from error
