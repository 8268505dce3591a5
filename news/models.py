import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage, TranslatableTaxonomy, unique_slug_per_locale

from .forms import NewsPageForm


class NewsCategory(TranslatableTaxonomy):
    """A taxonomy staff manage: "Cluster news", "Calls and funding", "Events", "Infocluster"."""

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        constraints = [unique_slug_per_locale("unique_category_slug_locale")]


class Author(models.Model):
    """A person who writes for the association: staff, guest authors."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(RoutablePageMixin, BasePage):
    """/news/: the articles of its language, newest first, filterable; and their feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    @path("")
    def index_route(self, request):
        from news import views

        return views.news_index(self, request)

    # The Atom routes come first so that "atom" is never taken for a category.
    @path("feed/atom/", name="atom_feed")
    @path("feed/atom/<slug:category>/", name="category_atom_feed")
    def atom_feed(self, request, category=None):
        from news import views

        return views.atom_feed(self, request, category)

    @path("feed/", name="feed")
    @path("feed/<slug:category>/", name="category_feed")
    def rss_feed(self, request, category=None):
        from news import views

        return views.rss_feed(self, request, category)

    @path("category/<slug:category>/")
    def category_redirect(self, request, category):
        from news import views

        return views.category_redirect(self, request, category)


class NewsPage(BasePage):
    date = models.DateField(_("publication date"), default=datetime.date.today)
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    authors = ParentalManyToManyField(Author, blank=True, verbose_name=_("authors"))
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, verbose_name=_("categories"), related_name="pages"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    organisations = ParentalManyToManyField(
        "membership.Organisation",
        blank=True,
        verbose_name=_("organisations it is about"),
        related_name="news_pages",
    )

    base_form_class = NewsPageForm
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("categories"),
                FieldPanel("tags"),
                FieldPanel("organisations"),
            ],
            heading=_("Authors and topics"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def card_summary(self) -> str:
        return self.listing_summary or self.intro

    @property
    def listing_date(self) -> datetime.date:
        return self.date

    @property
    def share_image(self):
        return self.social_image or self.listing_image or self.lead_image

    def get_context(self, request, *args, **kwargs):
        from news import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.news_page_context(self, request))
        return context

    def published_datetime(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(8, 0)))
