"""What ``setup_site`` writes: the page tree of the URL map (the demo's page types and slugs),
its menus, footer text, the free membership level and the newsletter's audience, in English
and Serbian Latin (the Cyrillic are their twins). Texts are short placeholders staff replace;
they say nothing the association has not said yet.

Page texts are the site's content, written once in its two written languages, not interface
strings: they are here in both, not in the message catalogues."""

from dataclasses import dataclass, field

from django.utils.html import format_html


@dataclass(frozen=True)
class PageSpec:
    """A page below the home page: its English slug and fields, its Serbian Latin ones."""

    slug: str
    page_type: str
    en: dict
    sr_latn: dict = field(default_factory=dict)


PLACEHOLDER_EN = "Staff replace this text in the admin (Pages)."
PLACEHOLDER_SR_LATN = "Osoblje zamenjuje ovaj tekst u administraciji (Stranice)."


def home(name: str, name_sr_latn: str) -> tuple[dict, dict]:
    """The home page's fields in English and Serbian Latin."""
    return (
        {"title": name, "hero_heading": name, "hero_text": PLACEHOLDER_EN},
        {"title": name_sr_latn, "hero_heading": name_sr_latn, "hero_text": PLACEHOLDER_SR_LATN},
    )


PAGES = [
    PageSpec(
        "about",
        "home.StandardPage",
        {"title": "About us", "intro": PLACEHOLDER_EN},
        {"title": "O nama", "slug": "o-nama", "intro": PLACEHOLDER_SR_LATN},
    ),
    PageSpec(
        "membership",
        "membership.MembershipPage",
        {
            "title": "Why join",
            "intro": "Choose a membership level below and apply; our staff review applications.",
        },
        {
            "title": "Zašto se učlaniti",
            "slug": "clanstvo",
            "intro": "Izaberite nivo članstva ispod i prijavite se; osoblje razmatra prijave.",
        },
    ),
    PageSpec(
        "news",
        "news.NewsIndexPage",
        {"title": "News", "intro": ""},
        {"title": "Vesti", "slug": "vesti", "intro": ""},
    ),
    PageSpec(
        "clusters",
        "membership.ClusterDirectoryPage",
        {"title": "Clusters", "intro": ""},
        {"title": "Klasteri", "slug": "klasteri", "intro": ""},
    ),
    PageSpec(
        "events",
        "events.EventIndexPage",
        {"title": "Events", "intro": ""},
        {"title": "Događaji", "slug": "dogadjaji", "intro": ""},
    ),
    # The newsletter's place in the tree, for menus and search; its address is the
    # newsletter app's subscription form (newsletter/ in every language).
    PageSpec(
        "newsletter",
        "home.StandardPage",
        {"title": "Infocluster", "intro": "Subscribe to the association's newsletter."},
        {"title": "Infocluster", "slug": "newsletter", "intro": "Prijavite se na bilten."},
    ),
    PageSpec(
        "privacy",
        "home.StandardPage",
        {
            "title": "Privacy policy",
            "intro": "How we process personal data. " + PLACEHOLDER_EN,
        },
        {
            "title": "Politika privatnosti",
            "slug": "privatnost",
            "intro": "Kako obrađujemo podatke o ličnosti. " + PLACEHOLDER_SR_LATN,
        },
    ),
    PageSpec(
        "terms",
        "home.StandardPage",
        {"title": "Terms of use", "intro": "The terms of using this website. " + PLACEHOLDER_EN},
        {
            "title": "Uslovi korišćenja",
            "slug": "uslovi-koriscenja",
            "intro": "Uslovi korišćenja ovog sajta. " + PLACEHOLDER_SR_LATN,
        },
    ),
]

# The menus: the pages by English slug (linked in each language to that language's page,
# under its title), or a named URL with its label.
MENUS = {
    "main": ["about", "membership", "news", "events", "clusters", "newsletter"],
    "footer": [
        "about",
        "membership",
        "newsletter",
        "privacy",
        "terms",
        ("search", {"en": "Search", "sr-latn": "Pretraga"}),
    ],
}

FREE_LEVEL = {
    "slug": "network",
    "en": {
        "name": "Network membership",
        "description": "Free membership of the network.",
    },
    "sr-latn": {
        "name": "Članstvo u mreži",
        "description": "Besplatno članstvo u mreži.",
    },
}

AUDIENCE_NAME = "All confirmed subscribers"


def footer_text(name: str, contact_email: str) -> str:
    return str(
        format_html('<p>{} · <a href="mailto:{}">{}</a></p>', name, contact_email, contact_email)
    )
