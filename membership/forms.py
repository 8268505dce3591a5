from allauth.account.forms import ReauthenticateForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MembershipLevel, Organisation, OrganisationUser


class ApplicationForm(forms.Form):
    """Apply at a level for one of the applicant's organisations or a new one."""

    level = forms.ModelChoiceField(
        label=_("Membership level"), queryset=MembershipLevel.objects.none(), empty_label=None
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("A new organisation (describe it below)"),
    )
    new_name = forms.CharField(
        label=_("Name of the new organisation"), max_length=255, required=False
    )
    new_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=Organisation.Kind.choices, required=False
    )
    new_city = forms.CharField(label=_("City"), max_length=100, required=False)
    new_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, user, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels
        self.fields["organisation"].queryset = Organisation.objects.filter(
            users__user=user, users__role=OrganisationUser.Role.ADMIN
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        needs_organisation = level and level.audience == MembershipLevel.Audience.ORGANISATIONS
        chosen = cleaned.get("organisation")
        if needs_organisation and not chosen and not cleaned.get("new_name"):
            self.add_error("new_name", _("Choose your organisation or name the new one."))
        # A named new organisation is created whatever the level, so it needs its kind.
        creates_one = not chosen and (needs_organisation or cleaned.get("new_name"))
        if creates_one and not cleaned.get("new_kind"):
            self.add_error("new_kind", _("Choose the kind of the new organisation."))
        return cleaned

    def new_organisation(self) -> dict | None:
        data = self.cleaned_data
        if data.get("organisation") or not data.get("new_name"):
            return None
        return {
            "name": data["new_name"],
            "kind": data["new_kind"],
            "city": data.get("new_city", ""),
            "website": data.get("new_website", ""),
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when rejecting."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("message", "").strip():
            self.add_error("message", _("Tell the applicant why their application was rejected."))
        return cleaned


class DeleteAccountForm(ReauthenticateForm):
    """Deleting the account takes the current password, checked by allauth so wrong guesses
    count against the account's failed-login limit like any other login."""

    field_order = ["confirm", "password"]

    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased."), required=True
    )
