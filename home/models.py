import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from twins.models import ScriptSettings
from twins.search import folded_search_text
from twins.transliteration import to_cyrillic, to_latin

from .blocks import BaseStreamBlock
from .cache import clock_period


class BasePage(Page):
    """What every page of the site has besides its content: how it looks in listings and
    when it is shared (OpenGraph / Twitter cards)."""

    listing_title = models.CharField(
        _("listing title"),
        max_length=255,
        blank=True,
        help_text=_("Shown in lists and cards instead of the page title."),
    )
    listing_summary = models.TextField(
        _("listing summary"), blank=True, help_text=_("One or two sentences for lists and cards.")
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_title = models.CharField(
        _("social title"),
        max_length=255,
        blank=True,
        help_text=_("The title shown when the page is shared; defaults to the page title."),
    )
    social_text = models.TextField(
        _("social text"),
        blank=True,
        help_text=_("The description shown when the page is shared; defaults to the summary."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; 1200×630 pixels works best."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Listings"),
        ),
        MultiFieldPanel(
            [FieldPanel("social_title"), FieldPanel("social_text"), FieldPanel("social_image")],
            heading=_("Sharing"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        # Every searched text again, folded: script and diacritics make no difference.
        index.SearchField("search_folded"),
    ]

    class Meta:
        abstract = True

    @property
    def search_folded(self) -> str:
        return folded_search_text(self, exclude="search_folded")

    def card_title(self) -> str:
        return self.listing_title or self.title

    @property
    def card_summary(self) -> str:
        return self.listing_summary or self.search_description

    @property
    def listing_date(self) -> datetime.date | None:
        """The date a listing of mixed pages (search results) shows: an article's, an
        event's first day; none for other pages."""
        return None

    @property
    def share_title(self) -> str:
        return self.social_title or self.seo_title or self.title

    @property
    def share_text(self) -> str:
        return self.social_text or self.card_summary

    @property
    def share_image(self):
        return self.social_image or self.listing_image


class HomePage(BasePage):
    hero_heading = models.CharField(_("hero heading"), max_length=255)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("call to action label"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_cta_label"), FieldPanel("hero_cta_page")]),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page's content is one cached fragment; its upcoming events change with the clock.
        context["clock_period"] = clock_period()
        return context


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        from home import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.standard_page_context(self, request))
        return context


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """The organisation's name (in English, and in Serbian once for both scripts), contact
    details and social links."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=255, default="Serbian Cluster Association"
    )
    organisation_name_sr = models.CharField(
        _("organisation name in Serbian"),
        max_length=255,
        blank=True,
        help_text=_("In Latin or Cyrillic: the Serbian site shows it in the reader's script."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.TextField(_("address"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("organisation_name_sr"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in links if url]

    def name_for(self, language: str, request=None) -> str:
        """The site's name in ``language``: the Serbian name in the reader's script. With the
        request, the terms that stay Latin are read once per request (Wagtail caches a
        setting on it), however often the layout shows the name."""
        serbian = self.organisation_name_sr.strip()
        if language not in ("sr", "sr-latn") or not serbian:
            return self.organisation_name
        if language == "sr-latn":
            return to_latin(serbian)
        terms = ScriptSettings.load(request_or_site=request).terms()
        return to_cyrillic(serbian, protected=terms)


class Menu(TranslatableMixin, ClusterableModel):
    """A list of links staff edit: the main menu in the header, the footer menu. One per
    language; a language without its own menu shows the default language's."""

    class Handle(models.TextChoices):
        MAIN = "main", _("Main menu")
        FOOTER = "footer", _("Footer menu")

    handle = models.CharField(_("which menu"), max_length=20, choices=Handle.choices)

    panels = [FieldPanel("handle"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(fields=["handle", "locale"], name="unique_menu_per_locale")
        ]

    def __str__(self) -> str:
        return f"{self.get_handle_display()} ({self.locale})"


def validate_link_url(value: str) -> None:
    """A path on this site ("/search/") or an absolute http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class MenuItem(Orderable):
    menu = ParentalKey(Menu, related_name="items", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(
        _("or an address"),
        max_length=500,
        blank=True,
        validators=[validate_link_url],
        help_text=_("A path on this site such as /search/, or a full address."),
    )
    link_text = models.CharField(
        _("link text"), max_length=100, blank=True, help_text=_("Defaults to the page's title.")
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    def clean(self):
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_page": _("Choose a page or enter an address.")})
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("A link to an address needs its text.")})

    @property
    def text(self) -> str:
        return self.link_text or (self.link_page.title if self.link_page else self.link_url)


class FooterText(TranslatableMixin, models.Model):
    """The short text at the foot of every page, one per language."""

    body = RichTextField(_("text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self) -> str:
        return str(_("Footer text (%(locale)s)") % {"locale": self.locale})


class TranslatableTaxonomy(TranslatableMixin, models.Model):
    """A list staff keep per language to file content under (news categories, event series,
    sectors, technology fields): a name and a slug unique in its language, listed by name.

    A subclass adds its verbose names and its uniqueness constraint, named its own way:
    ``constraints = [unique_slug_per_locale("unique_..._slug_locale")]``."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def unique_slug_per_locale(name: str) -> models.UniqueConstraint:
    """A taxonomy's slug is unique within one language (the constraint called ``name``)."""
    return models.UniqueConstraint(fields=["slug", "locale"], name=name)
