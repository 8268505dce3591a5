"""Run in its own process with the production settings on the fresh database of
``test_fresh_database.py``: requests the site through Django's test client (as the
production host, over https) and prints what it found as JSON.

    python -m sitesetup.tests.fresh_site_probe site
    python -m sitesetup.tests.fresh_site_probe accept <invitation link> <password> <e-mail>
    python -m sitesetup.tests.fresh_site_probe edit-about <new title>
    python -m sitesetup.tests.fresh_site_probe pages
"""

import json
import re
import sys
from urllib.parse import urlsplit

import django

# (English path, Serbian path) below each language's prefix: the URL map of DESIGN.md.
PAGES = [
    ("", ""),
    ("about/", "o-nama/"),
    ("membership/", "clanstvo/"),
    ("news/", "vesti/"),
    ("events/", "dogadjaji/"),
    ("clusters/", "klasteri/"),
    ("newsletter/", "newsletter/"),
    ("newsletter/archive/", "newsletter/archive/"),
    ("search/?q=klaster", "search/?q=klaster"),
    ("privacy/", "privatnost/"),
    ("terms/", "uslovi-koriscenja/"),
    ("news/feed/", "vesti/feed/"),
    ("events/feed.ics", "dogadjaji/feed.ics"),
    ("clusters/map.geojson", "klasteri/map.geojson"),
]
PREFIXES = {"en": "/", "sr-latn": "/sr-latn/", "sr": "/sr/"}


def public_urls():
    for code, prefix in PREFIXES.items():
        for english, serbian in PAGES:
            yield code, prefix + (english if code == "en" else serbian)


def nav_links(html: str) -> list[str]:
    """The site's own links in the page's first navigation (the main menu)."""
    nav = re.search(r"<nav[^>]*>.*?</nav>", html, re.S)
    links = re.findall(r'href="(/[^"]*)"', nav.group(0) if nav else "")
    return [link for link in links if not link.startswith(("/static/", "/media/"))]


def links_outside_language(code: str, links: list[str]) -> list[str]:
    prefix = PREFIXES[code]
    others = tuple(p for c, p in PREFIXES.items() if c != code and p != "/")
    if code == "en":
        return [link for link in links if link.startswith(others)]
    return [link for link in links if not link.startswith(prefix)]


def _client():
    from django.conf import settings
    from django.test import Client

    # As behind the TLS-terminating proxy the README asks for.
    return Client(
        HTTP_HOST=urlsplit(settings.PUBLIC_BASE_URL).hostname, HTTP_X_FORWARDED_PROTO="https"
    )


def site() -> dict:
    from django.contrib.auth import get_user_model

    from events.models import EventPage
    from membership.models import Organisation
    from news.models import NewsPage
    from newsletter.models import Subscriber

    client = _client()
    statuses = {url: client.get(url).status_code for _code, url in public_urls()}
    menus = {}
    for code, prefix in PREFIXES.items():
        links = nav_links(client.get(prefix).content.decode())
        menus[code] = {"links": links, "outside": links_outside_language(code, links)}
    home = client.get("/").content.decode()
    return {
        "statuses": statuses,
        "menus": menus,
        "welcome_page": "Welcome to your new Wagtail site" in home,
        "demo_rows": {
            "organisations": Organisation.objects.count(),
            "news": NewsPage.objects.count(),
            "events": EventPage.objects.count(),
            "subscribers": Subscriber.objects.count(),
        },
        "users": list(get_user_model().objects.values_list("email", "is_superuser")),
    }


def accept(link: str, password: str, email: str) -> dict:
    client = _client()
    path = urlsplit(link)._replace(scheme="", netloc="").geturl()
    form = client.get(path)
    accepted = client.post(path, {"new_password1": password, "new_password2": password})
    landed = client.get("/admin/")
    signed_in = _client()
    login = signed_in.post("/accounts/login/", {"login": email, "password": password})
    return {
        "form": form.status_code,
        "accepted": accepted.status_code,
        "accepted_to": accepted.get("Location"),
        "admin_after_accepting": landed.status_code,
        "login": login.status_code,
        "admin_after_login": signed_in.get("/admin/").status_code,
        "reused": client.post(path, {"new_password1": "x", "new_password2": "x"}).status_code,
    }


def edit_about(title: str) -> dict:
    from wagtail.models import Page

    about = Page.objects.get(slug="about", locale__language_code="en").specific
    about.title = title
    about.save_revision().publish()
    return {"pages": Page.objects.count(), "title": about.title}


def pages() -> dict:
    from wagtail.models import Page

    about = Page.objects.get(slug="about", locale__language_code="en")
    return {"pages": Page.objects.count(), "title": about.title}


if __name__ == "__main__":
    django.setup()
    command, *args = sys.argv[1:]
    result = {
        "site": site,
        "accept": lambda: accept(*args),
        "edit-about": lambda: edit_about(args[0]),
        "pages": pages,
    }[command]()
    print(json.dumps(result))
