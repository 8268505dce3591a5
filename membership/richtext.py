"""An organisation's description between the rich text it is stored as and the plain text
members write, the open-data export carries and the directory import reads: paragraphs
separated by an empty line, never the writer's own HTML."""

from html import unescape

from django.utils.html import format_html, strip_tags


def rich_text_to_plain(html: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, paragraphs apart."""
    paragraphs = html.replace("<br>", "\n").replace("</p>", "\n\n")
    return unescape(strip_tags(paragraphs)).strip()


def plain_to_rich_text(text: str) -> str:
    """Plain text stored as escaped paragraphs (an empty line between two), a single line
    break kept as ``<br>``: whatever HTML it holds is shown as typed."""
    text = (text or "").replace("\r\n", "\n").strip()
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(format_html("<p>{}</p>", part).replace("\n", "<br>") for part in paragraphs)
