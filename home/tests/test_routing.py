"""Routing remembered per process (home/routing.py): a page seen before is found without the
site lookup or the tree walk, and whatever changes a page's address, state or privacy is
honoured on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home import routing
from home.cache import VERSION_KEY, content_version
from home.models import SiteSettings
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    translate_page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite, pytest.mark.usefixtures("uncached_pages")]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def test_a_page_seen_before_is_found_without_the_site_lookup_or_the_tree_walk(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="About", slug="about")
    StandardPageFactory(parent=parent, title="Board", slug="board")
    SiteSettings.load()  # as a running site has them
    client.get("/about/board/")

    response, queries = _queries(client, "/about/board/")

    assert response.status_code == 200
    assert "Board" in response.content.decode()
    assert not [sql for sql in queries if 'FROM "wagtailcore_site"' in sql]
    assert not [sql for sql in queries if 'FROM "wagtailcore_locale"' in sql]
    # The walk asks for each level's child by its slug; the remembered route asks by id.
    assert not [sql for sql in queries if '"wagtailcore_page"."slug" =' in sql]


def test_a_renamed_page_answers_at_its_new_address_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About", slug="about")
    assert client.get("/about/").status_code == 200

    page.slug = "about-us"
    page.save_revision().publish()

    assert client.get("/about/").status_code == 404
    assert client.get("/about-us/").status_code == 200


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About", slug="about")
    assert client.get("/about/").status_code == 200

    page.unpublish()

    assert client.get("/about/").status_code == 404


def test_a_deleted_page_is_not_served_from_a_remembered_route(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About", slug="about")
    assert client.get("/about/").status_code == 200

    page.delete()

    assert client.get("/about/").status_code == 404


def test_a_moved_page_answers_at_its_new_address_and_the_old_one_redirects(client, home_page):
    first = StandardPageFactory(parent=home_page, title="First", slug="first")
    second = StandardPageFactory(parent=home_page, title="Second", slug="second")
    page = StandardPageFactory(parent=first, title="Minutes", slug="minutes")
    assert client.get("/first/minutes/").status_code == 200

    page.move(second, pos="last-child")

    old = client.get("/first/minutes/")
    assert old.status_code == 301  # Wagtail's redirect from where the page was
    assert old["Location"].endswith("/second/minutes/")
    assert client.get("/second/minutes/").status_code == 200


def test_a_restriction_added_after_the_route_was_remembered_still_applies(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Board minutes", slug="minutes")
    assert client.get("/minutes/").status_code == 200

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/minutes/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_routable_pages_sub_routes_and_data_files_are_routed_from_the_memo(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, title="Club", slug="club", ticket_types=[{}])

    for _ in range(2):
        register = client.get("/events/club/register/")
        calendar = client.get("/events/club/event.ics")
        missing = client.get("/events/club/no-such-route/")
        assert register.status_code == 200
        assert 'name="ticket_type"' in register.content.decode()
        assert calendar.status_code == 200
        assert b"BEGIN:VCALENDAR" in calendar.content
        assert missing.status_code == 404


def test_the_same_path_in_each_language_goes_to_that_languages_page(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About", slug="about")
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(page, "sr-latn", title="O nama", slug="about")

    for _ in range(2):
        english = client.get("/about/").content.decode()
        latin = client.get("/sr-latn/about/").content.decode()
        assert "About" in english and "O nama" not in english
        assert "O nama" in latin


def test_each_request_gets_its_own_site_object(rf, home_page):
    first = routing.find_site(rf.get("/"))
    second = routing.find_site(rf.get("/"))

    assert first.pk == second.pk == home_page.get_site().pk
    assert first is not second
    assert first.root_page is not second.root_page


def test_a_version_the_cache_lost_is_never_reused(home_page):
    from django.core.cache import cache

    before = content_version()
    cache.delete(VERSION_KEY)

    assert content_version() != before


def test_the_memo_lets_the_least_recently_used_go_first(home_page):
    from home.cache import VersionedMemo

    memo = VersionedMemo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.peek("a") == 1  # a was used last
    memo.put("c", 3)

    assert memo.peek("b") is None
    assert (memo.peek("a"), memo.peek("c")) == (1, 3)


def test_a_host_the_site_does_not_serve_is_not_kept(rf, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    routing._sites.peek(None)  # the memo at the current version
    before = dict(routing._sites._values)

    site = routing.find_site(rf.get("/", HTTP_HOST="made-up.example"))

    assert site.pk == home_page.get_site().pk  # Wagtail's default site, as without the memo
    assert routing._sites._values == before
