"""The read API at /api/v2/ (home/api.py): Wagtail's pages, images and documents endpoints,
anonymous and read-only, public pages only, paginated with a cap, bad numbers answered 400,
throttled, cacheable JSON that a publish refreshes at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StaffUserFactory, StandardPageFactory, translate_page

pytestmark = pytest.mark.django_db
PAGES = "/api/v2/pages/"


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_the_pages_endpoint_lists_live_pages_with_their_public_address(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    StandardPageFactory(parent=home_page, title="Draft", slug="draft", publish=False)

    response = client.get(PAGES, {"type": "home.StandardPage"})

    assert _titles(response) == ["About us"]
    item = response.json()["items"][0]
    assert item["meta"]["html_url"].endswith("/about/")
    assert item["meta"]["detail_url"].startswith("http")
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_a_page_with_a_view_restriction_is_not_exposed_even_to_staff(client, home_page, kind):
    public = StandardPageFactory(parent=home_page, title="Open")
    private = StandardPageFactory(parent=home_page, title="Board minutes")
    child = StandardPageFactory(parent=private, title="Minutes of May")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Board"))

    anonymous = _titles(client.get(PAGES, {"type": "home.StandardPage"}))
    client.force_login(StaffUserFactory())
    signed_in = _titles(client.get(PAGES, {"type": "home.StandardPage"}))

    assert anonymous == signed_in == ["Open"]
    for page in (private, child):
        assert client.get(f"{PAGES}{page.pk}/").status_code == 404
    assert client.get(f"{PAGES}{public.pk}/").status_code == 200


def test_pages_filter_by_locale(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    serbian_home = home_page.get_translations().filter(locale__language_code="sr-latn").first()
    if serbian_home is None:
        serbian_home = translate_page(home_page, "sr-latn")
    translate_page(page, "sr-latn", title="O nama")

    serbian = client.get(PAGES, {"type": "home.StandardPage", "locale": "sr-latn"})

    assert _titles(serbian) == ["O nama"]
    assert serbian.json()["items"][0]["meta"]["locale"] == "sr-latn"


def test_lists_are_paginated_with_a_cap_on_the_page_size(client, home_page, settings):
    for n in range(5):
        StandardPageFactory(parent=home_page, title=f"Page {n}")

    second = client.get(PAGES, {"type": "home.StandardPage", "limit": 2, "offset": 2})
    too_many = client.get(PAGES, {"limit": settings.WAGTAILAPI_LIMIT_MAX + 1})

    assert second.json()["meta"]["total_count"] == 5
    assert len(second.json()["items"]) == 2
    assert too_many.status_code == 400


@pytest.mark.sqlite
@pytest.mark.parametrize(
    "query",
    [
        {"offset": "99999999999999999999"},
        {"limit": "-1"},
        {"child_of": "99999999999999999999"},
        {"descendant_of": "abc"},
        {"id": "1e9"},
        {"translation_of": "9" * 30},
        {"type": "nope.Nothing"},
        {"fields": "password"},
        {"unknown": "1"},
        {"locale": "xx"},
    ],
)
def test_bad_query_strings_answer_400_not_500(client, home_page, query):
    path = f"{PAGES}find/" if "id" in query else PAGES
    assert client.get(path, query).status_code in (400, 404)


def test_a_detail_id_beyond_any_table_answers_404(client, home_page):
    assert client.get(f"{PAGES}{'9' * 30}/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, home_page, method):
    page = StandardPageFactory(parent=home_page)
    for path in (PAGES, f"{PAGES}{page.pk}/", "/api/v2/organisations/", "/api/v2/events/"):
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 405, (path, response.status_code)


def test_answers_are_cacheable_json_that_a_publish_refreshes_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Before")

    first = client.get(PAGES, {"type": "home.StandardPage"})
    page.title = "After"
    page.save_revision().publish()
    second = client.get(PAGES, {"type": "home.StandardPage"})

    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert not first.cookies
    assert _titles(first) == ["Before"] and _titles(second) == ["After"]


def test_the_api_is_throttled_per_client(client, home_page, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "api": {"ip": "2/m"}}
    settings.PAGE_CACHE_ENABLED = False

    answers = [client.get(PAGES).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_documents_in_a_restricted_collection_are_not_listed(client, home_page):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board")
    inner = board.add_child(name="Board archive")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    for title, collection in (("Statute", root), ("Minutes", board), ("Old minutes", inner)):
        Document.objects.create(
            title=title, collection=collection, file=ContentFile(b"x", name=f"{title}.txt")
        )

    listed = client.get("/api/v2/documents/")

    assert _titles(listed) == ["Statute"]
