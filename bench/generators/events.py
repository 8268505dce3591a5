"""Events: hundreds of events with agendas, speakers and ticket types, and the event the
registration race (bench/race.py) runs on, with its racers' accounts and sessions."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventSeries, EventSession, Speaker, TicketType

from . import generator
from .site import ADJECTIVES, NOUNS, _body, _indexed_in_bulk, _sentence, site_home

SERIES = [
    ("Days of Clusters", "days-of-clusters"),
    ("Balkan Cluster Day", "balkan-cluster-day"),
    ("Business Cluster Club", "business-cluster-club"),
    ("Training", "training"),
]
CITIES = ["Niš", "Beograd", "Novi Sad", "Kragujevac", "Subotica"]
RACE_SLUG = "registration-race"
RACE_CAPACITY = 50
RACERS = 500


def event_index() -> EventIndexPage:
    """The English events index; a placeholder page at /events/ gives way to one."""
    home = site_home()
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        home.get_children().filter(slug="events").delete()
        index = EventIndexPage(title="Events", slug="events", intro="Events of the network.")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def busiest_event() -> EventPage:
    """The upcoming generated event with the longest agenda."""
    page = EventPage.objects.live().child_of(event_index()).filter(slug="bench-event-0001").first()
    if page is None:
        raise LookupError("no events: run bench/generate.py --events N")
    return page


def race_event() -> EventPage:
    return EventPage.objects.child_of(event_index()).get(slug=RACE_SLUG)


@generator("events", size=400, description="events with agendas, speakers and ticket types")
def generate_events(count: int) -> str:
    index = event_index()
    series = [
        EventSeries.objects.get_or_create(slug=slug, locale=index.locale, defaults={"name": name})[
            0
        ]
        for name, slug in SERIES
    ]
    speakers = list(Speaker.objects.filter(name__startswith="Bench speaker"))
    for number in range(len(speakers) + 1, 41):
        speakers.append(Speaker.objects.create(name=f"Bench speaker {number}", role="Manager"))
    existing = set(EventPage.objects.child_of(index).values_list("slug", flat=True))
    now = timezone.now()
    with _indexed_in_bulk(EventPage) as created:
        for number in range(1, count + 1):
            slug = f"bench-event-{number:04d}"
            if slug in existing:
                continue
            rng = random.Random(number)
            # Half of the events are upcoming, half are past.
            offset = (number if number % 2 else -number) % 720 - (0 if number % 2 else 720)
            start = now + datetime.timedelta(days=offset or 1, hours=rng.randint(0, 8))
            page = EventPage(
                title=f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {number}",
                slug=slug,
                series=rng.choice(series),
                event_type=rng.choice(EventPage.EventType.values),
                start=start,
                end=start + datetime.timedelta(hours=6),
                intro=_sentence(rng, 16),
                body=_body(rng),
                city=rng.choice(CITIES),
                venue_name="Cluster House",
                latitude="43.320900",
                longitude="21.895800",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            sessions = []
            for item in range(8 if number == 1 else 3):
                session = EventSession(
                    starts_at=start + datetime.timedelta(minutes=45 * item),
                    title=_sentence(rng, 6),
                    room=f"Hall {item % 3 + 1}",
                )
                session.speakers = rng.sample(speakers, k=2)
                sessions.append(session)
            page.sessions = sessions
            page.ticket_types = [
                TicketType(name="Participant", capacity=100),
                TicketType(name="Member", capacity=50, members_only=True, price=0),
            ]
            index.add_child(instance=page)
            created.append(page)
    return f"{len(created)} new events for {count} wanted under {index.url_path}"


@generator("race", description="the registration race's event and its racers' accounts")
def generate_race() -> str:
    """One free ticket type of 50 places, and 500 signed-in racers: each registration is
    confirmed or waitlisted at once, so the figures show the lock, not e-mail holds."""
    index = event_index()
    EventPage.objects.child_of(index).filter(slug=RACE_SLUG).delete()
    start = timezone.now() + datetime.timedelta(days=60)
    page = EventPage(
        title="Registration race",
        slug=RACE_SLUG,
        start=start,
        end=start + datetime.timedelta(hours=4),
        intro="Five hundred people, fifty places.",
        city="Niš",
    )
    page.ticket_types = [TicketType(name="Race place", capacity=RACE_CAPACITY)]
    index.add_child(instance=page)
    page.save_revision().publish()
    User = get_user_model()  # noqa: N806
    emails = [racer_email(number) for number in range(RACERS)]
    known = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
    # "!" starts an unusable password: racers sign in through sessions made by bench/race.py.
    unusable = "!"
    User.objects.bulk_create(
        [
            User(username=email, email=email, password=unusable)
            for email in emails
            if email not in known
        ]
    )
    # Racers registered with a verified address are confirmed at once, as members would be.
    verified = set(
        EmailAddress.objects.filter(email__in=emails, verified=True).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in User.objects.filter(username__in=emails)
        if user.email not in verified
    )
    return f"race event {page.url_path} with {RACE_CAPACITY} places, {RACERS} racers' accounts"


def racer_email(number: int) -> str:
    return f"racer{number:03d}@example.org"
