"""Membership's forms: applying, staff's review, deleting an account, and the editor an
organisation's own admins keep its public profile with."""

from allauth.account.forms import ReauthenticateForm
from django import forms
from django.forms import inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from association.hygiene import query_int

from .models import ContactPerson, MembershipLevel, Organisation, OrganisationUser
from .richtext import plain_to_rich_text, rich_text_to_plain
from .selectors import EXPORT_COLUMNS


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


# --- an organisation's public profile ------------------------------------------------------

MAX_LOGO_BYTES = 2 * 1024 * 1024
# Willow's format names. SVG is refused: it can carry scripts, and it is served from the
# site's own origin.
LOGO_FORMATS = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}

# The public profile minus what only staff decide (the label, founder status) and what is
# derived (slug, URL, kind).
STAFF_ONLY = {"slug", "url", "kind", "excellence_label", "label_expires", "is_founder"}
PROFILE_FIELDS = [name for name in EXPORT_COLUMNS if name not in STAFF_ONLY]


class LogoField(WagtailImageField):
    """Wagtail's image field (real format, size and pixel limits), for a file that only looks
    like an image: its header names a format the decoder then cannot read. Wagtail lets the
    decoder's error through; here it is the form error it should be."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, ValueError, SyntaxError) as error:  # PIL's errors for a broken file
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


def validate_logo(upload) -> None:
    """A PNG, JPEG or WebP image of at most 2 MB. Wagtail's image field has already read it
    with Willow: the extension matches the real format, and the size and the number of
    pixels are within ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` and ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``."""
    if upload.size > MAX_LOGO_BYTES:
        raise forms.ValidationError(
            _("The logo is %(size)s; at most %(max)s is allowed."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(MAX_LOGO_BYTES)},
        )
    image = getattr(upload, "image", None)
    if image is None or image.format_name not in LOGO_FORMATS:
        raise forms.ValidationError(
            _("Upload the logo as a PNG, JPEG or WebP image."), code="invalid_type"
        )


class BoundedIdsMixin:
    """For model multiple-choice fields whose values come from a form or a query string: a
    value that is no id any table hands out (negative, zero, past 2**31 - 1, not a number) is
    an invalid choice before any query is made, so it never overflows SQLite's integers."""

    def _check_values(self, value):
        null_value = getattr(self, "null_value", None)
        for pk in value:
            if pk != null_value and query_int(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class BoundedModelMultipleChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    pass


class OrganisationProfileForm(forms.ModelForm):
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {
            "founding_date": forms.DateInput(attrs={"type": "date"}),
            "sectors": forms.CheckboxSelectMultiple,
            "technology_fields": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "sectors": BoundedModelMultipleChoiceField,
            "technology_fields": BoundedModelMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, not per class: Wagtail's image field reads its limits from the
        # settings when it is created.
        self.fields["logo_upload"] = LogoField(
            label=_("New logo"),
            required=False,
            widget=forms.ClearableFileInput(attrs={"accept": ",".join(LOGO_FORMATS.values())}),
        )
        self.fields["logo_upload"].help_text = _("PNG, JPEG or WebP, at most 2 MB.")
        # A form without the choice (an older page still open) means a full date.
        self.fields["founding_date_precision"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["description"] = rich_text_to_plain(self.instance.description)

    def clean_founding_date_precision(self):
        return self.cleaned_data.get("founding_date_precision") or Organisation.DatePrecision.DAY

    def clean_description(self):
        """Members write plain text; it is stored as escaped paragraphs, never as their HTML."""
        return plain_to_rich_text(self.cleaned_data.get("description", ""))

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            validate_logo(upload)
        return upload


ContactPersonFormSet = inlineformset_factory(
    Organisation,
    ContactPerson,
    fields=["name", "role", "email", "phone", "consent_to_publish"],
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


def profile_data(form: OrganisationProfileForm, formset) -> dict:
    """What the service takes: the profile's fields, the contact persons to keep (with
    their ids when they exist already) and the new logo, if any."""
    data = {name: form.cleaned_data[name] for name in PROFILE_FIELDS}
    data["contact_persons"] = [
        {
            "id": contact_form.instance.pk,
            **{
                name: contact_form.cleaned_data[name]
                for name in ("name", "role", "email", "phone", "consent_to_publish")
            },
        }
        for contact_form in formset.forms
        if contact_form.cleaned_data and not contact_form.cleaned_data.get("DELETE")
    ]
    data["logo_file"] = form.cleaned_data.get("logo_upload")
    return data


class InvitationForm(forms.Form):
    """An organisation's admin invites a colleague (the dashboard's People screen)."""

    email = forms.EmailField(label=_("E-mail address of your colleague"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=OrganisationUser.Role.choices, initial=OrganisationUser.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationUser.Role.choices)
