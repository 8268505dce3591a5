"""Demo events, from the source documents: the Days of Clusters conference every October in
Niš, Balkan Cluster Day (held in Niš on 25 March 2016), the Business Cluster Clubs with
their B2B meetings, and the training centre for cluster development at Cluster House.

Dates of future editions are computed from today, so a demo always has upcoming events.
Texts are our own words.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

SERIES = [
    {
        "slug": "days-of-clusters",
        "names": {"en": "Days of Clusters", "sr-latn": "Dani klastera"},
        "descriptions": {
            "en": "The international cluster conference held every October in Niš.",
            "sr-latn": "Međunarodna klasterska konferencija koja se održava svakog oktobra u Nišu.",
        },
    },
    {
        "slug": "balkan-cluster-day",
        "names": {
            "en": "Balkan Cluster Day",
            "sr-latn": "Balkanski dan klastera",
        },
        "descriptions": {
            "en": "Clusters of the Balkan and Black Sea region meet in Niš.",
            "sr-latn": "Klasteri regiona Balkana i Crnog mora sastaju se u Nišu.",
        },
    },
    {
        "slug": "business-cluster-club",
        "names": {
            "en": "Business Cluster Club",
            "sr-latn": "Poslovni klaster klub",
        },
        "descriptions": {
            "en": "Regular meetings of cluster members with B2B matchmaking.",
            "sr-latn": "Redovni susreti članica klastera sa B2B sastancima.",
        },
    },
    {
        "slug": "training",
        "names": {"en": "Training", "sr-latn": "Obuka"},
        "descriptions": {
            "en": "Courses of the training centre for cluster development.",
            "sr-latn": "Kursevi Trening centra za razvoj klastera.",
        },
    },
    {
        "slug": "fair",
        "names": {"en": "Fair", "sr-latn": "Sajam"},
        "descriptions": {
            "en": "Trade fairs and exhibitions where clusters present their members.",
            "sr-latn": "Sajmovi i izložbe na kojima klasteri predstavljaju svoje članice.",
        },
    },
]

SPEAKERS = [
    {
        "name": "Cluster House team",
        "role": "Facilitation manager of the Serbian Cluster Network",
        "organisation": "cluster-house",
        "bio": "Coordinates the network of Serbian cluster organisations and the Balkan Cluster "
        "platform for cross-border cooperation between Serbia and Bulgaria.",
    },
    {
        "name": "VOICT cluster manager",
        "role": "Cluster manager",
        "organisation": "voict",
        "bio": "Runs the ICT cluster of Vojvodina and its international projects.",
    },
    {
        "name": "SCAN secretariat",
        "role": "Serbian Cluster Association",
        "organisation": "",
        "bio": "The umbrella association of Serbian clusters, founded by seven clusters.",
    },
]

NIS = {
    "venue_name": "Cluster House",
    "address": "Niš",
    "city": "Niš",
    "latitude": Decimal("43.320900"),
    "longitude": Decimal("21.895800"),
}
BELGRADE = {
    "venue_name": "Chamber of Commerce and Industry of Serbia",
    "address": "Resavska 13-15",
    "city": "Belgrade",
    "latitude": Decimal("44.806300"),
    "longitude": Decimal("20.464900"),
}

# The same places in Serbian, for the translations of the events.
NIS_SR_LATN = {"venue_name": "Klaster kuća", "address": "Niš", "city": "Niš"}
BELGRADE_SR_LATN = {
    "venue_name": "Privredna komora Srbije",
    "address": "Resavska 13-15",
    "city": "Beograd",
}
MONTHS_SR_LATN = (
    "januar",
    "februar",
    "mart",
    "april",
    "maj",
    "jun",
    "jul",
    "avgust",
    "septembar",
    "oktobar",
    "novembar",
    "decembar",
)

# The events ``seed_demo --subset`` (the tests) writes: those of these series, the coming and
# the last Days of Clusters.
SUBSET_SERIES = ("days-of-clusters",)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _next(month: int, day: int, today: datetime.date) -> datetime.date:
    candidate = datetime.date(today.year, month, day)
    return candidate if candidate > today else datetime.date(today.year + 1, month, day)


def events(today: datetime.date) -> list[dict]:
    """The demo events for a demo run on ``today``."""
    october = _next(10, 15, today)
    last_october = datetime.date(october.year - 1, 10, 15)
    march = _next(3, 25, today)
    club_day = today + datetime.timedelta(days=21)
    training_day = today + datetime.timedelta(days=45)
    return [
        {
            "slug": f"days-of-clusters-{october.year}",
            "title": f"Days of Clusters {october.year}",
            "sr-latn": {
                "slug": f"dani-klastera-{october.year}",
                "tickets": [
                    ("Kotizacija za konferenciju", ""),
                    ("Delegacija članice", "Besplatno za klastere članice, dve osobe po klasteru."),
                ],
                "sessions": [
                    ("Otvaranje: klasteri u regionu Balkana i Crnog mora", "Velika sala"),
                    ("Klasteri i digitalna transformacija", "Velika sala"),
                    ("B2B sastanci članica klastera", "Sala B"),
                    ("Finansiranje klasterskih projekata: pozivi i partneri", "Velika sala"),
                ],
                "partners": [("Klaster kuća",), ("Srpska klasterska asocijacija",)],
                "title": f"Dani klastera {october.year}",
                "intro": "Međunarodna oktobarska konferencija klasterske mreže u Nišu: dva dana "
                "predavanja, radionica i B2B sastanaka klastera iz regiona.",
                **NIS_SR_LATN,
            },
            "series": "days-of-clusters",
            "event_type": "conference",
            "start": _at(october, 9),
            "end": _at(october + datetime.timedelta(days=1), 17),
            "intro": "The international October conference of the cluster network in Niš: "
            "two days of talks, workshops and B2B meetings between clusters of the region.",
            "image": "days-of-clusters",
            **NIS,
            "tickets": [
                {
                    "name": "Conference pass",
                    "price": Decimal("60.00"),
                    "member_price": Decimal("30.00"),
                    "capacity": 250,
                },
                {
                    "name": "Member delegation",
                    "price": Decimal("0.00"),
                    "capacity": 50,
                    "members_only": True,
                    "description": "Free for member clusters, two people per cluster.",
                },
            ],
            "sessions": [
                (
                    0,
                    9,
                    30,
                    "Opening: clusters in the Balkan and Black Sea region",
                    "Main hall",
                    ["Cluster House team", "SCAN secretariat"],
                ),
                (
                    0,
                    11,
                    0,
                    "Clusters and digital transformation",
                    "Main hall",
                    ["VOICT cluster manager"],
                ),
                (0, 14, 0, "B2B meetings between cluster members", "Hall B", []),
                (
                    1,
                    10,
                    0,
                    "Funding for cluster projects: calls and partners",
                    "Main hall",
                    ["Cluster House team"],
                ),
            ],
            "partners": [
                ("organiser", "Cluster House"),
                ("partner", "Serbian Cluster Association"),
            ],
        },
        {
            "slug": f"days-of-clusters-{last_october.year}",
            "title": f"Days of Clusters {last_october.year}",
            "sr-latn": {
                "slug": f"dani-klastera-{last_october.year}",
                "partners": [("Klaster kuća",)],
                "title": f"Dani klastera {last_october.year}",
                "intro": "Prošlogodišnja oktobarska konferencija u Nišu okupila je klastere, "
                "institucije i međunarodne partnere.",
                **NIS_SR_LATN,
            },
            "series": "days-of-clusters",
            "event_type": "conference",
            "start": _at(last_october, 9),
            "end": _at(last_october + datetime.timedelta(days=1), 17),
            "intro": "Last year's October conference in Niš brought together clusters, "
            "institutions and international partners.",
            "image": "days-of-clusters",
            **NIS,
            "tickets": [],
            "sessions": [],
            "partners": [("organiser", "Cluster House")],
        },
        {
            "slug": "balkan-cluster-day-2016",
            "title": "Balkan Cluster Day 2016",
            "sr-latn": {
                "slug": "balkanski-dan-klastera-2016",
                "partners": [("Klaster kuća",)],
                "title": "Balkanski dan klastera 2016",
                "intro": "Klasteri iz Srbije i regiona sastali su se 25. marta 2016. u Nišu da "
                "rade na prekograničnoj saradnji.",
                **NIS_SR_LATN,
            },
            "series": "balkan-cluster-day",
            "event_type": "conference",
            "start": _at(datetime.date(2016, 3, 25), 10),
            "end": _at(datetime.date(2016, 3, 25), 17),
            "intro": "Clusters from Serbia and the region met in Niš on 25 March 2016 to work on "
            "cross-border cooperation.",
            "image": "balkan-cluster-day",
            **NIS,
            "tickets": [],
            "sessions": [],
            "partners": [("organiser", "Cluster House")],
        },
        {
            "slug": f"balkan-cluster-day-{march.year}",
            "title": f"Balkan Cluster Day {march.year}",
            "sr-latn": {
                "slug": f"balkanski-dan-klastera-{march.year}",
                "tickets": [("Učesnik", "")],
                "sessions": [
                    ("Prekogranična saradnja klastera: Srbija i Bugarska", "Velika sala"),
                    ("Povezivanje klastera iz regiona", "Sala B"),
                ],
                "partners": [("Klaster kuća",)],
                "title": f"Balkanski dan klastera {march.year}",
                "intro": "Klasteri regiona Balkana i Crnog mora ponovo se sastaju u Nišu da "
                "pokrenu zajedničke projekte i pronađu partnere preko granica.",
                **NIS_SR_LATN,
            },
            "series": "balkan-cluster-day",
            "event_type": "conference",
            "start": _at(march, 10),
            "end": _at(march, 17),
            "intro": "Clusters of the Balkan and Black Sea region meet again in Niš to start "
            "joint projects and find partners across borders.",
            "image": "balkan-cluster-day",
            **NIS,
            "tickets": [{"name": "Participant", "price": Decimal("0.00"), "capacity": 120}],
            "sessions": [
                (
                    0,
                    10,
                    0,
                    "Cross-border cluster cooperation: Serbia and Bulgaria",
                    "Main hall",
                    ["Cluster House team"],
                ),
                (0, 13, 0, "Matchmaking between clusters of the region", "Hall B", []),
            ],
            "partners": [("organiser", "Cluster House")],
        },
        {
            "slug": f"business-cluster-club-{club_day:%Y-%m}",
            "title": f"Business Cluster Club, {club_day:%B %Y}",
            "sr-latn": {
                "slug": f"poslovni-klaster-klub-{club_day:%Y-%m}",
                "tickets": [("Učesnik B2B sastanaka", ""), ("Gost", "")],
                "sessions": [
                    ("Kompanije članice se predstavljaju", "Klub sala"),
                    ("B2B sastanci", "Stolovi 1-20"),
                ],
                "partners": [("Srpska klasterska asocijacija",)],
                "title": f"Poslovni klaster klub, {MONTHS_SR_LATN[club_day.month - 1]} "
                f"{club_day.year}.",
                "intro": "Veče kratkih prezentacija kompanija članica, a zatim unapred "
                "dogovoreni B2B sastanci.",
                **BELGRADE_SR_LATN,
            },
            "series": "business-cluster-club",
            "event_type": "club",
            "start": _at(club_day, 17),
            "end": _at(club_day, 20),
            "intro": "An evening of short presentations by member companies followed by "
            "pre-arranged B2B meetings.",
            "image": "b2b-meetings",
            **BELGRADE,
            "tickets": [
                {
                    "name": "B2B participant",
                    "price": Decimal("0.00"),
                    "capacity": 40,
                    "members_only": True,
                },
                {"name": "Guest", "price": Decimal("10.00"), "capacity": 20},
            ],
            "sessions": [
                (0, 17, 0, "Member companies present themselves", "Club room", []),
                (0, 18, 0, "B2B meetings", "Tables 1-20", []),
            ],
            "partners": [("organiser", "Serbian Cluster Association")],
        },
        {
            "slug": f"cluster-management-training-{training_day:%Y-%m}",
            "title": "Cluster management training",
            "sr-latn": {
                "slug": f"obuka-za-upravljanje-klasterom-{training_day:%Y-%m}",
                "tickets": [("Mesto na kursu", "")],
                "sessions": [
                    ("Šta klasterska organizacija radi za svoje članice", "Učionica"),
                    ("Finansiranje klastera: članarine, projekti, usluge", "Učionica"),
                ],
                "partners": [("Klaster kuća",)],
                "title": "Obuka za upravljanje klasterom",
                "intro": "Jednodnevni kurs Trening centra za razvoj klastera: upravljanje, "
                "usluge za članice i finansiranje klasterske organizacije.",
                **NIS_SR_LATN,
            },
            "series": "training",
            "event_type": "training",
            "start": _at(training_day, 9),
            "end": _at(training_day, 16),
            "intro": "A one-day course of the training centre for cluster development: "
            "governance, services for members and financing of a cluster organisation.",
            "image": "cluster-brochure",
            **NIS,
            "online_url": "https://meet.example.org/cluster-training",
            "tickets": [
                {
                    "name": "Course place",
                    "price": Decimal("80.00"),
                    "member_price": Decimal("40.00"),
                    "capacity": 25,
                    "waiting_list": True,
                },
            ],
            "sessions": [
                (
                    0,
                    9,
                    0,
                    "What a cluster organisation does for its members",
                    "Classroom",
                    ["SCAN secretariat"],
                ),
                (
                    0,
                    13,
                    0,
                    "Financing a cluster: membership, projects, services",
                    "Classroom",
                    ["Cluster House team"],
                ),
            ],
            "partners": [("organiser", "Cluster House")],
        },
    ]


EVENT_INDEX = {
    "title": "Events",
    "listing_summary": "Conferences, cluster clubs, trainings and fairs of the network.",
    "search_description": (
        "Events of the Serbian cluster network: Days of Clusters, Balkan Cluster Day and the "
        "Business Cluster Clubs."
    ),
    "intro": (
        "Register online for the events of the network: the Days of Clusters conference in "
        "Niš every October, Balkan Cluster Day, the Business Cluster Clubs with their B2B "
        "meetings, trainings and fairs."
    ),
}

EVENT_INDEX_SR_LATN = {
    "title": "Događaji",
    "slug": "dogadjaji",
    "listing_summary": "Konferencije, klaster klubovi, obuke i sajmovi mreže.",
    "search_description": (
        "Događaji srpske klasterske mreže: Dani klastera, Balkanski dan klastera i Poslovni "
        "klaster klubovi."
    ),
    "intro": (
        "Prijavite se onlajn za događaje mreže: konferenciju Dani klastera u Nišu svakog "
        "oktobra, Balkanski dan klastera, Poslovne klaster klubove sa B2B sastancima, obuke i "
        "sajmove."
    ),
}
