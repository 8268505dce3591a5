"""Organisations: a thousand profiles with sectors, contacts and coordinates."""

import random
from decimal import Decimal

from wagtail.models import Locale

from membership.models import ClusterDirectoryPage, ContactPerson, Organisation, Sector
from twins.search import fold

from . import generator
from .site import ADJECTIVES, NOUNS, TOPIC_NAMES, _sentence, site_home

CITIES = [
    ("Beograd", "belgrade", 44.8125, 20.4612),
    ("Novi Sad", "vojvodina", 45.2671, 19.8335),
    ("Niš", "south_east", 43.3209, 21.8958),
    ("Kragujevac", "sumadija_west", 44.0128, 20.9114),
    ("Subotica", "vojvodina", 46.1003, 19.6658),
    ("Čačak", "sumadija_west", 43.8914, 20.3497),
]


def directory_page() -> ClusterDirectoryPage:
    """The English directory; a placeholder page at /clusters/ gives way to one."""
    home = site_home()
    page = ClusterDirectoryPage.objects.child_of(home).first()
    if page is None:
        home.get_children().filter(slug="clusters").delete()
        page = ClusterDirectoryPage(title="Clusters", slug="clusters")
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def some_profile_slug() -> str:
    organisation = Organisation.objects.filter(slug__startswith="bench-org-").order_by("slug")
    first = organisation.first()
    if first is None:
        raise LookupError("no organisations: run bench/generate.py --organisations N")
    return first.slug


@generator("organisations", size=1000, description="published organisations with contacts")
def generate_organisations(count: int) -> str:
    directory_page()
    locale = Locale.get_default()
    sectors = [
        Sector.objects.get_or_create(
            slug=name.lower().replace(" ", "-"), locale=locale, defaults={"name": name}
        )[0]
        for name in TOPIC_NAMES
    ]
    existing = set(
        Organisation.objects.filter(slug__startswith="bench-org-").values_list("slug", flat=True)
    )
    created = []
    for number in range(1, count + 1):
        slug = f"bench-org-{number:05d}"
        if slug in existing:
            continue
        rng = random.Random(number)
        city, region, lat, lon = rng.choice(CITIES)
        organisation = Organisation(
            slug=slug,
            name=f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} cluster {number}",
            kind=rng.choice(Organisation.Kind.values),
            stage=rng.choice(Organisation.Stage.values),
            description=f"<p>{_sentence(rng, 30)}</p>",
            city=city,
            region=region,
            latitude=Decimal(str(round(lat + rng.uniform(-0.2, 0.2), 5))),
            longitude=Decimal(str(round(lon + rng.uniform(-0.2, 0.2), 5))),
            member_companies=rng.randint(5, 120),
            employees=rng.randint(50, 5000),
            is_published=True,
        )
        created.append(organisation)
    for organisation in created:  # bulk_create skips save(), which folds the name
        organisation.name_folded = fold(organisation.name)
    Organisation.objects.bulk_create(created, batch_size=500)
    through = Organisation.sectors.through
    through.objects.bulk_create(
        [
            through(organisation_id=o.pk, sector_id=s.pk)
            for o in created
            for s in random.Random(o.slug).sample(sectors, k=2)
        ],
        batch_size=1000,
    )
    ContactPerson.objects.bulk_create(
        [
            ContactPerson(
                organisation=o,
                name="Contact person",
                role="Manager",
                consent_to_publish=True,
                sort_order=0,
            )
            for o in created
        ],
        batch_size=1000,
    )
    return f"{len(created)} new organisations for {count} wanted"
