"""A visitor's journey in a real browser, on both configurations: the home page in the three
languages, the news and an article, the directory with a filter and its map, an event, search
across scripts, the language switcher on a deep page, and a phone-sized screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.sqlite


def _switch_language(page, name):
    with page.expect_navigation():
        page.locator(".language-switcher").get_by_role("link", name=name).click()


def _menu(page, name):
    with page.expect_navigation():
        page.locator(".menu--main").get_by_role("link", name=name).click()


def test_home_page_in_three_languages_through_the_switcher(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Clusters make Serbia stronger")

    _switch_language(page, "Srpski (latinica)")
    assert page.url == f"{journey_site.url}/sr-latn/"
    expect(page.locator("html")).to_have_attribute("lang", "sr-latn")
    expect(page.locator("h1")).to_have_text("Klasteri čine Srbiju jačom")

    _switch_language(page, "Српски (ћирилица)")
    assert page.url == f"{journey_site.url}/sr/"
    expect(page.locator("html")).to_have_attribute("lang", "sr")
    expect(page.locator("h1")).to_have_text("Кластери чине Србију јачом")

    _switch_language(page, "English")
    assert page.url == f"{journey_site.url}/"
    page.close()


def test_news_an_article_and_the_same_article_in_serbian(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")
    _menu(page, "News")
    expect(page.locator("h1")).to_have_text("News")
    with page.expect_navigation():
        page.get_by_role("link", name="Balkan Cluster Day in Niš").first.click()
    expect(page.locator("h1")).to_have_text("Balkan Cluster Day in Niš")

    # The switcher on a deep page leads to the same article in the other language.
    _switch_language(page, "Srpski (latinica)")
    assert page.url == journey_site.url + journey_site.article_latin.url
    expect(page.locator("h1")).to_have_text("Dan balkanskih klastera u Nišu")
    _switch_language(page, "Српски (ћирилица)")
    expect(page.locator("h1")).to_have_text("Дан балканских кластера у Нишу")
    page.close()


def test_directory_filter_and_map_markers(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")
    _menu(page, "Clusters")
    expect(page.locator("h1")).to_have_text("Clusters")
    cards = page.locator(".card-list > li")
    expect(cards).to_have_count(2)
    markers = page.locator("[data-directory-map] .leaflet-marker-icon")
    expect(markers).to_have_count(2)

    page.select_option("#directory-sector", label="Food")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Niš Food Cluster")
    expect(markers).to_have_count(1)

    with page.expect_navigation():
        page.get_by_role("link", name="Niš Food Cluster").first.click()
    expect(page.locator("h1")).to_have_text("Niš Food Cluster")
    page.close()


def test_an_event_page_from_the_events_list(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")
    _menu(page, "Events")
    expect(page.locator("h1")).to_have_text("Events")
    with page.expect_navigation():
        page.get_by_role("link", name="Cluster Forum Niš").first.click()
    expect(page.locator("h1")).to_have_text("Cluster Forum Niš")
    expect(page.get_by_role("link", name=re.compile("Register"))).to_be_visible()
    page.close()


def test_search_in_cyrillic_finds_a_latin_article(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/sr-latn/")
    page.locator("#site-search-q").fill("Ниш")
    with page.expect_navigation():
        page.locator("#site-search-q").press("Enter")
    assert "/sr-latn/search/" in page.url
    expect(page.locator("main")).to_contain_text("Dan balkanskih klastera u Nišu")
    page.close()


def test_a_phone_screen_never_scrolls_sideways(browser, journey_site):
    page = browser.new_page(base_url=journey_site.url, viewport={"width": 375, "height": 740})
    addresses = [
        "/",
        "/sr/",
        journey_site.article.url,
        journey_site.directory.url,
        journey_site.event.url,
        journey_site.event.url + "register/",
        "/search/?q=cluster",
        "/newsletter/",
        "/accounts/signup/",
    ]
    too_wide = {}
    for address in addresses:
        page.goto(address)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[address] = width
    assert too_wide == {}
    page.close()
