from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from association.hygiene import query_int

from .models.subscribers import validate_single_line
from .selectors import sectors_for_reader

CONSENT_WORDING = _(
    "I agree to receive Infocluster, the e-mail newsletter of the cluster association, in the "
    "language I chose, and I know I can unsubscribe at any time with the link in every issue."
)
DASHBOARD_WORDING = _(
    "Send Infocluster, the e-mail newsletter of the cluster association, to my account's "
    "e-mail address. I can unsubscribe at any time."
)
SOURCES = ["page", "home", "footer"]


class SectorsField(forms.ModelMultipleChoiceField):
    """Sector ids checked as numbers an id can be before the database sees them: a huge
    one overflows SQLite's integers (OverflowError) and PostgreSQL's (DataError)."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for pk in value:
                if query_int(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:50]},
                    )
        return super().clean(value)


class SubscriberDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=150,
        required=False,
        validators=[validate_single_line],
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    interests = SectorsField(
        label=_("Interests"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sectors you would like to hear about most."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language()
        self.fields["interests"].queryset = sectors_for_reader(language=language)
        self.fields["language"].initial = language

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class SubscribeForm(SubscriberDetailsForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    consent = forms.BooleanField(label=CONSENT_WORDING)
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["email", "name", "language", "interests", "consent"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        validate_single_line(email)
        return email

    def clean_source(self):
        source = self.cleaned_data.get("source")
        return source if source in SOURCES else "page"


class PreferencesForm(SubscriberDetailsForm):
    pass
