from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from association.public_url import absolute

from . import selectors

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """The latest articles of one news index (one language), optionally of one category.
    Every address in it is on the site's public base (PUBLIC_BASE_URL): Django would put the
    request's host in front of a relative one."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, category_slug=None):
        super().__init__()
        self.index = index
        self.language = index.locale.language_code
        self.category = None
        if category_slug:
            self.category = selectors.category_for_slug(slug=category_slug, locale=index.locale)
            if self.category is None:
                raise Http404(_("There is no such category."))

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.category:
            return f"{self.index.title}: {self.category.name}"
        return self.index.title

    def link(self):
        return absolute(self.index.get_url(self.request))

    def feed_url(self):
        return absolute(self.request.path)

    def description(self):
        return self.index.intro or self.index.title

    def items(self):
        return selectors.articles(index=self.index, category=self.category)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.published_datetime()

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def item_enclosures(self, item):
        image = item.listing_image or item.lead_image
        if image is None:
            return []
        rendition = image.get_rendition("fill-1200x630")
        return [
            Enclosure(
                absolute(rendition.url),
                "0",
                "image/" + _image_type(rendition),
            )
        ]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def _image_type(rendition) -> str:
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return {"jpg": "jpeg"}.get(extension, extension)
