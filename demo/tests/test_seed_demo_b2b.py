"""The demo's B2B meetings at the Business Cluster Club: thirty participants from the
directory's organisations, profiles with offers and needs in English and Serbian Latin,
accepted and pending requests and a schedule without clashes; seeding again changes nothing.

The subset that the other seed tests share has no club and few organisations, so this module
seeds the subset, then every organisation and event, once for the module."""

import pytest
from django.db import transaction
from django.db.models import Count, Q

from demo.b2b import PARTICIPANTS, club_event, seed_b2b
from demo.cluster_seeder import seed_organisations
from demo.event_seeder import EventSeeder
from demo.seeding import EVERYTHING, References, Report
from demo.tests.snapshot import seed, snapshot
from events.models import (
    B2BProfile,
    B2BSession,
    EventIndexPage,
    Meeting,
    MeetingRequest,
    Registration,
)
from sitesetup.building import ensure_locales

pytestmark = pytest.mark.django_db


def _seed_club() -> str:
    locales = ensure_locales()
    seed_organisations(scope=EVERYTHING, locales=locales)
    refs = References({})
    refs.pages["events"] = EventIndexPage.objects.get(locale__language_code="en")
    report = Report(locale_codes={locale.pk: code for code, locale in locales.items()})
    EventSeeder(locales, refs, report, EVERYTHING).ensure_events()
    return seed_b2b()


@pytest.fixture(scope="module", autouse=True)
def first_run(django_db_setup, django_db_blocker, media_root):
    with django_db_blocker.unblock(), transaction.atomic():
        seed("--subset")
        output = _seed_club()
        yield output
        transaction.set_rollback(True)


def test_the_club_has_thirty_participants_from_the_directory(first_run):
    session = B2BSession.objects.get(event=club_event())
    profiles = B2BProfile.objects.filter(session=session)
    assert profiles.count() == len(PARTICIPANTS) == 30
    assert not profiles.filter(organisation__isnull=True).exists()
    assert set(profiles.values_list("registration__status", flat=True)) == {
        Registration.Status.CONFIRMED
    }
    assert "30 participants (30 registered, 30 profiles written)" in first_run


def test_profiles_offer_and_seek_in_their_organisation_s_sector_in_both_languages(first_run):
    profiles = B2BProfile.objects.annotate(
        offers=Count("items", filter=Q(items__direction="offer")),
        seeks=Count("items", filter=Q(items__direction="seek")),
    )
    assert all(profile.offers and profile.seeks for profile in profiles)
    for profile in profiles.prefetch_related("items__sectors", "organisation__sectors"):
        for item in profile.items.all():
            assert set(item.sectors.all()) <= set(profile.organisation.sectors.all())
    texts = " ".join(B2BProfile.objects.values_list("items__text", flat=True))
    assert "Custom software" in texts and "Softver po meri" in texts


def test_there_are_accepted_and_pending_requests_and_a_clash_free_schedule(first_run):
    statuses = dict(MeetingRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
    assert statuses.get("accepted", 0) >= 30 and statuses.get("pending", 0) >= 5
    session = B2BSession.objects.get()
    assert session.scheduled_at is not None
    meetings = list(Meeting.objects.filter(status=Meeting.Status.PLACED))
    assert len(meetings) == statuses["accepted"]
    seats = [(m.slot, m.table) for m in meetings]
    people = [(m.slot, p) for m in meetings for p in (m.profile_a_id, m.profile_b_id)]
    assert len(set(seats)) == len(seats) and len(set(people)) == len(people)
    assert not {m.slot for m in meetings} & set(session.break_slots)


def test_seeding_again_changes_nothing(first_run):
    before = snapshot()

    again = _seed_club()

    assert snapshot() == before
    assert "session unchanged, 30 participants (0 registered, 0 profiles written)" in again
    assert "0 requests sent (0 accepted)." in again


def test_seed_demo_seeds_the_club_s_meetings_too(first_run):
    output = seed("--subset")
    assert "B2B meetings: session unchanged, 30 participants (0 registered" in output
