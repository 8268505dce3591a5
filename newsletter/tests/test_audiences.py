"""Audience rules and their counts: every rule selects among confirmed subscribers with
their consent on record; suppression always applies."""

import pytest
from django.test import Client

from membership.models import ContactPerson, Membership, OrganisationUser
from newsletter import dissemination
from newsletter.models import SuppressedAddress, address_hash
from newsletter.selectors import audience_count, audience_recipients, issue_recipients
from tests.factories import (
    AudienceFactory,
    MembershipLevelFactory,
    NewsletterIssueFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def population(locales):
    ict = SectorFactory(name="ICT", locale=locales["en"])
    ict_sr = SectorFactory(
        name="ИКТ", slug="ikt", locale=locales["sr"], translation_key=ict.translation_key
    )
    food = SectorFactory(name="Food", locale=locales["en"])
    SubscriberFactory(email="en1@example.org").interests.set([ict])
    SubscriberFactory(email="en2@example.org").interests.set([food])
    SubscriberFactory(email="sr@example.org", language="sr").interests.set([ict_sr])
    SubscriberFactory(email="pending@example.org", status="pending")
    SubscriberFactory(email="bounced@example.org", status="bounced")
    SuppressedAddress.objects.create(
        email_hash=address_hash("bounced@example.org"), reason="bounced"
    )

    level = MembershipLevelFactory()
    active = UserFactory(email="member@example.org", first_name="Mira", last_name="Ilić")
    Membership.objects.create(person=active, level=level, status="active")
    lapsed = UserFactory(email="lapsed@example.org")
    Membership.objects.create(person=lapsed, level=level, status="expired")
    cluster = OrganisationFactory(sectors=[ict])
    Membership.objects.create(organisation=cluster, level=level, status="active")
    colleague = UserFactory(email="En1@example.org")  # also a subscriber: counted once
    OrganisationUser.objects.create(user=colleague, organisation=cluster)
    ContactPerson.objects.create(organisation=cluster, name="Kontakt", email="contact@ict.rs")
    farm = OrganisationFactory(sectors=[food])
    ContactPerson.objects.create(organisation=farm, name="Farmer", email="farmer@food.rs")
    ContactPerson.objects.create(organisation=farm, name="No mail", email="")
    return {"ict": ict, "food": food}


def test_all_confirmed_subscribers(population):
    audience = AudienceFactory()
    assert sorted(r.email for r in audience_recipients(audience=audience)) == [
        "en1@example.org",
        "en2@example.org",
        "sr@example.org",
    ]


def test_by_language(population):
    assert audience_count(audience=AudienceFactory(subscriber_language="sr")) == 1


def test_by_interest_matches_the_sector_in_every_language(population):
    audience = AudienceFactory()
    audience.interests.set([population["ict"]])
    assert sorted(r.email for r in audience_recipients(audience=audience)) == [
        "en1@example.org",
        "sr@example.org",
    ]


def test_members_are_the_subscribers_among_people_with_an_active_membership_and_org_users(
    population,
):
    audience = AudienceFactory(include_subscribers=False, include_members=True)
    assert [r.email for r in audience_recipients(audience=audience)] == ["en1@example.org"]

    SubscriberFactory(email="member@example.org", name="Mira Ilić")
    recipients = {r.email: r.name for r in audience_recipients(audience=audience)}
    assert set(recipients) == {"member@example.org", "en1@example.org"}
    assert recipients["member@example.org"] == "Mira Ilić"


def test_contacts_by_sector_are_the_subscribers_among_contact_persons(population):
    audience = AudienceFactory(include_subscribers=False, include_contacts=True)
    assert audience_count(audience=audience) == 0  # no contact person subscribed

    SubscriberFactory(email="contact@ict.rs")
    SubscriberFactory(email="farmer@food.rs")
    assert audience_count(audience=audience) == 2
    audience.contact_sectors.set([population["food"]])
    assert [r.email for r in audience_recipients(audience=audience)] == ["farmer@food.rs"]


def test_parts_combine_without_duplicates_and_suppression_always_applies(population):
    SubscriberFactory(email="member@example.org")
    SubscriberFactory(email="farmer@food.rs", status="pending")
    audience = AudienceFactory(include_members=True, include_contacts=True)
    assert audience_count(audience=audience) == 4
    SuppressedAddress.objects.create(
        email_hash=address_hash("member@example.org"), reason="unsubscribed"
    )
    assert audience_count(audience=audience) == 3


def test_audience_count_is_fixed_in_queries(population, django_assert_max_num_queries):
    audience = AudienceFactory(include_members=True, include_contacts=True)
    with django_assert_max_num_queries(8):
        audience_recipients(audience=audience)


def test_staff_see_the_live_count_as_json_and_others_do_not(population):
    audience = AudienceFactory()
    staff = Client()
    staff.force_login(StaffUserFactory())

    response = staff.get(f"/admin/newsletter/audiences/{audience.pk}/count/")
    listing = staff.get("/admin/snippets/newsletter/audience/")

    assert response.json() == {"audience": audience.name, "count": 3}
    assert listing.status_code == 200
    assert Client().get(f"/admin/newsletter/audiences/{audience.pk}/count/").status_code == 302
    plain = Client()
    plain.force_login(UserFactory())
    assert plain.get(f"/admin/newsletter/audiences/{audience.pk}/count/").status_code in (302, 403)


def test_an_issue_goes_only_to_subscribers_of_its_language_serbian_in_either_script(population):
    SubscriberFactory(email="latin@example.org", language="sr-latn")
    audience = AudienceFactory()  # every language: the issue's language decides

    english = NewsletterIssueFactory(language="en", audience=audience)
    serbian = NewsletterIssueFactory(language="sr-latn", audience=audience)

    assert sorted(r.email for r in issue_recipients(issue=english)) == [
        "en1@example.org",
        "en2@example.org",
    ]
    assert {(r.email, r.language) for r in issue_recipients(issue=serbian)} == {
        ("sr@example.org", "sr"),
        ("latin@example.org", "sr-latn"),
    }


def test_sending_an_english_issue_creates_no_delivery_for_a_serbian_subscriber(
    population, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="latin@example.org", language="sr-latn")
    issue = NewsletterIssueFactory(language="en", audience=AudienceFactory())
    dissemination.issue_send_now(issue=issue)

    dissemination.issue_prepare(issue_id=issue.pk)

    assert sorted(issue.deliveries.values_list("email", flat=True)) == [
        "en1@example.org",
        "en2@example.org",
    ]


def test_the_send_screen_counts_the_audience_per_language(population):
    SubscriberFactory(email="latin@example.org", language="sr-latn")
    SubscriberFactory(email="latin2@example.org", language="sr-latn")
    issue = NewsletterIssueFactory(language="sr", audience=AudienceFactory())
    staff = Client()
    staff.force_login(StaffUserFactory())

    response = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/")

    assert response.context["audience_count"] == 3
    assert [n for _name, n in response.context["audience_by_language"]] == [1, 2]
    content = response.content.decode()
    assert "Српски (ћирилица): 1 recipient<" in content
    assert "Srpski (latinica): 2 recipients" in content
