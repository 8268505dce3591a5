"""The pages ``make bench`` measures, in the order its table lists them.

Add a page with one more ``BenchPage``: a fixed ``url``, or a ``resolve`` function for an
address only the generated data knows (it runs with Django set up, after the generators).
The first page is the floor every other page's requests per second are compared with.

The ``resolve`` functions import the generators (and so the models) inside: this module is
imported by bench/load.py and bench/measure.py before they set Django up.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class BenchPage:
    name: str
    url: str = ""
    resolve: Callable[[], str] | None = None

    def get_url(self) -> str:
        if self.resolve is None:
            return self.url
        # Page URLs are absolute when the database holds several sites; the load always goes
        # to the local server, so only the path is kept.
        parts = urlsplit(self.resolve())
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _deep_standard_page() -> str:
    from bench.generators.site import deepest_generated_page

    return deepest_generated_page().get_url()


def _latest_article() -> str:
    from bench.generators.news import latest_article

    return latest_article().get_url()


def _busiest_event() -> str:
    from bench.generators.events import busiest_event

    return busiest_event().get_url()


def _profile() -> str:
    from bench.generators.membership import directory_page, some_profile_slug

    return f"{directory_page().get_url()}{some_profile_slug()}/"


PAGES = [
    BenchPage("constant view", "/__bench__/constant/"),
    BenchPage("home", "/"),
    BenchPage("home (sr-latn)", "/sr-latn/"),
    BenchPage("standard page, deep", resolve=_deep_standard_page),
    BenchPage("news list", "/news/"),
    BenchPage("news, filtered", "/news/?category=calls-and-funding&year=2024&tag=b2b"),
    BenchPage("news list, page 100", "/news/?page=100"),
    BenchPage("news article", resolve=_latest_article),
    BenchPage("news feed (RSS)", "/news/feed/"),
    BenchPage("directory", "/clusters/"),
    BenchPage("directory, filtered", "/clusters/?region=vojvodina&kind=cluster&sort=-employees"),
    BenchPage("organisation profile", resolve=_profile),
    BenchPage("directory map (GeoJSON)", "/clusters/map.geojson"),
    BenchPage("event list", "/events/"),
    BenchPage("events, past, filtered", "/events/?tab=past&type=conference"),
    BenchPage("event page (8 sessions)", resolve=_busiest_event),
    BenchPage("events calendar feed", "/events/feed.ics"),
    # A word nearly every generated page holds (thousands of matches to rank), a later page of
    # it, and a rare one typed in Cyrillic that the folding must find in Latin text.
    BenchPage("search, common word", "/search/?q=cluster"),
    BenchPage("search, common, page 5", "/search/?q=cluster&page=5"),
    BenchPage("search, rare word (Ниш)", "/search/?q=%D0%9D%D0%B8%D1%88"),
    BenchPage("sitemap index", "/sitemap.xml"),
    # A part holds 1,000 addresses (home.views.SITEMAP_PART_SIZE).
    BenchPage("sitemap, first part", "/sitemap-pages.xml"),
    BenchPage("healthz", "/healthz"),
]
