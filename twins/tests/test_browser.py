"""In a real browser: staff write a news article in Serbian Latin in the Wagtail admin,
publish it, and its Cyrillic twin is on the public site."""

import pytest
from wagtail.models import Locale

from news.models import NewsPage
from tests.browser import signed_in_context
from tests.factories import (
    HomePageFactory,
    NewsIndexPageFactory,
    StaffUserFactory,
    ensure_locales,
    ensure_wagtail_base,
    translate_page,
)


@pytest.fixture
def latin_news_index(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = NewsIndexPageFactory(parent=home)
    translate_page(home, "sr-latn", title="Početna")
    return translate_page(index, "sr-latn", title="Vesti", slug="vesti")


def test_an_article_written_in_latin_is_published_in_cyrillic_too(
    browser, live_server, latin_news_index
):
    context = signed_in_context(browser, live_server, StaffUserFactory())
    admin = context.new_page()
    admin.goto(f"/admin/pages/add/news/newspage/{latin_news_index.pk}/")
    admin.fill("#id_title", "Klasteri u Nišu")
    admin.fill("#id_intro", "Džepni vodič za ljude iz Niša i SCAN.")
    admin.click("a[href='#tab-promote']")
    admin.fill("#id_slug", "klasteri-u-nisu")  # addresses stay Latin in both scripts
    # "Publish" sits in the footer's dropdown; a click on the button submits its action.
    with admin.expect_navigation():
        admin.evaluate("document.querySelector('button[name=action-publish]').click()")

    twin = NewsPage.objects.get(locale=Locale.objects.get(language_code="sr"))
    assert twin.live and twin.title == "Кластери у Нишу"
    public = context.new_page()
    public.goto(twin.url)
    assert public.inner_text("h1") == "Кластери у Нишу"
    assert "Џепни водич за људе из Ниша" in public.content()
    context.close()
