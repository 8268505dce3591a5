import pytest

from tests.factories import StandardPageFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    english = StandardPageFactory(
        parent=home_page, title="Cluster development", intro="How clusters grow in Serbia."
    )
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(english, "sr-latn", title="Razvoj klastera", slug="razvoj-klastera")
    StandardPageFactory(parent=home_page, title="Unrelated", intro="Nothing to see.", body=[])
    return english


def test_search_finds_live_pages_in_the_reader_language(client, pages):
    content = client.get("/search/", {"q": "cluster"}).content.decode()

    assert "Cluster development" in content
    assert "Razvoj klastera" not in content
    assert "Unrelated" not in content


def test_search_in_serbian_returns_serbian_pages(client, pages):
    content = client.get("/sr-latn/search/", {"q": "klastera"}).content.decode()

    assert "Razvoj klastera" in content


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '"unbalanced (quote & | ! :*',
        "čćžšđ ЋЧЏ 🙂",
        "   ",
        "\x00",
    ],
)
def test_any_query_returns_a_page_and_is_escaped(client, pages, query):
    response = client.get("/search/", {"q": query})

    # A NUL is refused for every view by the input-hygiene middleware, with a clear 400.
    assert response.status_code == (400 if "\x00" in query else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "99999", ""])
def test_any_page_number_returns_a_page(client, pages, page_number):
    response = client.get("/search/", {"q": "cluster", "page": page_number})

    assert response.status_code == 200
    assert "Cluster development" in response.content.decode()
