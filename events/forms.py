from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    ticket_type = forms.TypedChoiceField(label=_("Ticket"), coerce=int, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, tickets: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.tickets = {row["ticket"].pk: row for row in tickets}
        self.fields["ticket_type"].choices = [
            (row["ticket"].pk, row["ticket"].name) for row in tickets if row["state"] == "open"
        ]
        if len(self.fields["ticket_type"].choices) == 1:
            self.fields["ticket_type"].initial = self.fields["ticket_type"].choices[0][0]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if "\r" in name or "\n" in name:
            raise forms.ValidationError(_("Names cannot contain line breaks."))
        return name

    def ticket_row(self) -> dict:
        return self.tickets[self.cleaned_data["ticket_type"]]
