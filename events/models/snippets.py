from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.models import TranslatableTaxonomy, unique_slug_per_locale


class EventSeries(TranslatableTaxonomy):
    """A recurring line of events: Days of Clusters, Balkan Cluster Day, Business Cluster
    Club, Training, Fair. Staff add more in the admin."""

    description = models.TextField(_("description"), blank=True)

    panels = [*TranslatableTaxonomy.panels, FieldPanel("description")]

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [unique_slug_per_locale("unique_series_slug_locale")]


class Speaker(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "membership.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
    )
    organisation_name = models.CharField(
        _("organisation (not in the directory)"), max_length=200, blank=True
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("organisation_name"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def affiliation(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name
