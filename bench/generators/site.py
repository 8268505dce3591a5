"""The website: the demo content, thousands of standard pages, the main menu."""

import random
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import HomePage, Menu, MenuItem, StandardPage

from . import generator

SECTION_SLUG = "bench-library"
PAGES_PER_GROUP = 50
GROUPS_PER_TOPIC = 10

TOPIC_NAMES = [
    "Innovation",
    "Internationalisation",
    "Energy",
    "Agrifood",
    "ICT",
    "Tourism",
    "Creative industries",
    "Construction",
    "Automotive",
    "Health",
    "Wood and furniture",
    "Textiles",
]
ADJECTIVES = [
    "regional",
    "innovative",
    "export-ready",
    "sustainable",
    "digital",
    "joint",
    "cross-border",
    "green",
    "competitive",
    "smart",
]
NOUNS = [
    "cluster",
    "network",
    "value chain",
    "member company",
    "research partner",
    "business club",
    "training",
    "supplier",
    "project",
    "strategy",
]
VERBS = ["connects", "supports", "trains", "promotes", "finances", "represents", "maps"]


def _sentence(rng: random.Random, words: int = 10) -> str:
    parts = []
    while len(parts) < words:
        parts += [rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(VERBS), "the"]
    parts += [rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(4))} <b>{rng.choice(NOUNS)}</b></p>"
        for _ in range(count)
    )


def _body(rng: random.Random) -> list[tuple[str, object]]:
    """A body of every text block of BaseStreamBlock, about the size of a real article."""
    return [
        ("heading", {"text": _sentence(rng, 4), "level": "h2"}),
        ("paragraph", _paragraphs(rng, 3)),
        ("quote", {"text": _sentence(rng, 16), "attribution": "Bench Author", "role": "Member"}),
        ("heading", {"text": _sentence(rng, 4), "level": "h3"}),
        ("paragraph", _paragraphs(rng, 2)),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
                "data": [
                    ["Year", "Members", "Projects"],
                    *[
                        [str(2015 + n), str(rng.randint(5, 90)), str(rng.randint(1, 20))]
                        for n in range(8)
                    ],
                ],
            },
        ),
    ]


def _standard_page(title: str, slug: str, rng: random.Random, published_at) -> StandardPage:
    return StandardPage(
        title=title,
        slug=slug,
        intro=_sentence(rng, 20),
        listing_summary=_sentence(rng, 14),
        search_description=_sentence(rng, 12),
        body=_body(rng),
        live=True,
        first_published_at=published_at,
        last_published_at=published_at,
    )


def _container(parent: Page, slug: str, title: str, rng: random.Random, now, created) -> Page:
    """The child of ``parent`` with ``slug``, created (and added to ``created``) when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing
    page = _standard_page(title, slug, rng, now)
    parent.add_child(instance=page)
    created.append(page)
    return page


@contextmanager
def _indexed_in_bulk(model):
    """Yield a list to put the new ``model`` instances in, and add them to the search index in
    one batch at the end rather than one by one as each is saved.

    The reference index is not kept up to date meanwhile: a generated page refers to no
    image, document or page, so it would hold nothing for them. Both save about 40% of the
    time of thousands of pages.
    """
    created = []
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield created
    finally:
        post_save.connect(post_save_signal_handler, sender=model)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, created)


def site_home() -> HomePage:
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page.specific


def generated_section() -> Page | None:
    return site_home().get_children().filter(slug=SECTION_SLUG).first()


def deepest_generated_page() -> Page:
    """The last page of the generated section's deepest level: what a reader reaches through
    the longest breadcrumb trail."""
    section = generated_section()
    page = None
    if section is not None:
        page = Page.objects.descendant_of(section).live().order_by("-depth", "-path").first()
    if page is None:
        raise LookupError("no generated pages: run bench/generate.py --pages N")
    return page


def _minimal_site() -> HomePage:
    """A published home page in every language as the default site's root: what the demo
    content provides, until ``seed_demo`` exists."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    default = locales[settings.LANGUAGE_CODE]
    home = HomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        # Wagtail's welcome page holds the slug "home" and the site; the site goes with it
        # and is recreated below.
        Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
        home = HomePage(
            title="Home",
            slug="home",
            locale=default,
            hero_heading="Clusters make Serbia stronger",
            hero_text="The association of Serbian clusters and their members.",
            intro="<p>More than eighty clusters work in Serbia today.</p>",
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
    )
    translated = set(
        home.get_translations().values_list("locale__language_code", flat=True).distinct()
    )
    for code, locale in locales.items():
        if locale != default and code not in translated:
            home.copy_for_translation(locale).save_revision().publish()
    return home


@generator(
    "demo",
    description="the demo content (manage.py seed_demo), or a minimal home page in every "
    "language while that command does not exist",
)
def generate_demo() -> str:
    if "seed_demo" in get_commands():
        call_command("seed_demo")
        return "manage.py seed_demo"
    _minimal_site()
    return "seed_demo not found: a minimal home page in every language"


@generator(
    "pages",
    size=2000,
    description=f"standard pages in a section of topics of {GROUPS_PER_TOPIC} groups of "
    f"{PAGES_PER_GROUP} pages (containers not counted)",
)
def generate_pages(count: int) -> str:
    home = site_home()
    now = timezone.now()
    rng = random.Random(0)
    groups = -(-count // PAGES_PER_GROUP)
    with _indexed_in_bulk(StandardPage) as created:
        section = _container(home, SECTION_SLUG, "Knowledge base", rng, now, created)
        for group_number in range(1, groups + 1):
            topic_number = (group_number - 1) // GROUPS_PER_TOPIC + 1
            topic_name = TOPIC_NAMES[(topic_number - 1) % len(TOPIC_NAMES)]
            topic = _container(section, f"topic-{topic_number:02d}", topic_name, rng, now, created)
            group = _container(
                topic,
                f"group-{group_number:03d}",
                f"{topic_name}: group {group_number}",
                rng,
                now,
                created,
            )
            first = (group_number - 1) * PAGES_PER_GROUP + 1
            last = min(group_number * PAGES_PER_GROUP, count)
            existing = set(group.get_children().values_list("slug", flat=True))
            for number in range(first, last + 1):
                slug = f"page-{number:05d}"
                if slug in existing:
                    continue
                # One generator per page: its text stays the same whatever else is created.
                page_rng = random.Random(number)
                title = (
                    f"{page_rng.choice(ADJECTIVES).capitalize()} {page_rng.choice(NOUNS)} {number}"
                )
                published_at = now - timedelta(days=page_rng.randint(0, 3650))
                page = _standard_page(title, slug, page_rng, published_at)
                group.add_child(instance=page)
                created.append(page)
    return f"{len(created)} new pages for {count} wanted under /{SECTION_SLUG}/ in {groups} groups"


@generator("menu", size=10, description="entries of the main menu (pages of the section)")
def generate_menu(count: int) -> str:
    menu, _ = Menu.objects.get_or_create(handle=Menu.Handle.MAIN, locale=Locale.get_default())
    linked = list(menu.items.values_list("link_page_id", flat=True))
    wanted = count - len(linked)
    section = generated_section()
    if wanted <= 0 or section is None:
        return f"{len(linked)} entries already"
    candidates = (
        Page.objects.descendant_of(section, inclusive=True)
        .filter(depth__lte=section.depth + 2)
        .exclude(pk__in=[pk for pk in linked if pk is not None])
        .order_by("depth", "path")[:wanted]
    )
    MenuItem.objects.bulk_create(
        MenuItem(menu=menu, link_page=page, sort_order=len(linked) + n)
        for n, page in enumerate(candidates)
    )
    return f"{menu.items.count()} entries"
