"""Categories are kept per language: the article editor offers the article's language only,
and a translated article (which keeps its source's categories) shows them in its own
language, on its page and on its card."""

import pytest
from django.test import Client

from tests.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StaffUserFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(home_page, locales):
    index = NewsIndexPageFactory(parent=home_page)
    english = NewsCategoryFactory(name="Infocluster", slug="infocluster")
    latin = NewsCategoryFactory(
        name="Infoklaster",
        slug="infoklaster",
        locale=locales["sr-latn"],
        translation_key=english.translation_key,
    )
    cyrillic = NewsCategoryFactory(
        name="Инфокластер",
        slug="infoklaster",
        locale=locales["sr"],
        translation_key=english.translation_key,
    )
    article = NewsPageFactory(parent=index, title="Cluster story", categories=[english])
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(index, "sr-latn", title="Vesti", slug="vesti")
    serbian = translate_page(article, "sr-latn", title="Priča klastera", slug="prica")
    return {"article": serbian, "en": english, "sr-latn": latin, "sr": cyrillic}


def test_the_categories_picker_offers_only_the_articles_language(translated):
    staff = Client()
    staff.force_login(StaffUserFactory())

    response = staff.get(f"/admin/pages/{translated['article'].pk}/edit/")

    field = response.context["form"].fields["categories"]
    assert list(field.queryset) == [translated["sr-latn"]]
    assert response.context["form"].initial["categories"] == [translated["sr-latn"].pk]


def test_a_new_article_offers_its_parents_language(translated):
    staff = Client()
    staff.force_login(StaffUserFactory())
    index = translated["article"].get_parent()

    response = staff.get(f"/admin/pages/add/news/newspage/{index.pk}/")

    assert list(response.context["form"].fields["categories"].queryset) == [translated["sr-latn"]]


def test_a_translated_article_shows_its_category_in_its_language(client, translated):
    article = translated["article"]

    page = client.get(article.url).content.decode()
    listing = client.get("/sr-latn/vesti/").content.decode()

    assert "Infoklaster" in page and ">Infocluster<" not in page
    assert "?category=infoklaster" in page
    assert "Infoklaster</span>" in listing and "Infocluster</span>" not in listing
