"""An issue as e-mail (HTML in table layout with inline styles, and plain text) and as the
archive's web version.

The body is rendered once per issue; each recipient's copy only swaps the placeholders for
the greeting and their own links, so 50,000 personalised messages cost 50,000 string
replacements, not 50,000 template renders and news queries."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from association.public_url import absolute, base_url
from events.selectors import upcoming_events
from news.selectors import latest_news
from twins.conversion import Converter
from twins.models import ScriptSettings
from twins.services import OTHER_SCRIPT

NAME = "[[newsletter:name]]"
UNSUBSCRIBE_URL = "[[newsletter:unsubscribe]]"
PREFERENCES_URL = "[[newsletter:preferences]]"
GREETING = "[[newsletter:greeting]]"

_RELATIVE_LINK = re.compile(r'(href|src)="/(?!/)')


def html_to_text(markup: str) -> str:
    markup = re.sub(r"<a [^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a>", r"\2 (\1)", markup, flags=re.S)
    markup = re.sub(r"</(p|h2|h3|li|ul|ol)>|<br\s*/?>", "\n", markup)
    markup = re.sub(r"<li[^>]*>", "- ", markup)
    text = html.unescape(strip_tags(markup))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def _image_url(image, spec="fill-1200x630") -> str:
    if image is None:
        return ""
    return absolute(image.get_rendition(spec).url)


def _teaser(page) -> dict:
    """A news article or event as a card: title, one line of dates or places, summary."""
    page = page.specific
    meta = ""
    if hasattr(page, "start"):
        meta = date_format(localtime(page.start), "DATETIME_FORMAT")
        if getattr(page, "city", ""):
            meta = f"{meta} · {page.city}"
    elif getattr(page, "date", None):
        meta = date_format(page.date, "DATE_FORMAT")
    summary = getattr(page, "card_summary", "") or getattr(page, "intro", "")
    image = getattr(page, "listing_image", None) or getattr(page, "lead_image", None)
    return {
        "title": getattr(page, "listing_title", "") or page.title,
        "meta": meta,
        "summary": summary,
        "url": page.full_url or absolute(page.url or ""),
        "image_url": _image_url(image, "fill-600x315"),
    }


def issue_sections(issue) -> list[dict]:
    """The body as plain data both the e-mail and the web templates lay out."""
    sections = []
    for block in issue.body:
        value = block.value
        kind = block.block_type
        if kind == "text":
            markup = _RELATIVE_LINK.sub(rf'\1="{base_url()}/', str(value))
            sections.append({"type": "text", "html": markup, "text": html_to_text(markup)})
        elif kind == "image":
            image = value.get("image")
            if image is not None:
                sections.append(
                    {
                        "type": "image",
                        "url": _image_url(image, "width-1200"),
                        "alt": value.get("alt_text") or image.title,
                        "caption": value.get("caption"),
                    }
                )
        elif kind == "call_to_action":
            sections.append(
                {
                    "type": "call_to_action",
                    "title": value["title"],
                    "text": value.get("text", ""),
                    "label": value["button_label"],
                    "url": absolute(value.url),
                }
            )
        elif kind == "featured_page" and value.get("page"):
            sections.append(
                {
                    "type": "teasers",
                    "heading": "",
                    "button": value.get("button_label", ""),
                    "items": [_teaser(value["page"])],
                }
            )
        elif kind == "latest_news":
            items = [_teaser(page) for page in latest_news(limit=value["count"])]
            if items:
                sections.append({"type": "teasers", "heading": value["heading"], "items": items})
        elif kind == "upcoming_events":
            items = [_teaser(page) for page in upcoming_events(limit=value["count"])]
            if items:
                sections.append({"type": "teasers", "heading": value["heading"], "items": items})
    return sections


@dataclass(frozen=True)
class RenderedIssue:
    email_html: str
    email_text: str
    web_html: str
    greeting_named: str
    greeting_anonymous: str
    subject: str = ""  # set when it differs from the issue's (another script)


def render_issue(issue) -> RenderedIssue:
    with translation.override(issue.language):
        sections = issue_sections(issue)
        attachments = [
            {"title": a.document.title, "url": absolute(a.document.url)}
            # .all(): a preview renders an unsaved issue, whose inline rows live in memory
            for a in issue.attachments.all()
        ]
        context = {
            "issue": issue,
            "sections": sections,
            "attachments": attachments,
            "site_url": base_url(),
            # Only an issue for the public is in the archive to be read in a browser.
            "archive_url": (
                base_url() + reverse("newsletter:archive_issue", args=[issue.slug])
                if issue.audience_is_public
                else ""
            ),
            "greeting": GREETING,
            "unsubscribe_url": UNSUBSCRIBE_URL,
            "preferences_url": PREFERENCES_URL,
        }
        return RenderedIssue(
            email_html=render_to_string("newsletter/email/issue.html", context),
            email_text=render_to_string("newsletter/email/issue.txt", context),
            web_html=render_to_string("newsletter/issue_body.html", context),
            greeting_named=greetings(issue.language)[0],
            greeting_anonymous=greetings(issue.language)[1],
        )


def personalise(
    rendered: RenderedIssue, *, name: str, unsubscribe_url: str, preferences_url: str
) -> tuple[str, str]:
    """The recipient's own HTML and text, from the issue rendered once."""
    text_greeting = (
        rendered.greeting_named.replace(NAME, name) if name else rendered.greeting_anonymous
    )
    html_greeting = (
        rendered.greeting_named.replace(NAME, html.escape(name))
        if name
        else rendered.greeting_anonymous
    )
    html_body = (
        rendered.email_html.replace(GREETING, html_greeting)
        .replace(UNSUBSCRIBE_URL, html.escape(unsubscribe_url))
        .replace(PREFERENCES_URL, html.escape(preferences_url))
    )
    text_body = (
        rendered.email_text.replace(GREETING, text_greeting)
        .replace(UNSUBSCRIBE_URL, unsubscribe_url)
        .replace(PREFERENCES_URL, preferences_url)
    )
    return html_body, text_body


def render_issue_preview(issue) -> str:
    """The admin preview: the e-mail as a named reader would get it."""
    rendered = render_issue(issue)
    html_body, _text = personalise(
        rendered, name="Ana Petrović", unsubscribe_url="#", preferences_url="#"
    )
    return html_body


def greetings(language: str) -> tuple[str, str]:
    with translation.override(language):
        return _("Dear %(name)s,") % {"name": NAME}, _("Hello,")


def stored_rendering(issue) -> RenderedIssue:
    """The rendering frozen on the issue when sending started."""
    named, anonymous = greetings(issue.language)
    return RenderedIssue(
        email_html=issue.email_html,
        email_text=issue.email_text,
        web_html=issue.web_html,
        greeting_named=named,
        greeting_anonymous=anonymous,
    )


def reader_language(issue_language: str, reader: str | None) -> str:
    """The language a reader gets an issue in: a Serbian issue in the reader's script, any
    other in its own language."""
    if reader and OTHER_SCRIPT.get(issue_language) == reader:
        return reader
    return issue_language


def rendering_for_reader(issue, rendered: RenderedIssue, language: str) -> RenderedIssue:
    """``rendered`` in ``language``'s script: one Serbian text, mailed in Latin or Cyrillic.
    The personalisation markers and the terms that stay Latin are left as they are."""
    if reader_language(issue.language, language) == issue.language:
        return rendered
    markers = (NAME, UNSUBSCRIBE_URL, PREFERENCES_URL, GREETING)
    converter = Converter(language, (*ScriptSettings.load().terms(), *markers))
    named, anonymous = greetings(language)
    return RenderedIssue(
        email_html=converter.html(rendered.email_html),
        email_text=converter.text(rendered.email_text),
        web_html=converter.html(rendered.web_html),
        greeting_named=named,
        greeting_anonymous=anonymous,
        subject=converter.text(issue.subject),
    )
