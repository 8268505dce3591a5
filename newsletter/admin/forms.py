"""Forms of the newsletter's custom admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class NewsletterIssueForm(WagtailAdminModelForm):
    """The issue editor: the slug follows the subject as it is typed (``TitleFieldPanel``);
    left empty, it is made from the subject (in Latin letters), unique among issues."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        subject = self.data.get(self.add_prefix("subject"), "")
        if slug or not subject:
            return slug or ""
        return type(self.instance).unique_slug(subject, exclude_pk=self.instance.pk)


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
