from django import template
from django.utils import translation

from association.public_url import absolute
from home.cache import cached
from home.models import SiteSettings
from news import selectors

register = template.Library()


@register.inclusion_tag("news/components/feed_links.html", takes_context=True)
def news_feed_links(context):
    request = context["request"]

    def links():
        index = selectors.news_index_for_language()
        if index is None:
            return {}
        base = index.get_url(request)
        return {"title": index.title, "rss_url": f"{base}feed/", "atom_url": f"{base}feed/atom/"}

    return cached("news-feed-links", links, translation.get_language(), request.get_host())


@register.inclusion_tag("news/components/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    articles = selectors.latest_news(limit=limit, with_untranslated=True)
    return {"articles": articles, "request": context["request"]}


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    """schema.org NewsArticle for search engines."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.intro,
        "datePublished": page.published_datetime().isoformat(),
        "dateModified": (page.last_published_at or page.published_datetime()).isoformat(),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": page.get_full_url(request),
        "author": [
            {"@type": "Person", "name": author.name} for author in context.get("authors", [])
        ],
    }
    image = page.share_image
    if image is not None:
        data["image"] = [absolute(image.get_rendition("fill-1200x630").url)]
    data["publisher"] = {
        "@type": "Organization",
        "name": SiteSettings.load(request_or_site=request).organisation_name,
    }
    return data


@register.simple_tag(takes_context=True)
def article_categories(context, article):
    """A card's categories in the article's language (``selectors.categories_in_language``),
    from the categories the list loaded with it; a list of translated articles reads each
    language's categories once per request, whatever its length."""
    categories = article.categories.all()
    if all(c.locale_id == article.locale_id for c in categories):
        return list(categories)
    request = context.get("request")
    memo = getattr(request, "_news_categories_by_locale", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._news_categories_by_locale = memo
    if article.locale_id not in memo:
        memo[article.locale_id] = selectors.categories_by_key(locale_id=article.locale_id)
    return selectors.categories_in_language(
        categories, locale_id=article.locale_id, translations=memo[article.locale_id]
    )
