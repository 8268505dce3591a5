from django import forms
from django.utils.translation import gettext_lazy as _

from .models.b2b import MeetingOutcome


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


# --- B2B matchmaking -------------------------------------------------------------------------


class B2BProfileForm(forms.Form):
    """A participant's profile. Sectors and technology fields are chosen by slug, which a
    term's translations share, from the terms in the reader's language; the slots as the
    session's times."""

    description = forms.CharField(
        label=_("About us"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organisation does, in a few sentences."),
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), required=False, widget=forms.CheckboxSelectMultiple
    )
    technology_fields = forms.MultipleChoiceField(
        label=_("Technology fields"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    max_meetings = forms.IntegerField(
        label=_("Most meetings I want"),
        required=False,
        min_value=1,
        max_value=96,
        help_text=_("Leave empty for as many as the slots allow."),
    )
    available_slots = forms.TypedMultipleChoiceField(
        label=_("I am free for meetings at"),
        coerce=int,
        required=True,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one slot.")},
    )
    is_visible = forms.BooleanField(
        label=_("Show my profile to the other participants"), required=False, initial=True
    )

    def __init__(self, *args, regions, sectors, technologies, languages, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—"), *regions]
        self.fields["sectors"].choices = [(term.slug, term.name) for term in sectors]
        self.fields["technology_fields"].choices = [(term.slug, term.name) for term in technologies]
        self.fields["languages"].choices = languages
        self.fields["available_slots"].choices = slots


class B2BItemForm(forms.Form):
    direction = forms.ChoiceField(label=_("Offer or seek"))
    kind = forms.ChoiceField(label=_("Type"))
    text = forms.CharField(label=_("In short"), max_length=300)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )

    def __init__(self, *args, directions, kinds, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank first choice, so an extra row left alone is an empty row, not an error.
        self.fields["direction"].choices = [("", "—"), *directions]
        self.fields["kind"].choices = [("", "—"), *kinds]
        self.fields["sectors"].choices = [(term.slug, term.name) for term in sectors]


B2BItemFormSet = forms.formset_factory(
    B2BItemForm, extra=2, can_delete=True, max_num=12, validate_max=True, absolute_max=12
)


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you would like to meet: it helps them say yes."),
    )


class MeetingOutcomeForm(forms.Form):
    """One side's outcome of one meeting."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(value, str(value)) for value in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1: not useful, 5: very useful."),
    )
    result = forms.ChoiceField(label=_("What came of it"), choices=MeetingOutcome.Result.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
