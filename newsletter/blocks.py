"""The blocks an issue is written in. Text, image and call to action are the site's shared
blocks; the news, events and featured-page blocks pull content in when the issue is sent.

E-mail clients need table layout and inline styles, so ``newsletter.rendering`` renders each
block for e-mail itself; the ``template`` of each block is the archive's web version."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import CallToActionBlock, ImageBlock


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["h2", "h3", "bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "newsletter/blocks/text_block.html"
        label = _("Text")
        description = _("Paragraphs, headings, lists and links.")
        preview_value = "<p>Welcome to this month's Infocluster.</p>"


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default=_("Latest news"), label=_("Heading"))
    count = blocks.IntegerBlock(min_value=1, max_value=10, default=3, label=_("How many"))

    class Meta:
        icon = "doc-full"
        template = "newsletter/blocks/teaser_list_block.html"
        label = _("Latest news")
        description = _("The newest articles in the issue's language when it is sent.")
        preview_value = {"heading": "Latest news", "count": 3}


class UpcomingEventsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default=_("Upcoming events"), label=_("Heading"))
    count = blocks.IntegerBlock(min_value=1, max_value=10, default=3, label=_("How many"))

    class Meta:
        icon = "date"
        template = "newsletter/blocks/teaser_list_block.html"
        label = _("Upcoming events")
        description = _("The next events in the issue's language when it is sent.")
        preview_value = {"heading": "Upcoming events", "count": 3}


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type=["news.NewsPage", "events.EventPage"], label=_("Article or event")
    )
    button_label = blocks.CharBlock(max_length=60, default=_("Read more"), label=_("Button"))

    class Meta:
        icon = "link"
        template = "newsletter/blocks/teaser_list_block.html"
        label = _("Featured article or event")
        description = _("One news article or event with its image, summary and a link.")


class IssueStreamBlock(blocks.StreamBlock):
    text = TextBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    featured_page = FeaturedPageBlock()
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
