"""Forms of the admin's editors."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .. import imports
from ..forms import BoundedModelMultipleChoiceField


class OrganisationAdminForm(WagtailAdminModelForm):
    """Staff's editor: the taxonomy ids posted are bounded like the member's form's."""

    class Meta:
        field_classes = {
            "sectors": BoundedModelMultipleChoiceField,
            "technology_fields": BoundedModelMultipleChoiceField,
        }


class OrganisationImportUploadForm(forms.Form):
    """The file staff import organisations from (``membership.imports``)."""

    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("From the file's extension")), ("csv", "CSV"), ("json", "JSON")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "CSV or JSON in the format of the directory's export (export.csv, export.json); "
            "at most %(max)s MB."
        ) % {"max": imports.MAX_BYTES // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(max)s MB; split it into smaller files.")
                % {"max": imports.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class OrganisationImportConfirmForm(forms.Form):
    """Confirming a validated upload: which upload (kept on the server, not sent back) and
    the digest of the content staff saw."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
