"""Forms of the newsletter's custom admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Send at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with a header row: email, name, language, consent_source, consent_date "
            "(YYYY-MM-DD). Only people who agreed to receive Infocluster."
        ),
    )
