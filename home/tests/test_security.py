"""Hostile input and privacy around pages: routed data files honour the page's view
restrictions, and no search query can break the search backend's syntax."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.search.query import And, Phrase, PlainText

from home.selectors import search_query_for
from tests.factories import (
    ClusterDirectoryPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    StandardPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY_FILES = ["map.geojson", "export.csv", "export.json"]


@pytest.fixture
def directory(home_page):
    page = ClusterDirectoryPageFactory(parent=home_page)
    OrganisationFactory(name="Secret Valley Cluster")
    return page


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, title="Closed-door club", slug="closed-door-club")


def _restrict(page, kind, password=""):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)


def _holds_data(response) -> bool:
    content = response.content.decode()
    return response.status_code == 200 and (
        "Secret Valley Cluster" in content or "BEGIN:VCALENDAR" in content
    )


@pytest.mark.sqlite
@pytest.mark.parametrize("filename", DIRECTORY_FILES)
def test_directory_data_files_are_served_without_a_restriction(client, directory, filename):
    response = client.get(f"/clusters/{filename}")

    assert _holds_data(response)


@pytest.mark.sqlite
@pytest.mark.parametrize("filename", DIRECTORY_FILES)
def test_login_restricted_directory_sends_anonymous_visitors_to_log_in(client, directory, filename):
    _restrict(directory, PageViewRestriction.LOGIN)

    response = client.get(f"/clusters/{filename}")

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not _holds_data(response)


@pytest.mark.sqlite
def test_a_login_restricted_page_sends_anonymous_visitors_to_the_sites_one_login(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Board minutes")
    _restrict(page, PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("filename", DIRECTORY_FILES)
def test_login_restricted_directory_serves_its_files_to_a_signed_in_user(
    client, directory, filename
):
    _restrict(directory, PageViewRestriction.LOGIN)
    client.force_login(UserFactory())

    response = client.get(f"/clusters/{filename}")

    assert _holds_data(response)


@pytest.mark.sqlite
@pytest.mark.parametrize("filename", DIRECTORY_FILES)
def test_password_restricted_directory_asks_for_the_password_instead_of_serving_data(
    client, directory, filename
):
    _restrict(directory, PageViewRestriction.PASSWORD, password="open-sesame")

    response = client.get(f"/clusters/{filename}")

    assert not _holds_data(response)
    assert "password" in response.content.decode().lower()


def test_password_restricted_directory_serves_its_files_once_the_password_is_given(
    client, directory
):
    restriction = _restrict(directory, PageViewRestriction.PASSWORD, password="open-sesame")
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{directory.pk}/",
        {"password": "open-sesame", "return_url": "/clusters/export.json"},
    )

    response = client.get("/clusters/export.json")

    assert _holds_data(response)


def test_event_calendar_file_is_served_without_a_restriction(client, event):
    response = client.get(f"{event.url}event.ics")

    assert _holds_data(response)


def test_restriction_on_the_events_index_hides_each_event_calendar_file(client, event):
    # A restriction covers the page's whole subtree, as it does for the pages themselves.
    _restrict(event.get_parent(), PageViewRestriction.LOGIN)

    response = client.get(f"{event.url}event.ics")

    assert response.status_code == 302
    assert not _holds_data(response)


def test_group_restricted_event_calendar_file_is_refused_to_other_users(client, event):
    restriction = _restrict(event, PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Board"))
    client.force_login(UserFactory())

    response = client.get(f"{event.url}event.ics")

    assert not _holds_data(response)


# --- search --------------------------------------------------------------------------------

HOSTILE_QUERIES = [
    '"',
    'a"b',
    '"""',
    '"days of',
    "'",
    "a'b",
    "NEAR(a b)",
    "a AND",
    "OR",
    "NOT x",
    "* ^ : ( ) { } [ ] - + !",
    "col:value",
    "cluster*",
    "a\\b",
    "100%",
    "%s %(x)s",
    "čćžšđ ЋЧЏ 🙂 a\u0301",
    "\u202eevil\u202c",
]


@pytest.mark.sqlite
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_answers_any_query_with_a_page(client, home_page, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_query_passes_only_words_to_the_backend(query):
    """FTS5 and tsquery syntax lives in quotes, operators and punctuation; a query built from
    word characters and single spaces cannot break either."""
    search_query = search_query_for(query)

    texts = _texts(search_query) if search_query is not None else []
    assert all(re.fullmatch(r"\w+( \w+)*", text) for text in texts), texts


def _texts(search_query):
    if isinstance(search_query, (PlainText, Phrase)):
        return [search_query.query_string]
    assert isinstance(search_query, And), search_query
    return [text for subquery in search_query.subqueries for text in _texts(subquery)]


@pytest.mark.sqlite
def test_search_still_finds_pages_by_words_and_by_quoted_phrase(client, home_page):
    StandardPageFactory(parent=home_page, title="Days of Clusters", intro="Annual conference.")
    StandardPageFactory(parent=home_page, title="Clusters of days", intro="Something else.")

    words = client.get("/search/", {"q": "days clusters"}).content.decode()
    phrase = client.get("/search/", {"q": '"days of clusters"'}).content.decode()
    unbalanced = client.get("/search/", {"q": 'days"clusters'}).content.decode()

    assert "Days of Clusters" in words and "Clusters of days" in words
    assert "Days of Clusters" in phrase and "Clusters of days" not in phrase
    assert "Days of Clusters" in unbalanced
