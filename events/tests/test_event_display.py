"""How an event page prints its agenda days and venue, and when the registration form speaks
of paying by card."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from tests.factories import EventIndexPageFactory, EventPageFactory, translate_page

pytestmark = pytest.mark.django_db

BELGRADE = ZoneInfo("Europe/Belgrade")
FRIDAY = datetime.datetime(2027, 10, 8, 9, 30, tzinfo=BELGRADE)


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(parent=home_page)


def _two_day_event(index, **fields):
    return EventPageFactory(
        parent=index,
        title="Days of Clusters",
        slug="days-of-clusters",
        start=FRIDAY,
        end=FRIDAY + datetime.timedelta(days=1, hours=8),
        sessions=[
            {"title": "Opening", "starts_at": FRIDAY},
            {"title": "Study visit", "starts_at": FRIDAY + datetime.timedelta(days=1)},
        ],
        **fields,
    )


def _days(content: str) -> list[str]:
    return re.findall(r'<li class="agenda__day"><h3>(.*?)</h3></li>', content)


def _where(content: str) -> str:
    return re.search(r"<dd>(.*?)</dd>", content.split(">Where</dt>", 1)[1], re.S).group(1)


def test_a_multi_day_agenda_names_each_day_in_english(client, index):
    event = _two_day_event(index)

    days = _days(client.get(event.url).content.decode())

    assert days == ["Friday, Oct. 8, 2027", "Saturday, Oct. 9, 2027"]


def test_a_multi_day_agenda_names_each_day_in_serbian(client, home_page, index):
    event = _two_day_event(index)
    translate_page(home_page, "sr-latn")
    translate_page(index, "sr-latn", slug="dogadjaji")
    translate_page(event, "sr-latn", slug="dani-klastera")

    latin = _days(client.get("/sr-latn/dogadjaji/dani-klastera/").content.decode())
    cyrillic = _days(client.get("/sr/dogadjaji/dani-klastera/").content.decode())

    assert latin == ["petak, 8. oktobar 2027.", "subota, 9. oktobar 2027."]
    assert cyrillic == ["петак, 8. октобар 2027.", "субота, 9. октобар 2027."]


@pytest.mark.parametrize(
    ("venue_name", "address", "city", "lines"),
    [
        ("Cluster House", "Niš", "Niš", ["Cluster House", "Niš"]),
        (
            "Chamber",
            "Resavska 13-15, 11000 Beograd",
            "Beograd",
            ["Chamber", "Resavska 13-15, 11000 Beograd"],
        ),
        ("Klaster kuća", "Obrenovićeva 38", "Ниш", ["Klaster kuća", "Obrenovićeva 38", "Ниш"]),
        ("", "", "Novi Sad", ["Novi Sad"]),
    ],
)
def test_where_names_the_city_once(client, index, venue_name, address, city, lines):
    event = EventPageFactory(parent=index, venue_name=venue_name, address=address, city=city)

    where = _where(client.get(event.url).content.decode())

    assert where.split("<br>") == lines


def test_the_note_on_paying_by_card_only_where_a_ticket_costs(client, index):
    free = EventPageFactory(parent=index, slug="free", ticket_types=[{"name": "Participant"}])
    paid = EventPageFactory(
        parent=index,
        slug="paid",
        ticket_types=[{"name": "Participant"}, {"name": "Dinner", "price": "40.00"}],
    )

    free_form = client.get(f"{free.url}register/").content.decode()
    paid_form = client.get(f"{paid.url}register/").content.decode()

    assert "paid by card" not in free_form
    assert "Participant" in free_form  # the form itself is there
    assert "paid by card" in paid_form
