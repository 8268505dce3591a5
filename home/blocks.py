"""The blocks every page body is built from. ``BaseStreamBlock`` is the one stream that
every page type reuses; later apps add their own blocks next to it, not copies of it."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; also used for the page's outline.")
        preview_value = {"text": "Clusters in Serbia", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    attribution = blocks.CharBlock(required=False, max_length=250, label=_("Credit"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Alternative text"),
        help_text=_(
            "Describe the image for people who cannot see it. "
            "Leave empty to use the image's own description."
        ),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with an optional caption and credit.")
        preview_value = {"caption": "Days of Clusters, Niš", "attribution": "Cluster House"}


class QuoteStructValue(blocks.StructValue):
    @cached_property
    def cite(self) -> str:
        """The attribution line: 'name, role' where both are given."""
        return ", ".join(part for part in (self.get("attribution"), self.get("role")) if part)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Who said it"))
    role = blocks.CharBlock(required=False, max_length=200, label=_("Their role"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        value_class = QuoteStructValue
        description = _("A pull quote with its attribution.")
        preview_value = {
            "text": "The story about clusters is the story of comradeship, focus and shared goals.",
            "attribution": "Serbian Cluster Association",
        }


class LinkStructValue(blocks.StructValue):
    @cached_property
    def url(self) -> str:
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    external_url = blocks.URLBlock(required=False, label=_("Or an external address"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        value_class = LinkStructValue
        description = _("A highlighted box that sends readers to a page or address.")
        preview_value = {
            "title": "Join the network",
            "text": "Membership is free for clusters and their members.",
            "button_label": "Apply for membership",
            "external_url": "https://example.org/membership/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or enter an address."))
                }
            )
        return value


class DocumentStructValue(blocks.StructValue):
    @cached_property
    def label(self) -> str:
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    @cached_property
    def extension(self) -> str:
        document = self.get("document")
        return document.file_extension.upper() if document else ""


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, max_length=200, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document download")
        value_class = DocumentStructValue
        description = _("A link to download a document, such as an Infocluster issue as PDF.")
        preview_value = {"title": "Infocluster magazine (PDF)"}


class EmbedVideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Video")
        description = _(
            "A video embedded from YouTube or Vimeo, such as an episode of the TV show."
        )
        preview_value = {"caption": "Clusters in Serbia, the TV show"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        description = _("Rich text: paragraphs, lists and links.")
        preview_value = "<p>More than eighty clusters work in Serbia today.</p>"


class TableDataBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        label = _("Table")
        description = _("A simple table of figures.")
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["Clusters", "Members"], ["80+", "47,000+"]],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    image = ImageBlock()
    video = EmbedVideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    table = TableDataBlock()
