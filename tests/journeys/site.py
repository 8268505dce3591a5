"""The journeys' site: a handful of published pages in English and Serbian Latin (their
Cyrillic twins are written on publish, twins/), made with tests/factories.py. Small on
purpose: each journey module builds it once, and runs twice under ``make test``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from wagtail.models import Locale, Page, Site

from tests.factories import (
    ClusterDirectoryPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    MembershipLevelFactory,
    MembershipPageFactory,
    MenuFactory,
    MenuItemFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    SectorFactory,
    StandardPageFactory,
    ensure_locales,
    ensure_wagtail_base,
    translate_page,
)


@dataclass
class JourneySite:
    url: str  # where the live server serves it
    home: Page
    news: Page
    article: Page
    article_latin: Page
    events: Page
    event: Page
    directory: Page
    organisation: object
    other_organisation: object
    membership: Page
    about: Page

    def in_language(self, page: Page, language_code: str) -> Page:
        """``page``'s translation into ``language_code`` (English, Latin or Cyrillic)."""
        locale = Locale.objects.get(language_code=language_code)
        return page.get_translation(locale).specific


def build_site(*, url: str) -> JourneySite:
    """The site, as the default Wagtail site at ``url`` (so pages' full URLs name it)."""
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    translate_page(
        home, "sr-latn", title="Početna", hero_heading="Klasteri čine Srbiju jačom", hero_text=""
    )

    news = NewsIndexPageFactory(parent=home)
    translate_page(news, "sr-latn", title="Vesti", slug="vesti", intro="Vesti iz mreže klastera.")
    article = NewsPageFactory(
        parent=news,
        title="Balkan Cluster Day in Niš",
        slug="balkan-cluster-day",
        intro="Clusters from the whole region met in Niš.",
    )
    article_latin = translate_page(
        article,
        "sr-latn",
        title="Dan balkanskih klastera u Nišu",
        intro="Klasteri iz celog regiona sreli su se u gradu Niš.",
        body=[("paragraph", "<p>Klasteri su razmenili iskustva.</p>")],
    )

    events = EventIndexPageFactory(parent=home)
    translate_page(events, "sr-latn", title="Događaji", slug="dogadjaji", intro="Konferencije.")
    event = EventPageFactory(
        parent=events,
        title="Cluster Forum Niš",
        slug="cluster-forum",
        ticket_types=[{"name": "Standard", "capacity": 20}],
    )
    translate_page(event, "sr-latn", title="Forum klastera Niš", intro="Klasteri se sastaju.")

    directory = ClusterDirectoryPageFactory(parent=home)
    translate_page(directory, "sr-latn", title="Klasteri", slug="klasteri", intro="Klasteri.")
    ict = SectorFactory(name="ICT", slug="ict")
    food = SectorFactory(name="Food", slug="food")
    organisation = OrganisationFactory(
        name="Vojvodina ICT Cluster", slug="vojvodina-ict-cluster", sectors=[ict]
    )
    other = OrganisationFactory(
        name="Niš Food Cluster",
        slug="nis-food-cluster",
        city="Niš",
        region="south_east",
        latitude="43.320900",
        longitude="21.895800",
        sectors=[food],
    )

    membership = MembershipPageFactory(parent=home)
    translate_page(membership, "sr-latn", title="Članstvo", slug="clanstvo", intro="Zašto.")
    MembershipLevelFactory(name="Cluster member", slug="cluster-member")

    about = StandardPageFactory(parent=home, title="About us", slug="about", intro="Who we are.")
    translate_page(about, "sr-latn", title="O nama", slug="o-nama", intro="Ko smo mi.")

    menu = MenuFactory()
    for page in (news, events, directory, membership, about):
        MenuItemFactory(menu=menu, link_page=page, link_url="", link_text="")
    latin_menu = MenuFactory(locale=Locale.objects.get(language_code="sr-latn"))
    for page in (news, events, directory, membership, about):
        latin = page.get_translation(latin_menu.locale)
        MenuItemFactory(menu=latin_menu, link_page=latin, link_url="", link_text="")

    address = urlsplit(url)
    default_site = Site.objects.get(is_default_site=True)
    default_site.hostname, default_site.port = address.hostname, address.port
    default_site.save()  # Wagtail forgets the cached site root paths on save

    return JourneySite(
        url=url,
        home=home,
        news=news,
        article=article,
        article_latin=article_latin,
        events=events,
        event=event,
        directory=directory,
        organisation=organisation,
        other_organisation=other,
        membership=membership,
        about=about,
    )
