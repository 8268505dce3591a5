"""Demo B2B meetings at the demo's Business Cluster Club: a session switched on for the club,
thirty participants from the directory's organisations (accounts with a verified address and
no password, as ``demo.people`` makes them, each registered for the club's B2B ticket), their
profiles with what their organisation offers and seeks in its own sector (in English or in
Serbian Latin, as each participant writes), accepted and pending meeting requests, and the
schedule made by the real ``b2b_schedule``.

Everything goes through the B2B and registration services, so the demo keeps their rules.
Idempotent: the session, accounts, registrations and profiles are found again; a profile that
has offers and needs is left as it is; a request is sent only between two people who have
none; the schedule is made only once, so a second run changes nothing."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale

from demo.events import events
from events import services
from events.models import B2BSession, EventPage, MeetingRequest, Registration
from membership.models import Organisation, OrganisationUser

b2b = services.b2b
CLUB_SERIES = "business-cluster-club"
B2B_TICKET = "B2B participant"
AGENDA_ITEM = "B2B meetings"

# (organisation slug, first name, last name, the language they write in)
PARTICIPANTS = (
    ("ac-serbia", "Dragan", "Ilić", "en"),
    ("serbian-software-cluster", "Marina", "Jovanović", "sr-latn"),
    ("bipom", "Zoran", "Stojanović", "sr-latn"),
    ("sumadijski-cvet", "Ljiljana", "Pavlović", "sr-latn"),
    ("agency-for-wood", "Goran", "Nikolić", "en"),
    ("galenit", "Snežana", "Đorđević", "sr-latn"),
    ("dundjer-nis", "Miloš", "Ristić", "sr-latn"),
    ("knjazevac-shoemakers", "Dejan", "Mitić", "sr-latn"),
    ("royal-vacation", "Ivana", "Milošević", "en"),
    ("istar-21", "Tamara", "Kovačević", "en"),
    ("embedded-rs", "Aleksandar", "Popović", "en"),
    ("mice-tourism", "Jovana", "Marković", "sr-latn"),
    ("medical-tourism", "Vladimir", "Stanković", "en"),
    ("tourist-cluster-srem", "Nataša", "Savić", "sr-latn"),
    ("jato", "Lazar", "Horvat", "en"),
    ("eko-krug", "Maja", "Tomić", "sr-latn"),
    ("netwood", "Stefan", "Radovanović", "sr-latn"),
    ("memos", "Branislav", "Lukić", "en"),
    ("south-serbian-alko", "Vesna", "Cvetković", "sr-latn"),
    ("pekos", "Katarina", "Babić", "en"),
    ("voict", "Nemanja", "Kostić", "en"),
    ("ict-network", "Jelena", "Živković", "en"),
    ("vmc", "Milan", "Vuković", "sr-latn"),
    ("facts", "Ana", "Lazarević", "en"),
    ("nicat", "Marko", "Petković", "sr-latn"),
    ("ict-cluster-central-serbia", "Bojana", "Obradović", "sr-latn"),
    ("cluster-house", "Predrag", "Simić", "sr-latn"),
    ("serbian-software-cluster", "Uroš", "Filipović", "en"),
    ("voict", "Teodora", "Janković", "sr-latn"),
    ("cluster-house", "Dušan", "Todorović", "en"),
)

# What an organisation of each sector offers and seeks: (kind, English, Serbian Latin).
OFFERS = {
    "automotive": (
        "supplier",
        "Machined and stamped car parts in small and medium series, with ISO TS 16949 quality.",
        "Obrađeni i štancovani delovi za automobile u malim i srednjim serijama, kvalitet "
        "po ISO TS 16949.",
    ),
    "it": (
        "cooperation_offer",
        "Custom software, web and mobile applications for companies that go digital.",
        "Softver po meri, veb i mobilne aplikacije za firme koje prelaze na digitalno poslovanje.",
    ),
    "metal-processing": (
        "supplier",
        "Welded steel structures, CNC cutting and bending for machine builders.",
        "Zavarene čelične konstrukcije, CNC sečenje i savijanje za proizvođače mašina.",
    ),
    "agriculture-food": (
        "supplier",
        "Local fruit, flowers and baked goods for hotels, shops and caterers.",
        "Domaće voće, cveće i pekarski proizvodi za hotele, prodavnice i ketering.",
    ),
    "wood-processing": (
        "supplier",
        "Solid wood furniture and joinery made to order, for export and for hotels.",
        "Nameštaj od masivnog drveta i stolarija po meri, za izvoz i za hotele.",
    ),
    "recycling": (
        "cooperation_offer",
        "Collection and recycling of electronic, plastic and packaging waste for factories.",
        "Sakupljanje i reciklaža elektronskog, plastičnog i ambalažnog otpada za fabrike.",
    ),
    "construction": (
        "cooperation_offer",
        "Design and building of industrial halls and energy-efficient public buildings.",
        "Projektovanje i izgradnja industrijskih hala i energetski efikasnih javnih zgrada.",
    ),
    "leather-footwear": (
        "supplier",
        "Handmade leather shoes and bags in series for brands and retailers.",
        "Ručno rađene kožne cipele i torbe u serijama za brendove i trgovce.",
    ),
    "tourism": (
        "cooperation_offer",
        "Group travel, conference venues and study visits for partners from abroad.",
        "Grupna putovanja, prostori za konferencije i studijske posete za partnere iz "
        "inostranstva.",
    ),
    "chemical-plastics": (
        "supplier",
        "Plastic packaging and injection-moulded parts, with recycled material on request.",
        "Plastična ambalaža i brizgani delovi, na zahtev od recikliranog materijala.",
    ),
    "textile-fashion": (
        "supplier",
        "Small-series clothing production for designers and workwear for companies.",
        "Proizvodnja odeće u malim serijama za dizajnere i radna odeća za firme.",
    ),
    "business-services": (
        "cooperation_offer",
        "Help with EU project applications, export plans and cluster management.",
        "Pomoć u pisanju EU projekata, izvoznim planovima i upravljanju klasterom.",
    ),
}
SEEKS = {
    "automotive": (
        "rd_partner",
        "A research partner for lighter parts and testing of new materials.",
        "Istraživački partner za lakše delove i ispitivanje novih materijala.",
    ),
    "it": (
        "customer",
        "Manufacturers who want to digitise production, sales or logistics.",
        "Proizvođači koji žele da digitalizuju proizvodnju, prodaju ili logistiku.",
    ),
    "metal-processing": (
        "customer",
        "Buyers of steel structures and machine parts in Serbia and the region.",
        "Kupci čeličnih konstrukcija i delova mašina u Srbiji i regionu.",
    ),
    "agriculture-food": (
        "customer",
        "Hotels, restaurants and shops that want local food on a steady contract.",
        "Hoteli, restorani i prodavnice koji žele domaću hranu po stalnom ugovoru.",
    ),
    "wood-processing": (
        "customer",
        "Hotels and builders furnishing rooms, offices and public buildings.",
        "Hoteli i graditelji koji opremaju sobe, kancelarije i javne zgrade.",
    ),
    "recycling": (
        "supplier",
        "Factories and municipalities with regular industrial or packaging waste.",
        "Fabrike i opštine sa redovnim industrijskim ili ambalažnim otpadom.",
    ),
    "construction": (
        "supplier",
        "Suppliers of wood, steel and insulation for building projects.",
        "Dobavljači drveta, čelika i izolacije za građevinske projekte.",
    ),
    "leather-footwear": (
        "customer",
        "Retail chains and online shops for Serbian-made footwear.",
        "Trgovinski lanci i onlajn prodavnice za obuću proizvedenu u Srbiji.",
    ),
    "tourism": (
        "cooperation_request",
        "Local producers of food, wine and crafts for guests' tours and gifts.",
        "Lokalni proizvođači hrane, vina i rukotvorina za ture i poklone gostima.",
    ),
    "chemical-plastics": (
        "supplier",
        "A steady supply of sorted recycled plastic.",
        "Stalno snabdevanje sortiranom recikliranom plastikom.",
    ),
    "textile-fashion": (
        "customer",
        "Companies that need workwear and promotional clothing.",
        "Firme kojima treba radna i promotivna odeća.",
    ),
    "business-services": (
        "cooperation_request",
        "Companies and clusters ready for a joint EU project application.",
        "Firme i klasteri spremni za zajedničku prijavu na EU projekat.",
    ),
}
# Sectors the tables above do not name answer as these do.
SECTOR_LIKE = {
    "med-biotech": "tourism",
    "education-knowledge": "business-services",
    "web3-blockchain": "it",
    "agri-food-tech": "agriculture-food",
    "gaming-vr": "it",
}

# The requests, by position in PARTICIPANTS: each asks the next one and the one five places
# on (accepted), and every third also the one eleven places on (left waiting for an answer).
ACCEPTED_STEPS = (1, 5)
PENDING_STEP = 11


def club_event(today: datetime.date | None = None) -> EventPage | None:
    """The demo's Business Cluster Club (its English page), when ``seed_demo`` wrote it."""
    today = today or timezone.localdate()
    slugs = [spec["slug"] for spec in events(today) if spec["series"] == CLUB_SERIES]
    return (
        EventPage.objects.filter(slug__in=slugs, locale__language_code="en")
        .order_by("start")
        .first()
    )


def _ensure_session(event: EventPage) -> tuple[B2BSession, bool]:
    session = B2BSession.objects.filter(event=event).first()
    if session is not None:
        return session, False
    agenda_item = event.sessions.filter(title=AGENDA_ITEM).first()
    first_slot = agenda_item.starts_at if agenda_item else event.start + datetime.timedelta(hours=1)
    session = B2BSession(
        event=event,
        agenda_session=agenda_item,
        enabled=True,
        first_slot_start=first_slot,
        slot_minutes=20,
        slot_count=9,
        break_slots=[4],
        table_count=20,
        requests_close=first_slot - datetime.timedelta(days=1),
    )
    ticket_types = list(event.ticket_types.filter(name=B2B_TICKET))
    return b2b.b2b_session_save(session=session, ticket_types=ticket_types), True


def _account(email: str, first_name: str, last_name: str, organisation: Organisation):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_model(
            username=email.split("@")[0], email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    OrganisationUser.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": "member"}
    )
    return user


def _registration(ticket_type, user, name, organisation, language) -> tuple[object, bool]:
    existing = Registration.objects.filter(
        ticket_type=ticket_type, email__iexact=user.email, status__in=Registration.ATTENDING
    ).first()
    if existing is not None:
        return existing, False
    registration = services.registration_create(
        ticket_type=ticket_type,
        name=name,
        email=user.email,
        organisation_name=organisation.name,
        user=user,
        is_member=True,
        language=language,
    )
    return registration, True


def _items(organisation: Organisation, language: str) -> list:
    sectors = list(organisation.sectors.order_by("pk"))
    items = []
    for sector in sectors[:2]:
        key = SECTOR_LIKE.get(sector.slug, sector.slug)
        for direction, table in (("offer", OFFERS), ("seek", SEEKS)):
            if key not in table:
                continue
            kind, english, latin = table[key]
            items.append(
                b2b.ItemData(
                    direction=direction,
                    kind=kind,
                    text=latin if language == "sr-latn" else english,
                    sectors=[sector],
                )
            )
    return items


def _ensure_profile(session, registration, organisation, language) -> bool:
    """The participant's profile with their offers and needs; True when they were written."""
    profile = b2b.b2b_profile_get_or_create(session=session, registration=registration)
    if profile.items.exists():
        return False
    b2b.b2b_profile_update(
        profile=profile,
        description=profile.description,
        region=profile.region,
        sectors=list(profile.sectors.all()),
        technology_fields=list(profile.technology_fields.all()),
        languages=list(profile.languages or ["sr", "en"]),
        max_meetings=None,
        available_slots=None,
        is_visible=True,
        items=_items(organisation, language),
    )
    return True


def _requests(session, profiles: list) -> tuple[int, int]:
    """Send the demo's requests between people who have none yet, and accept those meant to
    be accepted; (sent, accepted)."""
    if session.requests_state(timezone.now()) != "open":
        return 0, 0
    sent = accepted = 0
    count = len(profiles)
    for index, sender in enumerate(profiles):
        wanted = [(step, True) for step in ACCEPTED_STEPS]
        if index % 3 == 0:
            wanted.append((PENDING_STEP, False))
        for step, accept in wanted:
            recipient = profiles[(index + step) % count]
            if recipient.pk == sender.pk or recipient.organisation_id == sender.organisation_id:
                continue
            between = MeetingRequest.objects.filter(
                Q(from_profile=sender, to_profile=recipient)
                | Q(from_profile=recipient, to_profile=sender)
            )
            if between.exists():
                continue
            try:
                request = b2b.meeting_request_send(
                    from_profile=sender, to_profile=recipient, message=""
                )
                sent += 1
                if accept:
                    accepted += b2b.meeting_request_accept(request=request, by_profile=recipient)
            except b2b.B2BError:
                # A rule the services keep (a cap, a closed window): the demo goes without.
                continue
    return sent, accepted


@transaction.atomic
def seed_b2b(today: datetime.date | None = None) -> str:
    """The club's B2B meetings; a one-line summary."""
    event = club_event(today)
    if event is None:
        return "B2B meetings: skipped (no Business Cluster Club in this demo)."
    ticket_type = event.ticket_types.filter(name=B2B_TICKET).first()
    if ticket_type is None:
        return "B2B meetings: skipped (the club has no B2B ticket)."
    session, session_created = _ensure_session(event)
    organisations = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(
            slug__in={slug for slug, *_rest in PARTICIPANTS}
        )
    }
    latin = Locale.objects.filter(language_code="sr-latn").exists()
    profiles, registered, written = [], 0, 0
    for slug, first_name, last_name, language in PARTICIPANTS:
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        language = language if latin else "en"
        email = f"{_ascii(first_name)}.{_ascii(last_name)}@{slug}.example"
        user = _account(email, first_name, last_name, organisation)
        registration, made = _registration(
            ticket_type, user, f"{first_name} {last_name}", organisation, language
        )
        registered += made
        written += _ensure_profile(session, registration, organisation, language)
        profiles.append(b2b.b2b_profile_get_or_create(session=session, registration=registration))
    sent, accepted = _requests(session, profiles)
    scheduled = ""
    session.refresh_from_db()
    if session.scheduled_at is None and accepted:
        result = b2b.b2b_schedule(session=session, time_limit=5)
        scheduled = f", {result.placed} meetings placed"
    return (
        f"B2B meetings: session {'created' if session_created else 'unchanged'}, "
        f"{len(profiles)} participants ({registered} registered, {written} profiles written), "
        f"{sent} requests sent ({accepted} accepted){scheduled}."
    )


_ASCII = str.maketrans(
    {"č": "c", "ć": "c", "đ": "dj", "š": "s", "ž": "z", "Č": "C", "Ć": "C", "Đ": "Dj"}
    | {"Š": "S", "Ž": "Z"}
)


def _ascii(name: str) -> str:
    """A name as it goes into a demo address: plain letters, lower case."""
    return name.translate(_ASCII).lower()
