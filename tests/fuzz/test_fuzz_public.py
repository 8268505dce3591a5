"""The fuzz test of what anyone can read: pages, search, the sitemap, documents, the
language switch, the payment return pages, the news and its feeds, the cluster directory with
its map and exports, and the events with their calendars and registration form. See
``strategies.py`` for what the fuzz test is and how to run it."""

from __future__ import annotations

from hypothesis import strategies as st

from .forms import post_form, submissions
from .harness import Req
from .hostile import NUMBERS, email_value, int_value, params, value
from .strategies import (
    FUZZ_MARKS,
    drive,
    get,
    hostile_segment,
    in_languages,
    language,
    post,
    under,
)

pytestmark = FUZZ_MARKS


# --- pages, search, sitemap, documents, language switch, payment return ------------------


def test_fuzz_pages_and_search(fuzzer, site):
    page_query = params({"page": int_value([1, 2]), "q": value(["clusters"])})
    strategy = st.one_of(
        get(
            "GET /search/",
            in_languages("/search/"),
            params(
                {"q": value(["clusters", "Niš", "klasteri", "кластери"]), "page": int_value([1, 2])}
            ),
        ),
        get("GET / (home)", in_languages("/"), page_query),
        get("GET /<hostile>/", under("/")),
        get("GET /news/<article>/", in_languages("/news/cluster-day/"), page_query),
        get(
            "GET /membership/",
            in_languages("/membership/"),
            params({"level": int_value([site.free_level.pk])}),
        ),
        get("GET /sitemap.xml", st.just("/sitemap.xml"), page_query),
        get(
            "GET /sitemap-pages.xml",
            st.just("/sitemap-pages.xml"),
            params({"p": int_value([1, 2])}),
        ),
        get("GET /robots.txt", st.just("/robots.txt"), page_query),
        get(
            "GET /documents/<id>/<name>",
            st.builds(
                lambda n, name: f"/documents/{n}/{name}",
                st.one_of(
                    st.sampled_from([n for n in NUMBERS if n.isascii() and n.isdigit()]),
                    st.integers(0, 2**70).map(str),
                ),
                hostile_segment,
            ),
        ),
        post(
            "POST /i18n/setlang/",
            st.just("/i18n/setlang/"),
            params(
                {
                    "language": value(["en", "sr", "sr-latn"]),
                    "next": value(["/", "/news/", "https://evil.example.org/"]),
                }
            ),
        ),
        get(
            "GET /payments/success/",
            st.just("/payments/success/"),
            params({"session_id": value(site.session_ids + ["cs_test_unknown"])}),
        ),
        get("GET /payments/cancelled/", st.just("/payments/cancelled/"), page_query),
        get("GET /jsi18n/", in_languages("/jsi18n/"), params({"language": value(["sr"])})),
    )
    drive(fuzzer, strategy, "pages")


# --- news ----------------------------------------------------------------------------------


def test_fuzz_news_filters(fuzzer, site):
    filters = params(
        {
            "category": value(["innovation"]),
            "tag": value(["clusters"]),
            "year": int_value([2026, 1900, 2999]),
            "page": int_value([1, 2]),
        }
    )
    feed = st.sampled_from(["feed/", "feed/atom/"])
    category = st.one_of(st.just("innovation"), hostile_segment)
    strategy = st.one_of(
        get("GET /news/", in_languages("/news/"), filters),
        get("GET /news/feed/", st.builds(lambda lang, f: f"{lang}/news/{f}", language, feed)),
        get(
            "GET /news/feed/<category>/",
            st.builds(lambda lang, f, c: f"{lang}/news/{f}{c}/", language, feed, category),
            filters,
        ),
        get("GET /news/category/<category>/", under("/news/category/"), filters),
    )
    known = tuple(
        Req("GET /news/", "GET", "/news/", query=[(name, text)])
        for name, text in [("category", "\x00"), ("tag", "\x00"), ("year", "²"), ("page", "9" * 30)]
    )
    drive(fuzzer, strategy, "news", known)


# --- the cluster directory, its map and exports ----------------------------------------


def test_fuzz_directory(fuzzer, site):
    filters = params(
        {
            "q": value(["cluster", "ICT", "Vojvodina"]),
            "kind": value(["cluster", "sme"]),
            "stage": value(["growth"]),
            "region": value(["vojvodina", "belgrade"]),
            "label": value(["gold"]),
            "sector": value(["ict"]),
            "technology": value(["iot"]),
            "sectors": int_value([site.sector.pk]),
            "technology_fields": int_value([site.technology.pk]),
            "sort": value(["name", "-employees", "founding_date"]),
            "page": int_value([1, 2]),
        }
    )
    data_file = st.sampled_from(["", "map.geojson", "export.csv", "export.json"])
    strategy = st.one_of(
        get(
            "GET /clusters/ (+ map.geojson, export.csv, export.json)",
            st.builds(lambda lang, f: f"{lang}/clusters/{f}", language, data_file),
            filters,
        ),
        get(
            "GET /clusters/<organisation>/",
            st.builds(
                lambda lang, slug: f"{lang}/clusters/{slug}/",
                language,
                st.one_of(st.just("vojvodina-ict"), hostile_segment),
            ),
            filters,
        ),
    )
    known = tuple(
        Req("GET /clusters/ (+ map.geojson, export.csv, export.json)", "GET", path, query=query)
        for path in ("/clusters/", "/clusters/export.csv")
        for query in ([("q", "\x00")], [("sectors", "9" * 30)], [("technology_fields", "9" * 30)])
    )
    drive(fuzzer, strategy, "directory", known)


# --- events: list, calendars, registration ------------------------------------------------


def test_fuzz_events(fuzzer, site):
    event_path = "/events/days-of-clusters-2026/"
    filters = params(
        {
            "series": value(["days-of-clusters"]),
            "type": value(["conference", "club"]),
            "city": value(["Niš", "Novi Sad"]),
            "month": value(["2026-12", "2026-13", "0000-00", "9999-12", "2026-1", "-2026-01"]),
            "tab": value(["past", "upcoming"]),
            "page": int_value([1, 2]),
        }
    )
    register = post_form(
        site.client_for("anonymous"),
        event_path + "register/",
        fallback={
            "ticket_type": [str(site.free_ticket.pk), str(site.paid_ticket.pk)],
            "name": ["Ana Petrović"],
            "email": ["fuzz@example.org"],
            "organisation_name": ["Cluster House"],
        },
    )
    registration = submissions(
        register,
        overrides={
            "email": email_value(),
            "ticket_type": int_value([site.free_ticket.pk, site.paid_ticket.pk]),
        },
    )
    who = st.sampled_from(["anonymous", "anonymous", "member"])
    strategy = st.one_of(
        get("GET /events/", in_languages("/events/"), filters),
        get(
            "GET /events/feed.ics",
            in_languages("/events/feed.ics"),
            params({"series": value(["days-of-clusters"])}),
        ),
        get("GET /events/<event>/", in_languages(event_path), filters),
        get("GET /events/<event>/event.ics", in_languages(event_path + "event.ics"), filters),
        get("GET /events/<event>/register/", in_languages(event_path + "register/"), filters),
        who.flatmap(
            lambda user: post(
                "POST /events/<event>/register/",
                in_languages(event_path + "register/"),
                registration,
                user=user,
            )
        ),
        get("GET /events/<hostile>/", under("/events/")),
    )
    known = tuple(
        Req("GET /events/", "GET", path, query=query)
        for path, query in [
            ("/events/", [("city", "\x00")]),
            ("/events/", [("series", "\x00")]),
            ("/events/feed.ics", [("series", "\x00")]),
        ]
    )
    drive(fuzzer, strategy, "events", known)


# --- the read API --------------------------------------------------------------------------


def test_fuzz_read_api(fuzzer, site):
    ids = [site.home.pk, site.event.pk, site.article.pk, site.organisation.pk]
    common = {
        "limit": int_value([1, 20, 50]),
        "offset": int_value([0, 1]),
        "fields": value(["*", "title,intro", "-title", "lead_image(*)", "_,id", "body"]),
        "order": value(["title", "-id", "random", "start"]),
        "search": value(["clusters", "Niš", "кластери"]),
        "locale": value(["en", "sr-latn", "sr"]),
        "id": int_value(ids),
    }
    page_filters = {
        **common,
        "type": value(["news.NewsPage", "events.EventPage", "home.StandardPage"]),
        "child_of": int_value([site.home.pk, "root"]),
        "descendant_of": int_value([site.home.pk]),
        "ancestor_of": int_value([site.event.pk]),
        "translation_of": int_value([site.event.pk]),
        "html_path": value(["/events/", "/news/cluster-day/"]),
    }
    endpoint = st.sampled_from(["pages", "news", "events", "organisations", "images", "documents"])
    strategy = st.one_of(
        get(
            "GET /api/v2/<endpoint>/",
            endpoint.map(lambda name: f"/api/v2/{name}/"),
            params(page_filters),
        ),
        get(
            "GET /api/v2/<endpoint>/<id>/",
            st.builds(
                lambda name, pk: f"/api/v2/{name}/{pk}/",
                endpoint,
                st.one_of(st.sampled_from([str(pk) for pk in ids]), st.integers(0, 2**70).map(str)),
            ),
            params(common),
        ),
        get("GET /api/v2/pages/find/", st.just("/api/v2/pages/find/"), params(page_filters)),
        get(
            "GET /api/v2/events/",
            st.just("/api/v2/events/"),
            params(
                {
                    **common,
                    "when": value(["upcoming", "past", "all"]),
                    "series": value(["days-of-clusters"]),
                    "city": value(["Niš"]),
                    "event_type": value(["conference"]),
                }
            ),
        ),
        get(
            "GET /api/v2/news/",
            st.just("/api/v2/news/"),
            params(
                {
                    **common,
                    "category": value(["innovation"]),
                    "tag": value(["eu"]),
                    "year": int_value([2026]),
                }
            ),
        ),
        get(
            "GET /api/v2/organisations/",
            st.just("/api/v2/organisations/"),
            params(
                {
                    **common,
                    "q": value(["cluster"]),
                    "kind": value(["cluster"]),
                    "region": value(["vojvodina"]),
                    "sector": value(["ict"]),
                    "sort": value(["name", "-employees"]),
                }
            ),
        ),
    )
    known = tuple(
        Req("GET /api/v2/<endpoint>/", "GET", "/api/v2/pages/", query=query)
        for query in (
            [("offset", "9" * 30)],
            [("child_of", "9" * 30)],
            [("translation_of", "9" * 30)],
            [("id", "9" * 30)],
        )
    )
    drive(fuzzer, strategy, "api", known)
