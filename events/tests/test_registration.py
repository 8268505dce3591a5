"""Registration rules: who gets a place, a hold or the waiting list, and every refusal
leaves the data unchanged."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services
from events.models import Registration, TicketType
from membership.models import Membership
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MembershipLevelFactory,
    translate_page,
    verified_user,
)

Status = Registration.Status


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(parent=home_page)


def _event(index, **ticket):
    page = EventPageFactory(parent=index, ticket_types=[ticket])
    return page, page.ticket_types.get()


def _member(email="member@cluster.example"):
    user = verified_user(email=email)
    Membership.objects.create(
        person=user, level=MembershipLevelFactory(), status=Membership.Status.ACTIVE
    )
    return user


def _register(ticket, email, **kwargs):
    return services.registration_create(
        ticket_type=ticket, name=kwargs.pop("name", "Ana Petrović"), email=email, **kwargs
    )


@pytest.mark.django_db
def test_signed_in_person_gets_a_free_place_confirmed_at_once(index):
    _page, ticket = _event(index, capacity=5)
    user = verified_user(email="ana@cluster.example")
    registration = _register(ticket, "ana@cluster.example", user=user)
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert registration.user == user


@pytest.mark.django_db
def test_the_public_hold_a_free_place_until_they_confirm_their_e_mail(index):
    _page, ticket = _event(index, capacity=5)
    registration = _register(ticket, "guest@example.org")
    assert registration.status == Status.PENDING_EMAIL
    assert registration.hold_expires_at > timezone.now()
    services.registration_confirm_email(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.email_confirmed


@pytest.mark.django_db
def test_when_full_people_go_to_the_waiting_list_or_are_refused_without_one(index):
    _page, ticket = _event(index, capacity=1)
    user = verified_user(email="first@example.org")
    assert _register(ticket, "first@example.org", user=user).status == Status.CONFIRMED
    assert _register(ticket, "second@example.org").status == Status.WAITLISTED

    _page, no_list = _event(index, capacity=1, waiting_list=False)
    _register(no_list, "first@example.org", user=user)
    with pytest.raises(services.RegistrationError, match="sold out"):
        _register(no_list, "third@example.org")
    assert Registration.objects.filter(ticket_type=no_list).count() == 1


@pytest.mark.django_db
def test_a_paid_ticket_holds_the_place_pending_payment_at_the_member_price(index):
    _page, ticket = _event(index, capacity=3, price=Decimal("50.00"), member_price=Decimal("20.00"))
    member = _member()
    registration = _register(ticket, member.email, user=member, is_member=True)
    assert registration.status == Status.PENDING_PAYMENT
    assert registration.price == Decimal("20.00") and registration.is_member_price
    public = _register(ticket, "guest@example.org")
    assert public.status == Status.PENDING_PAYMENT and public.price == Decimal("50.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ticket_fields", "event_days", "message"),
    [
        ({"sale_starts": timezone.now() + datetime.timedelta(days=1)}, 30, "not opened"),
        ({"sale_ends": timezone.now() - datetime.timedelta(hours=1)}, 30, "closed"),
        ({"members_only": True}, 30, "members"),
        ({}, -2, "already started or taken place"),
    ],
)
def test_refusals_leave_nothing_behind(index, ticket_fields, event_days, message):
    start = timezone.now() + datetime.timedelta(days=event_days)
    page = EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=3),
        ticket_types=[{"capacity": 5, **ticket_fields}],
    )
    with pytest.raises(services.RegistrationError, match=message):
        _register(page.ticket_types.get(), "guest@example.org")
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_same_address_cannot_register_twice_for_a_ticket_type_whatever_its_case(index):
    _page, ticket = _event(index, capacity=5)
    _register(ticket, "Ana@Cluster.example")
    with pytest.raises(services.RegistrationError, match="already registered"):
        _register(ticket, "ana@cluster.EXAMPLE")
    assert Registration.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("Ana", "not-an-address", "valid e-mail"),
        ("Ana\r\nBcc: x@example.org", "a@example.org", "line breaks"),
        ("   ", "a@example.org", "your name"),
    ],
)
def test_bad_details_are_refused(index, name, email, message):
    _page, ticket = _event(index, capacity=5)
    with pytest.raises(services.RegistrationError, match=message):
        _register(ticket, email, name=name)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_cancelling_a_free_place_confirms_the_first_person_waiting(index):
    _page, ticket = _event(index, capacity=1)
    user = verified_user(email="first@example.org")
    first = _register(ticket, "first@example.org", user=user)
    waiting_user = verified_user(email="second@example.org")
    second = _register(ticket, "second@example.org", user=waiting_user)
    third = _register(ticket, "third@example.org")
    assert [second.status, third.status] == [Status.WAITLISTED, Status.WAITLISTED]

    services.registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert third.status == Status.WAITLISTED


@pytest.mark.django_db
def test_a_paid_place_freed_is_offered_with_a_payment_deadline(index):
    _page, ticket = _event(index, capacity=1, price=Decimal("30.00"))
    first = _register(ticket, "first@example.org")
    second = _register(ticket, "second@example.org")
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == Status.PENDING_PAYMENT
    assert second.hold_expires_at > timezone.now() + datetime.timedelta(hours=23)


@pytest.mark.django_db
def test_expired_holds_are_released_and_the_place_goes_to_the_waiting_list(index):
    _page, ticket = _event(index, capacity=1, price=Decimal("30.00"))
    holder = _register(ticket, "holder@example.org")
    waiting = _register(ticket, "waiting@example.org")
    later = holder.hold_expires_at + services.RELEASE_GRACE + datetime.timedelta(seconds=1)
    assert services.holds_release_expired(now=holder.hold_expires_at) == 0
    assert services.holds_release_expired(now=later) == 1
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Status.EXPIRED
    assert waiting.status == Status.PENDING_PAYMENT
    assert not holder.accepts_payment(None)


@pytest.mark.django_db
def test_a_translation_counts_its_places_on_the_original_ticket_type(index, locales):
    page, ticket = _event(index, capacity=1)
    translate_page(index.get_parent().specific, "sr")
    translate_page(index, "sr")
    translated = translate_page(page, "sr")
    [copy] = translated.ticket_types.all()
    assert copy.pk != ticket.pk and copy.translation_key == ticket.translation_key
    first = _register(copy, "first@example.org", user=verified_user(email="first@example.org"))
    second = _register(ticket, "second@example.org")
    assert first.ticket_type_id == ticket.pk and first.event_id == page.pk
    assert second.status == Status.WAITLISTED


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_too_long_gives_busy_not_an_error(index, settings):
    settings.EVENTS_LOCK_TIMEOUT_MS = 200
    _page, ticket = _event(index, capacity=5)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with transaction.atomic():
            TicketType.objects.select_for_update().get(pk=ticket.pk)
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(10)
    try:
        with pytest.raises(services.RegistrationBusy, match="try again"):
            _register(ticket, "guest@example.org")
    finally:
        release.set()
        holder.join()
    assert not Registration.objects.exists()
    assert _register(ticket, "guest@example.org").status == Status.PENDING_EMAIL


@pytest.mark.django_db
def test_reminders_go_once_to_confirmed_people_the_day_before(
    index, django_capture_on_commit_callbacks
):
    start = timezone.now() + datetime.timedelta(hours=20)
    page = EventPageFactory(
        parent=index,
        start=start,
        end=start + datetime.timedelta(hours=4),
        ticket_types=[{"capacity": 5}],
    )
    ticket = page.ticket_types.get()
    confirmed = _register(ticket, "a@example.org", user=verified_user(email="a@example.org"))
    _register(ticket, "held@example.org")
    later = EventPageFactory(parent=index, ticket_types=[{"capacity": 5}])
    _register(later.ticket_types.get(), "a@example.org", user=confirmed.user)

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.reminders_send() == 1
    assert len(callbacks) == 1
    assert services.reminders_send() == 0
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None


@pytest.mark.django_db
def test_the_ticket_types_lock_is_held_for_the_count_and_one_insert_only(
    index, django_capture_on_commit_callbacks
):
    """Everyone registering for a ticket type waits for its lock: between taking it and the
    end of the transaction there are only the count of places and the new row. The address's
    own registration is read before the lock, the mail queued after the commit."""
    _page, ticket = _event(index, capacity=5)
    user = verified_user(email="ana@cluster.example")

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        registration = _register(ticket, "ana@cluster.example", user=user)

    sqls = [query["sql"] for query in queries]
    locked = next(i for i, sql in enumerate(sqls) if "FOR UPDATE" in sql)
    released = next(i for i, sql in enumerate(sqls) if i > locked and "SAVEPOINT" in sql)
    under_lock = sqls[locked + 1 : released]
    assert len(under_lock) == 2, under_lock
    assert under_lock[0].startswith("SELECT COUNT(")
    assert under_lock[1].startswith('INSERT INTO "events_registration"')
    assert registration.status == Status.CONFIRMED
    # The confirmation, queued for the worker, and the bump of the event page's places tag.
    assert len(callbacks) == 2
