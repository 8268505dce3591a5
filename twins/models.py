"""Which page is the other-script twin of which, and the terms that stay in Latin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page


class ScriptTwin(models.Model):
    """``twin`` is ``source`` in the other script, written by the transliteration on every
    publish of the source, unless staff locked it to edit it by hand."""

    source = models.ForeignKey(
        Page, verbose_name=_("source page"), on_delete=models.CASCADE, related_name="script_twins"
    )
    twin = models.OneToOneField(
        Page, verbose_name=_("twin page"), on_delete=models.CASCADE, related_name="script_twin_of"
    )
    locked = models.BooleanField(
        _("edited by hand"),
        default=False,
        help_text=_("A twin edited by hand no longer follows its source."),
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    synced_at = models.DateTimeField(_("last written from the source"), null=True, blank=True)

    class Meta:
        verbose_name = _("script twin")
        verbose_name_plural = _("script twins")

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.twin_id}"


@register_setting(icon="doc-full")
class ScriptSettings(BaseGenericSetting):
    protected_terms = models.TextField(
        _("terms that stay in Latin"),
        blank=True,
        help_text=_(
            "One per line: brand names, foreign words and Latin acronyms (SCAN, ICT Hub) that "
            "the Cyrillic twin writes exactly as here. Whole words, case-sensitive. In rich text, "
            "mark a passage with “Do not transliterate” instead."
        ),
    )

    panels = [FieldPanel("protected_terms")]

    class Meta:
        verbose_name = _("Serbian scripts")

    def terms(self) -> list[str]:
        lines = (line.strip() for line in self.protected_terms.splitlines())
        return [*settings.TRANSLITERATION_PROTECTED_TERMS, *(line for line in lines if line)]


class SnippetTwin(models.Model):
    """A translatable snippet's twin in the other script (taxonomies, menus, footer texts):
    rewritten whenever staff save the source, unless locked."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    source_pk = models.CharField(max_length=255)
    twin_pk = models.CharField(max_length=255)
    locked = models.BooleanField(_("edited by hand"), default=False)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("snippet twin")
        verbose_name_plural = _("snippet twins")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "twin_pk"], name="unique_snippet_twin")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}: {self.source_pk} -> {self.twin_pk}"
