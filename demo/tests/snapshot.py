"""Running ``seed_demo`` in a test and counting what it wrote."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from demo.news import TAGS_SR_LATN
from demo.news_seeder import articles, translations
from events.models import (
    B2BItem,
    B2BProfile,
    B2BSession,
    EventPage,
    EventSeries,
    EventSession,
    Meeting,
    MeetingRequest,
    Registration,
    Speaker,
    TicketType,
)
from home.models import FooterText, Menu, MenuItem
from membership.models import OrganisationUser
from news.models import Author, NewsCategory, NewsPage, NewsPageTag
from twins.transliteration import to_cyrillic


def seed(*args: str) -> str:
    """``manage.py seed_demo`` with these arguments; what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def per_locale(queryset) -> dict[str, int]:
    return dict(
        queryset.values_list("locale__language_code").annotate(count=Count("id")).order_by()
    )


def pages_per_locale() -> dict[str, int]:
    return per_locale(Page.objects.filter(depth__gt=1))


def snapshot() -> dict:
    return {
        "pages": pages_per_locale(),
        "articles": per_locale(NewsPage.objects.all()),
        "categories": per_locale(NewsCategory.objects.all()),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "tagged articles": NewsPageTag.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "menus": Menu.objects.count(),
        "menu items": MenuItem.objects.count(),
        "footer texts": FooterText.objects.count(),
        "sites": Site.objects.count(),
        "redirects": Redirect.objects.count(),
        "events": per_locale(EventPage.objects.all()),
        "event series": per_locale(EventSeries.objects.all()),
        "speakers": Speaker.objects.count(),
        "ticket types": TicketType.objects.count(),
        "sessions": EventSession.objects.count(),
        "organisation people": OrganisationUser.objects.count(),
        "registrations": Registration.objects.count(),
        "b2b sessions": list(
            B2BSession.objects.values_list("pk", "scheduled_at", "schedule_version")
        ),
        "b2b profiles": B2BProfile.objects.count(),
        "b2b offers and needs": B2BItem.objects.count(),
        "meeting requests": dict(
            MeetingRequest.objects.values_list("status").annotate(count=Count("pk")).order_by()
        ),
        "meetings": list(Meeting.objects.order_by("pk").values_list("pk", "slot", "table")),
    }


def tag_count(scope) -> int:
    """The tags seeding ``scope`` writes: the English articles' tags, the Serbian Latin tags of
    their translations, and those in Cyrillic that the twins carry."""
    chosen = articles(scope)
    translated = translations(scope)["sr-latn"]
    latin = {TAGS_SR_LATN[tag] for a in chosen if a.slug in translated for tag in a.tags}
    english = {tag for article in chosen for tag in article.tags}
    return len(english | latin | {to_cyrillic(name) for name in latin})
