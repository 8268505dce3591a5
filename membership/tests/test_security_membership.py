"""Abuse around applying, renewing and paying: ids out of range, renewals clicked twice or
at once, Stripe out of reach, applications by the hundred."""

import datetime
import socket
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from membership import services
from membership.models import Application, Membership, Organisation
from payments.models import Payment
from tests.factories import (
    MembershipLevelFactory,
    MembershipPageFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    ensure_locales,
    ensure_wagtail_base,
    verified_user,
)
from tests.harness import run_together

HUGE = "99999999999999999999999"


# --- applying ------------------------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.django_db
def test_apply_ignores_a_level_out_of_range_in_the_query_string(client, home_page):
    MembershipPageFactory(parent=home_page)
    MembershipLevelFactory(name="Network membership")
    client.force_login(verified_user())

    response = client.get("/membership/apply/", {"level": HUGE})

    assert response.status_code == 200
    assert response.context["form"].initial.get("level") is None


@pytest.mark.sqlite
def test_a_new_organisation_without_a_kind_is_a_form_error_at_any_level(client, home_page):
    MembershipPageFactory(parent=home_page)
    level = MembershipLevelFactory(name="Friend", audience="people")
    client.force_login(verified_user())

    response = client.post(
        "/membership/apply/",
        {
            "level": level.pk,
            "organisation": "",
            "new_name": "New Cluster",
            "motivation": "We want to join.",
        },
    )

    assert response.status_code == 200
    assert "new_kind" in response.context["form"].errors
    assert not Application.objects.exists()
    assert not Organisation.objects.filter(name="New Cluster").exists()


# --- renewals ------------------------------------------------------------------------------


def _active_membership(level, *, user=None, today=None):
    user = user or verified_user()
    organisation = OrganisationFactory()
    OrganisationUserFactory(user=user, organisation=organisation, role="admin")
    membership = Membership.objects.create(
        organisation=organisation, person=user, level=level, status=Membership.Status.ACTIVE
    )
    today = today or datetime.date.today()
    membership.starts_on = today - datetime.timedelta(days=300)
    membership.ends_on = today + datetime.timedelta(days=64)
    membership.save()
    return membership


def _periods(membership):
    return Membership.objects.filter(organisation=membership.organisation)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_renewing_a_free_level_twice_adds_one_year_not_two():
    level = MembershipLevelFactory(yearly_price=Decimal("0"))
    membership = _active_membership(level)

    first = services.membership_renew(membership=membership, user=membership.person)
    with pytest.raises(ValidationError):
        services.membership_renew(membership=membership, user=membership.person)
    with pytest.raises(ValidationError):
        services.membership_renew(membership=first, user=membership.person)

    assert first.status == Membership.Status.ACTIVE
    assert first.starts_on == membership.ends_on + datetime.timedelta(days=1)
    assert _periods(membership).count() == 2


@pytest.mark.django_db
def test_renewing_at_a_level_no_longer_offered_is_refused():
    level = MembershipLevelFactory(yearly_price=Decimal("0"), is_active=False)
    membership = _active_membership(level)

    with pytest.raises(ValidationError):
        services.membership_renew(membership=membership, user=membership.person)

    assert _periods(membership).count() == 1


@pytest.mark.django_db
def test_renewing_a_paid_level_twice_keeps_one_renewal_waiting_for_payment():
    level = MembershipLevelFactory(yearly_price=Decimal("120.00"))
    membership = _active_membership(level)

    first = services.membership_renew(membership=membership, user=membership.person)
    second = services.membership_renew(membership=membership, user=membership.person)

    assert first.pk == second.pk
    assert first.status == Membership.Status.PENDING_PAYMENT
    assert _periods(membership).count() == 2


@pytest.mark.sqlite
@pytest.mark.django_db
def test_renew_button_twice_on_a_free_level_says_it_is_renewed_already(client):
    level = MembershipLevelFactory(yearly_price=Decimal("0"))
    membership = _active_membership(level)
    client.force_login(membership.person)

    client.post(f"/dashboard/memberships/{membership.pk}/renew/")
    response = client.post(f"/dashboard/memberships/{membership.pk}/renew/", follow=True)

    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert _periods(membership).count() == 2


@pytest.mark.django_db
def test_the_database_holds_at_most_one_renewal_waiting_for_payment():
    level = MembershipLevelFactory(yearly_price=Decimal("120.00"))
    membership = _active_membership(level)
    waiting = {
        "organisation": membership.organisation,
        "level": level,
        "status": Membership.Status.PENDING_PAYMENT,
    }
    Membership.objects.create(**waiting)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(**waiting)


def _renew_at_once(membership, count):
    outcomes = run_together(
        lambda number: services.membership_renew(membership=membership, user=membership.person).pk,
        count,
    )
    for number, outcome in enumerate(outcomes):
        if isinstance(outcome, ValidationError):
            outcomes[number] = "refused"
        elif isinstance(outcome, Exception):
            raise outcome
    return outcomes


@pytest.fixture
def committed_base(transactional_db):
    ensure_wagtail_base()
    ensure_locales()


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("120.00")])
def test_renewals_at_the_same_moment_make_one_renewal(committed_base, price):
    level = MembershipLevelFactory(yearly_price=price)
    membership = _active_membership(level)

    outcomes = _renew_at_once(membership, 8)

    assert None not in outcomes
    assert _periods(membership).count() == 2
    renewals = _periods(membership).exclude(pk=membership.pk)
    assert renewals.get().starts_on in (None, membership.ends_on + datetime.timedelta(days=1))


# --- paying while Stripe is out of reach ---------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_paying_when_stripe_is_unreachable_says_so_and_changes_nothing(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_unreachable"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"
    level = MembershipLevelFactory(yearly_price=Decimal("120.00"))
    user = verified_user()
    membership = Membership.objects.create(
        person=user, level=level, status=Membership.Status.PENDING_PAYMENT
    )
    client.force_login(user)

    response = client.post(f"/dashboard/memberships/{membership.pk}/pay/", follow=True)

    assert response.status_code == 200
    assert "payment service" in response.content.decode().lower()
    assert Payment.objects.count() == 0
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING_PAYMENT


# --- applications by the hundred -----------------------------------------------------------


@pytest.mark.django_db
def test_applying_too_often_answers_429_and_files_nothing_more(client, home_page, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "apply": {"ip": "50/h", "address": "3/h"}}
    MembershipPageFactory(parent=home_page)
    level = MembershipLevelFactory(name="Network membership")
    client.force_login(verified_user())
    answers = []
    for number in range(4):
        response = client.post(
            "/membership/apply/",
            {
                "level": level.pk,
                "motivation": "We want to cooperate.",
                "new_name": f"Cluster {number}",
                "new_kind": "cluster",
            },
        )
        answers.append(response.status_code)

    assert answers == [302, 302, 302, 429]
    assert Application.objects.count() == 3
    assert Organisation.objects.count() == 3
