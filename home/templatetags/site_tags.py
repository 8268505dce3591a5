import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    page = context.get("page")
    if page is not None and not hasattr(page, "get_translations"):
        page = None
    return selectors.language_links(request, page)


@register.inclusion_tag("components/menu.html", takes_context=True)
def site_menu(context, handle, label):
    request = context["request"]
    menu = selectors.menu_for_language(handle)
    items = []
    if menu is not None:
        for item in menu.items.all():
            if item.link_page is not None:
                if not item.link_page.live:
                    continue
                url = item.link_page.get_url(request)
            else:
                url = item.link_url
            items.append({"text": item.text, "url": url, "active": url == request.path})
    return {"items": items, "handle": handle, "label": label}


@register.simple_tag
def footer_text():
    return selectors.footer_text_for_language()


@register.simple_tag
def current_language_code():
    return translation.get_language()


_JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A JSON-LD block for structured data; <, > and & are escaped so text from the page can
    never close the script element."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        _JSON_LD_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
