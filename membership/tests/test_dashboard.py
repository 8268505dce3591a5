"""The member's dashboard: dates written as on every other page, and "Renew" offered only
once renewal opens (MEMBERSHIP_RENEWAL_OPENS_DAYS before the end) or the membership has
expired; renewing earlier is refused whatever is posted."""

import datetime
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation

from membership.models import Membership
from tests.factories import (
    MembershipLevelFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


def _membership(*, days_left: int, status=Membership.Status.ACTIVE, user=None, price="120.00"):
    """A year-long membership of an organisation the user administers, ending in
    ``days_left`` days (negative: ended that long ago)."""
    user = user or verified_user()
    organisation = OrganisationFactory()
    OrganisationUserFactory(user=user, organisation=organisation, role="admin")
    ends_on = timezone.localdate() + datetime.timedelta(days=days_left)
    return Membership.objects.create(
        organisation=organisation,
        person=user,
        level=MembershipLevelFactory(yearly_price=Decimal(price)),
        status=status,
        starts_on=ends_on - datetime.timedelta(days=364),
        ends_on=ends_on,
    )


def _renew_url(membership) -> str:
    return f'action="/dashboard/memberships/{membership.pk}/renew/"'


@pytest.mark.sqlite
@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("sr-latn", "/sr-latn")])
def test_the_dashboard_writes_dates_in_the_site_date_format(client, home_page, language, prefix):
    membership = _membership(days_left=200)
    client.force_login(membership.person)

    content = client.get(f"{prefix}/dashboard/").content.decode()

    with translation.override(language):
        long_dates = [
            formats.date_format(membership.starts_on),
            formats.date_format(membership.ends_on),
        ]
        short = formats.date_format(membership.starts_on, "SHORT_DATE_FORMAT")
    assert f"{long_dates[0]} – {long_dates[1]}" in content
    assert short not in content


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("days_left", "status", "offered"),
    [
        (364, Membership.Status.ACTIVE, False),  # the day it starts
        (91, Membership.Status.ACTIVE, False),
        (90, Membership.Status.ACTIVE, True),  # renewal opens
        (5, Membership.Status.ACTIVE, True),
        (-5, Membership.Status.EXPIRED, True),
    ],
)
def test_renew_is_offered_from_the_window_before_the_end_and_once_expired(
    client, home_page, settings, days_left, status, offered
):
    settings.MEMBERSHIP_RENEWAL_OPENS_DAYS = 90
    membership = _membership(days_left=days_left, status=status)
    client.force_login(membership.person)

    content = client.get("/dashboard/").content.decode()

    assert (_renew_url(membership) in content) is offered


def test_renew_is_not_offered_for_a_period_already_renewed_nor_while_one_waits_for_payment(
    client, home_page
):
    user = verified_user()
    ending = _membership(days_left=5, user=user)
    Membership.objects.create(
        organisation=ending.organisation,
        person=user,
        level=ending.level,
        status=Membership.Status.ACTIVE,
        starts_on=ending.ends_on + datetime.timedelta(days=1),
        ends_on=ending.ends_on + datetime.timedelta(days=365),
    )
    waiting = _membership(days_left=5, user=user)
    renewal = Membership.objects.create(
        organisation=waiting.organisation,
        person=user,
        level=waiting.level,
        status=Membership.Status.PENDING_PAYMENT,
    )
    client.force_login(user)

    content = client.get("/dashboard/").content.decode()

    assert "/renew/" not in content
    assert f'action="/dashboard/memberships/{renewal.pk}/pay/"' in content


@pytest.mark.sqlite
def test_renewing_before_renewal_opens_is_refused_and_adds_nothing(client, home_page, settings):
    settings.MEMBERSHIP_RENEWAL_OPENS_DAYS = 90
    membership = _membership(days_left=364)
    client.force_login(membership.person)

    response = client.post(f"/dashboard/memberships/{membership.pk}/renew/", follow=True)

    opens_on = membership.ends_on - datetime.timedelta(days=90)
    assert response.status_code == 200
    assert formats.date_format(opens_on) in response.content.decode()
    assert Membership.objects.filter(organisation=membership.organisation).count() == 1


@pytest.mark.sqlite
def test_renewing_in_the_window_makes_the_next_period(client, home_page, settings):
    settings.MEMBERSHIP_RENEWAL_OPENS_DAYS = 90
    membership = _membership(days_left=30, price="0")
    client.force_login(membership.person)

    client.post(f"/dashboard/memberships/{membership.pk}/renew/")

    renewal = Membership.objects.exclude(pk=membership.pk).get(organisation=membership.organisation)
    assert renewal.status == Membership.Status.ACTIVE
    assert renewal.starts_on == membership.ends_on + datetime.timedelta(days=1)
