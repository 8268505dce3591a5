import hashlib
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from association import public_url
from home import locales, selectors, views
from home.cache import cached, content_version, memoised
from home.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    page = context.get("page")
    if page is not None and not hasattr(page, "get_translations"):
        page = None
    return views.language_links(request, page)


@register.simple_tag
def site_name():
    """The organisation's name in the reader's language (and Serbian script), kept in the
    process under the content version (``home.cache.memoised``): the layout shows it three
    times on every page."""
    language = translation.get_language()
    return memoised("site-name", lambda: SiteSettings.load().name_for(language), language)


@register.simple_tag
def site_contact():
    """``{% site_contact as contact %}``: the site settings (address, e-mail, phone, social
    links), kept in the process under the content version. Read only."""
    return memoised("site-settings", SiteSettings.load)


@register.simple_tag(takes_context=True)
def account_next(context) -> str:
    """Where signing in or up returns to: the page being read, or nothing on the account
    pages themselves (signing in from the sign-up page leads to the dashboard)."""
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    if match is not None and (match.url_name or "").startswith("account_"):
        return ""
    return request.get_full_path()


@register.filter
def absolute_url(url):
    """A site path as an absolute address on the site's public base (PUBLIC_BASE_URL)."""
    return public_url.absolute(str(url or ""))


@register.simple_tag
def other_language(page):
    """``{% other_language page as other %}``: for a listed page in another language than the
    reader's (not translated yet), ``other.code`` for its ``lang`` attributes and
    ``other.label`` ("In English"); None for a page in the reader's language."""
    return locales.other_language(page)


def _menu_links(request, handle: str) -> list[dict]:
    menu = selectors.menu_for_language(handle=handle)
    if menu is None:
        return []
    links = []
    for item in menu.items.all():
        if item.link_page is not None:
            if not item.link_page.live:
                continue
            url = item.link_page.get_url(request)
        else:
            url = item.link_url
        links.append({"text": item.text, "url": url})
    return links


@register.inclusion_tag("components/menu.html", takes_context=True)
def site_menu(context, handle, label):
    request = context["request"]
    links = cached(
        "menu",
        lambda: _menu_links(request, handle),
        handle,
        translation.get_language(),
        request.get_host(),
    )
    items = [{**link, "active": link["url"] == request.path} for link in links]
    return {"items": items, "handle": handle, "label": label}


@register.simple_tag
def footer_text():
    """The footer text of the reader's language, as HTML."""

    def render():
        text = selectors.footer_text_for_language()
        return str(richtext(text.body)) if text else ""

    return mark_safe(cached("footer-text", render, translation.get_language()))  # noqa: S308


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


@register.simple_tag
def site_content_version():
    """For ``{% cache %}`` keys of fragments that show content from across the site."""
    return content_version()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # A preview shows a draft: never from, nor into, the cache.
            return self.nodelist.render(context)
        values = [str(variable.resolve(context)) for variable in self.vary_on]
        digest = hashlib.md5(  # noqa: S324 -- a cache key, not a secret
            "\x1f".join(values).encode(), usedforsecurity=False
        ).hexdigest()
        return mark_safe(  # noqa: S308 -- the template's own output
            cached(
                self.name,
                lambda: str(self.nodelist.render(context)),
                translation.get_language(),
                digest,
            )
        )


@register.tag
def fragment(parser, token):
    """``{% fragment "name" value... %}…{% endfragment %}``: the enclosed output, cached
    under the name, the reader's language, the content version and the values (a page's id,
    the list's filters and page number). For the parts of a page that no visitor changes and
    that cost queries: their context is lazy (``SimpleLazyObject``), so a fragment found in
    the cache costs no query at all. A preview renders it afresh."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
