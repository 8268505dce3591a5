"""The language switcher never leads to a missing page: on every page type, on a page's
routes, on a filtered list and off the page tree, whichever languages have a home page and
whichever pages are translated. A language without the page leads to its home page."""

import pytest
from wagtail.models import Locale

from tests.factories import (
    ClusterDirectoryPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    MembershipPageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    StandardPageFactory,
    translate_page,
    verified_user,
)
from tests.listing import switcher_links

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

# Every page type (and a route of each routable page that has an HTML one) in English; the
# news index filtered by a category and the events index by a series that have no
# translation; the search page.
ENGLISH_URLS = [
    "/",
    "/about/",
    "/news/",
    "/news/?category=calls",
    "/news/english-story/",
    "/events/",
    "/events/?tab=past&series=days-of-clusters",
    "/events/english-event/",
    "/events/english-event/register/",
    "/membership/",
    "/membership/apply/",
    "/clusters/",
    "/clusters/voict/",
    "/search/?q=cluster",
]


@pytest.fixture(params=[("sr-latn", "sr"), ("sr-latn",), ()], ids=["both", "latin", "none"])
def site(request, home_page):
    """Every page type in English; the home page translated into the languages of the
    parameter and, where Latin is one, the news and events indexes too, with a category only
    in Latin and an article written in Latin."""
    news = NewsIndexPageFactory(parent=home_page)
    NewsCategoryFactory(name="Calls", slug="calls")
    NewsPageFactory(parent=news, title="English story", slug="english-story")
    events = EventIndexPageFactory(parent=home_page)
    EventSeriesFactory(name="Days of Clusters", slug="days-of-clusters")
    EventPageFactory(parent=events, title="English event", slug="english-event", ticket_types=[{}])
    StandardPageFactory(parent=home_page, title="About", slug="about")
    MembershipPageFactory(parent=home_page)
    ClusterDirectoryPageFactory(parent=home_page)
    OrganisationFactory(name="VOICT", slug="voict")
    urls = list(ENGLISH_URLS)
    for code in request.param:
        translate_page(home_page, code, title=f"Home {code}")
    if "sr-latn" in request.param:
        latin_news = translate_page(news, "sr-latn", title="Vesti", slug="vesti")
        translate_page(events, "sr-latn", title="Događaji", slug="dogadjaji")
        NewsCategoryFactory(
            name="Samo srpska",
            slug="samo-srpska",
            locale=Locale.objects.get(language_code="sr-latn"),
        )
        NewsPageFactory(parent=latin_news, title="Srpska vest", slug="srpska-vest")
        urls += [
            "/sr-latn/",
            "/sr-latn/vesti/",
            "/sr-latn/vesti/?category=samo-srpska",
            "/sr-latn/vesti/srpska-vest/",
            "/sr-latn/dogadjaji/",
            "/sr-latn/search/?q=cluster",
        ]
    return urls


def _final_status(client, url: str) -> int:
    """The status at the end of the redirects (a sign-in page for a route that needs it)."""
    return client.get(url, follow=True).status_code


def test_every_switcher_link_on_every_page_leads_to_a_page(client, site):
    client.force_login(verified_user())  # the application form is for signed-in readers
    missing = []
    for url in site:
        response = client.get(url)
        assert response.status_code == 200, url
        links = switcher_links(response.content.decode())
        assert len(links) == 2, url  # the two other languages
        missing += [
            (url, code, target)
            for code, target in links.items()
            if _final_status(client, target) != 200
        ]

    assert missing == []


def test_an_untranslated_page_links_to_the_home_page_of_the_language(client, site):
    links = switcher_links(client.get("/news/english-story/").content.decode())

    assert links == {"sr-latn": "/sr-latn/", "sr": "/sr/"}


def test_a_filtered_list_links_to_the_list_in_the_other_language_unfiltered(client, site):
    links = switcher_links(client.get("/news/?category=calls").content.decode())

    if "/sr-latn/vesti/" in site:
        assert links["sr-latn"] == "/sr-latn/vesti/"
        back = switcher_links(client.get("/sr-latn/vesti/?category=samo-srpska").content.decode())
        assert back["en"] == "/news/"
    else:
        assert links["sr-latn"] == "/sr-latn/"
