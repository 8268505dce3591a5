"""The anonymous page cache (home/page_cache.py): a page seen once is served again without
rendering and without a database query, fresh as soon as anything it shows changes, never to
or from a signed-in visitor, a POST or a page with flash messages; its HTTP headers let a proxy
cache it too; and the newsletter form it carries works without a CSRF token."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from events import services
from events.models import EventPage
from home.cache import content_version
from home.models import Menu, SiteSettings
from membership.models import Organisation
from newsletter.models import Subscriber
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    FooterTextFactory,
    HomePageFactory,
    ImageFactory,
    MenuFactory,
    MenuItemFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsletterIssueFactory,
    NewsPageFactory,
    OrganisationFactory,
    SectorFactory,
    StandardPageFactory,
    TechnologyFieldFactory,
    translate_page,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(locales):
    home = HomePageFactory(as_site_root=True)
    # The site's settings are made on the first page view otherwise, which bumps the version.
    SiteSettings.load()
    return home


@pytest.fixture
def news(site):
    index = NewsIndexPageFactory(parent=site)
    NewsPageFactory(parent=index, title="Clusters meet in Nis")
    return index


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code in (200, 304)
    return response, len(queries)


def _served_from_cache(client, url, **headers) -> bool:
    """Whether ``url`` answered without touching the database."""
    return _queries(client, url, **headers)[1] == 0


def _account_links(response) -> str:
    return re.search(
        r'<nav class="account-links".*?</nav>', response.content.decode(), flags=re.DOTALL
    ).group(0)


@pytest.mark.sqlite
def test_a_page_seen_once_is_served_again_without_a_query(client, site, settings):
    """The basic hit and miss, on PostgreSQL with Redis and on make run's SQLite with the
    file cache: the first visitor's request renders, the next one is the stored page."""
    first, first_queries = _queries(client, "/")
    second, second_queries = _queries(Client(), "/")

    assert first_queries > 0 and second_queries == 0
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert f"max-age={settings.PAGE_CACHE_MAX_AGE}" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]  # a proxy in front keys it on the cookies still


def test_the_second_request_runs_no_query(client, site, news, django_assert_num_queries):
    client.get("/news/")
    with django_assert_num_queries(0):
        response = client.get("/news/")

    assert "Clusters meet in Nis" in response.content.decode()


def test_the_query_string_is_part_of_the_key(client, news):
    NewsPageFactory(parent=news, title="Second article")
    client.get("/search/?q=Nis")

    assert _served_from_cache(client, "/search/?q=Nis")
    assert not _served_from_cache(client, "/search/?q=article")


def test_unrelated_cookies_still_hit_the_cache(client, site):
    """A CSRF token or a language cookie names nobody: such a visitor gets the stored page."""
    client.get("/")
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    visitor.cookies["django_language"] = "sr-latn"

    assert _served_from_cache(visitor, "/", HTTP_ACCEPT_LANGUAGE="sr-Latn,sr;q=0.8")


def test_turned_off_it_renders_every_time(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")

    assert not _served_from_cache(client, "/")


def test_serbian_latin_and_cyrillic_are_cached_apart(client, site):
    translate_page(site, "sr-latn", title="Početna", hero_heading="Klasteri jačaju Srbiju")
    for prefix in ("/sr-latn/", "/sr/"):
        client.get(prefix)

    latin, latin_queries = _queries(client, "/sr-latn/")
    cyrillic, cyrillic_queries = _queries(client, "/sr/")

    assert latin_queries == cyrillic_queries == 0
    assert "Klasteri jačaju Srbiju" in latin.content.decode()
    assert "Кластери јачају Србију" in cyrillic.content.decode()
    assert '<html lang="sr-latn"' in latin.content.decode()
    assert '<html lang="sr"' in cyrillic.content.decode()


def test_a_conditional_get_answers_304(client, site):
    first = client.get("/")
    assert first.has_header("ETag")

    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_stored_page_keeps_its_etag_and_answers_304_from_the_cache(client, site, monkeypatch):
    from django.utils import cache as cache_utils

    first = client.get("/")
    hashed = []
    original = cache_utils.set_response_etag
    monkeypatch.setattr(
        "django.middleware.http.set_response_etag",
        lambda response: hashed.append(response) or original(response),
    )

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
        whole = client.get("/")

    assert again.status_code == 304
    assert whole.status_code == 200 and whole["ETag"] == first["ETag"]
    assert len(queries) == 0
    # The body is not hashed again for an answer from the cache.
    assert hashed == []


def test_a_feed_written_in_pieces_is_stored_and_served_in_one(client, news, settings):
    # Django's feeds write one piece per XML element; the server sends each piece apart.
    settings.PAGE_CACHE_ENABLED = False
    assert len(list(client.get("/news/feed/"))) > 1
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/news/feed/")

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/news/feed/")

    assert len(queries) == 0
    assert len(list(again)) == 1
    assert again.content == first.content
    assert "Clusters meet in Nis" in again.content.decode()


# What the version bumps: every change a cached page shows is there on the next request.


def test_publishing_unpublishing_and_deleting_an_article_refresh_the_home_page_and_the_list(
    client, site, news
):
    for url in ("/", "/news/"):
        client.get(url)
    article = NewsPageFactory(parent=news, title="Days of Clusters announced")

    assert "Days of Clusters announced" in client.get("/").content.decode()
    assert "Days of Clusters announced" in client.get("/news/").content.decode()

    article.unpublish()
    assert "Days of Clusters announced" not in client.get("/").content.decode()
    assert "Days of Clusters announced" not in client.get("/news/").content.decode()

    article.save_revision().publish()
    client.get("/news/")
    Page.objects.get(pk=article.pk).delete()
    assert "Days of Clusters announced" not in client.get("/news/").content.decode()


def test_moving_a_page_refreshes_the_pages_that_list_it(client, site, news):
    other = StandardPageFactory(parent=site, title="Archive")
    article = NewsPageFactory(parent=news, title="Moved away")
    client.get("/news/")

    Page.objects.get(pk=article.pk).move(other, pos="last-child")

    assert "Moved away" not in client.get("/news/").content.decode()


def test_saving_the_menu_or_footer_refreshes_every_page(client, site, news):
    menu = MenuFactory(handle=Menu.Handle.MAIN)
    for url in ("/", "/news/"):
        client.get(url)

    MenuItemFactory(menu=menu, link_text="Contact us")
    FooterTextFactory(body="<p>Founded in Nis in 2009.</p>")

    for url in ("/", "/news/"):
        content = client.get(url).content.decode()
        assert "Contact us" in content and "Founded in Nis in 2009." in content


def test_renaming_a_category_refreshes_the_article_and_the_list(client, news):
    category = NewsCategoryFactory(name="Calls")
    article = NewsPageFactory(parent=news, title="Open call", categories=[category])
    for url in ("/news/", article.url):
        client.get(url)

    category.name = "Calls for projects"
    category.save()

    assert "Calls for projects" in client.get("/news/").content.decode()
    assert "Calls for projects" in client.get(article.url).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: NewsCategoryFactory(), id="news category"),
        pytest.param(lambda: EventSeriesFactory(), id="event series"),
        pytest.param(lambda: SectorFactory(), id="sector"),
        pytest.param(lambda: TechnologyFieldFactory(), id="technology field"),
        pytest.param(lambda: OrganisationFactory(), id="organisation"),
        pytest.param(lambda: Organisation.objects.all().delete(), id="organisation deleted"),
        pytest.param(lambda: NewsletterIssueFactory(), id="newsletter issue"),
        pytest.param(lambda: ImageFactory(), id="image"),
        pytest.param(
            lambda: PageViewRestriction.objects.create(
                page=Page.objects.get(depth=2), restriction_type="login"
            ),
            id="page made private",
        ),
    ],
)
def test_each_thing_pages_show_bumps_the_content_version(site, change):
    OrganisationFactory(name="Before")
    before = content_version()

    change()

    assert content_version() > before


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, site):
    page = StandardPageFactory(parent=site, title="Members only")
    client.get("/members-only/")

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = Client().get("/members-only/")
    assert response.status_code == 302 and "next=/members-only/" in response["Location"]


def test_a_sent_newsletter_issue_appears_in_the_archive_at_once(client, site):
    client.get("/newsletter/archive/")
    issue = NewsletterIssueFactory(subject="Infocluster of May")

    issue.status = issue.Status.SENT
    issue.in_public_archive = True
    issue.sent_at = issue.created_at
    issue.save(update_fields=["status", "in_public_archive", "sent_at"])

    assert "Infocluster of May" in client.get("/newsletter/archive/").content.decode()


# Never for a person.


def test_a_signed_in_member_never_gets_the_cached_page_and_never_leaves_theirs(site):
    visitor = Client()
    visitor.get("/")  # the anonymous page is stored
    member = Client()
    member.force_login(verified_user())

    response, queries = _queries(member, "/")
    assert queries > 0
    assert "/accounts/logout/" in _account_links(response)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]

    # The member's page was not stored for anyone: a stranger gets the anonymous header.
    stranger = Client().get("/")
    assert "/accounts/login/" in _account_links(stranger)
    assert "/accounts/logout/" not in _account_links(stranger)


def test_a_member_s_page_is_not_stored_when_nobody_saw_the_anonymous_one(site):
    member = Client()
    member.force_login(verified_user())
    member.get("/")

    response, queries = _queries(Client(), "/")

    assert queries > 0  # rendered for the stranger, not taken from the member's visit
    assert "/accounts/logout/" not in _account_links(response)


def test_a_page_with_a_flash_message_is_neither_served_from_nor_put_in_the_cache(site):
    Client().get("/")  # the page without a message is stored
    member = Client()
    member.force_login(verified_user())
    member.post("/accounts/logout/")  # signs out with "You have signed out."
    assert member.cookies.get("messages"), "signing out leaves a flash message"

    with_message = member.get("/").content.decode()
    assert "You have signed out" in with_message

    after = member.get("/").content.decode()
    stranger = Client().get("/").content.decode()
    assert "You have signed out" not in after and "You have signed out" not in stranger


def test_a_post_is_never_answered_from_the_cache(client, site):
    client.get("/newsletter/")

    response = client.post("/newsletter/", {"email": "not an address"})

    assert response.status_code == 400


def test_an_event_page_with_tickets_on_sale_is_served_from_the_cache_until_someone_registers(
    client, site, django_capture_on_commit_callbacks
):
    """Places left change with every registration, which bumps the event's places tag (not
    the whole site's version): the page is stored under the tag, served without a query, says
    ``no-cache`` to proxies, and is rendered afresh once a registration is committed."""
    index = EventIndexPageFactory(parent=site)
    event = EventPageFactory(parent=index, title="Cluster Day", ticket_types=[{"capacity": 10}])
    client.get(event.url)
    version = content_version()

    cached, queries = _queries(Client(), event.url)
    assert queries == 0 and "10 places left" in cached.content.decode()
    assert "no-cache" in cached["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            ticket_type=event.ticket_types.get(), name="Ana", email="ana@example.org"
        )

    fresh, queries = _queries(Client(), event.url)
    assert queries > 0 and "9 places left" in fresh.content.decode()
    assert content_version() == version  # the rest of the site stays cached
    assert _served_from_cache(Client(), event.url)


def test_a_registration_not_yet_committed_leaves_the_cached_event_page_as_it_is(
    client, site, django_capture_on_commit_callbacks
):
    """The tag is bumped on commit: a rolled-back registration changes nothing."""
    index = EventIndexPageFactory(parent=site)
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 10}])
    client.get(event.url)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.registration_create(
            ticket_type=event.ticket_types.get(), name="Ana", email="ana@example.org"
        )

    assert callbacks and _served_from_cache(Client(), event.url)


def test_an_event_page_is_not_kept_past_the_moment_its_ticket_sale_opens(client, site):
    """The page also changes with the clock: it is kept only until the next opening or
    closing of a sale, so a sale opening within the second is rendered each time."""
    index = EventIndexPageFactory(parent=site)
    event = EventPageFactory(parent=index, ticket_types=[{}])
    event.ticket_types.update(sale_starts=timezone.now() + datetime.timedelta(milliseconds=500))
    client.get(event.url)

    assert not _served_from_cache(Client(), event.url)


def test_a_past_event_page_is_cached_like_any_other(client, site):
    index = EventIndexPageFactory(parent=site)
    event = EventPageFactory(parent=index, title="Last year", ticket_types=[{}])
    EventPage.objects.filter(pk=event.pk).update(
        start=event.start.replace(year=event.start.year - 2),
        end=event.end.replace(year=event.end.year - 2),
    )
    client.get(event.url)

    response, queries = _queries(Client(), event.url)
    assert queries == 0 and "no-cache" not in response["Cache-Control"]


# The newsletter form every cached page carries.


def test_the_footer_form_of_a_cached_page_subscribes_with_csrf_checks_on(
    site, django_capture_on_commit_callbacks
):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/")
    page = browser.get("/")
    assert page.cookies == {} and "csrfmiddlewaretoken" not in page.content.decode()
    *_, footer = re.findall(r'<form class="newsletter-box".*?</form>', page.content.decode(), re.S)
    fields = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', footer))

    with django_capture_on_commit_callbacks() as callbacks:
        response = browser.post(
            "/newsletter/",
            {**fields, "email": "ana@example.org", "consent": "on"},
            HTTP_ORIGIN="http://testserver",
            HTTP_SEC_FETCH_SITE="same-origin",
        )

    assert response.status_code == 302 and response.url == "/newsletter/thanks/"
    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert subscriber.status == Subscriber.Status.PENDING  # confirmed only through the mail
    assert subscriber.consents.get().source == "footer"
    assert len(callbacks) == 1  # the confirmation mail, queued


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page/"},
    ],
)
def test_another_site_s_page_cannot_post_the_subscribe_form(client, site, headers):
    response = client.post(
        "/newsletter/",
        {"email": "ana@example.org", "language": "en", "consent": "on"},
        **headers,
    )

    assert response.status_code == 403
    assert not Subscriber.objects.exists()
