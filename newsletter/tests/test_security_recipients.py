"""The newsletter against abuse, who is mailed and who may read: only people with a recorded,
confirmed consent are mailed, and the public archive shows only what went to the public."""

import pytest
from django.test import Client

from membership.models import ContactPerson, Membership, OrganisationUser
from newsletter import dissemination
from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.selectors import audience_count, audience_recipients
from tests.factories import (
    AudienceFactory,
    HomePageFactory,
    MembershipLevelFactory,
    NewsletterIssueFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


def _emails(audience):
    return sorted(r.email for r in audience_recipients(audience=audience))


# --- 1. Audiences hold only people with a recorded, confirmed consent -------------------


@pytest.fixture
def organisations():
    """A member cluster in ICT with a user and two contact persons, one of whom subscribed,
    and a food company (no membership) whose contact never did."""
    ict, food = SectorFactory(name="ICT"), SectorFactory(name="Food")
    level = MembershipLevelFactory()
    cluster = OrganisationFactory(sectors=[ict])
    Membership.objects.create(organisation=cluster, level=level, status="active")
    colleague = UserFactory(email="Colleague@ict.rs")
    OrganisationUser.objects.create(user=colleague, organisation=cluster)
    ContactPerson.objects.create(organisation=cluster, name="Subscribed", email="Reads@ict.rs")
    ContactPerson.objects.create(organisation=cluster, name="Never asked", email="boss@ict.rs")
    farm = OrganisationFactory(sectors=[food])
    ContactPerson.objects.create(organisation=farm, name="Farmer", email="farmer@food.rs")
    person = UserFactory(email="member@example.org")
    Membership.objects.create(person=person, level=level, status="active")
    SubscriberFactory(email="reads@ict.rs")
    SubscriberFactory(email="colleague@ict.rs")
    SubscriberFactory(email="farmer@food.rs", status="pending")
    SubscriberFactory(email="reader@example.org")
    return {"ict": ict, "food": food, "person": person}


def test_a_members_audience_reaches_only_members_who_subscribed(organisations):
    audience = AudienceFactory(include_subscribers=False, include_members=True)

    # member@example.org has an active membership but never subscribed.
    assert _emails(audience) == ["colleague@ict.rs"]


def test_a_member_subscribed_from_the_dashboard_is_found_by_account_even_after_a_new_address(
    organisations,
):
    person = organisations["person"]
    SubscriberFactory(email="old-address@example.org", user=person)
    audience = AudienceFactory(include_subscribers=False, include_members=True)

    assert _emails(audience) == ["colleague@ict.rs", "old-address@example.org"]


def test_a_contacts_audience_reaches_only_contacts_who_subscribed_and_confirmed(organisations):
    audience = AudienceFactory(include_subscribers=False, include_contacts=True)
    assert _emails(audience) == ["reads@ict.rs"]  # not boss@ (never asked), farmer@ (pending)

    audience.contact_sectors.set([organisations["food"]])
    assert _emails(audience) == []


def test_an_address_an_organisation_admin_adds_as_contact_is_never_mailed(organisations):
    cluster = OrganisationUser.objects.get().organisation
    ContactPerson.objects.create(organisation=cluster, name="Victim", email="victim@example.net")
    audience = AudienceFactory(include_members=True, include_contacts=True)

    assert "victim@example.net" not in _emails(audience)
    assert "boss@ict.rs" not in _emails(audience) and "member@example.org" not in _emails(audience)


def test_a_confirmed_subscriber_without_a_consent_record_is_not_mailed():
    # bulk_create, as a script or a careless import would: no consent is recorded.
    Subscriber.objects.bulk_create(
        [Subscriber(email="nobody-asked@example.org", status="confirmed")]
    )
    SubscriberFactory(email="asked@example.org")

    assert _emails(AudienceFactory()) == ["asked@example.org"]


def test_every_recipient_is_a_subscriber_and_the_admin_count_agrees_with_the_deliveries(
    organisations,
):
    audience = AudienceFactory(include_members=True, include_contacts=True)
    staff = Client()
    staff.force_login(StaffUserFactory())

    counted = staff.get(f"/admin/newsletter/audiences/{audience.pk}/count/").json()["count"]
    listing = staff.get("/admin/snippets/newsletter/audience/").content.decode()
    form = staff.get(f"/admin/snippets/newsletter/audience/edit/{audience.pk}/").content.decode()
    issue = dissemination.issue_send_now(issue=NewsletterIssueFactory(audience=audience))
    dissemination.issue_prepare(issue_id=issue.pk)

    assert all(r.subscriber_id for r in audience_recipients(audience=audience))
    assert (
        counted
        == audience_count(audience=audience)
        == Delivery.objects.filter(issue=issue).count()
        == 3
    )
    assert f"<td>{counted}</td>" in listing.replace(" ", "").replace("\n", "")
    assert "reaches only people who subscribed to Infocluster and confirmed" in form


# --- 2. The public archive shows only issues sent to public audiences -------------------


def _sent(audience, subject):
    issue = NewsletterIssueFactory(audience=audience, subject=subject)
    issue = dissemination.issue_send_now(issue=issue)
    NewsletterIssue.objects.filter(pk=issue.pk).update(status="sent", sent_at=issue.send_started_at)
    return issue


@pytest.mark.parametrize(
    "rules, public",
    [
        ({}, True),
        ({"subscriber_language": "en"}, True),
        ({"include_subscribers": False, "include_members": True}, False),
        ({"include_subscribers": False, "include_contacts": True}, False),
        ({"include_members": True}, False),
    ],
)
def test_an_audience_is_public_only_when_made_of_subscribers_without_member_rules(rules, public):
    assert AudienceFactory(**rules).is_public is public


def test_the_archive_hides_issues_sent_to_members_only_audiences(client):
    public = _sent(AudienceFactory(), "For everyone")
    members = _sent(
        AudienceFactory(include_subscribers=False, include_members=True), "Members only"
    )
    contacts = _sent(
        AudienceFactory(include_subscribers=False, include_contacts=True), "Contacts only"
    )

    listing = client.get("/newsletter/archive/").content.decode()

    assert "For everyone" in listing
    assert "Members only" not in listing and "Contacts only" not in listing
    assert client.get(f"/newsletter/archive/{public.slug}/").status_code == 200
    assert client.get(f"/newsletter/archive/{members.slug}/").status_code == 404
    assert client.get(f"/newsletter/archive/{contacts.slug}/").status_code == 404


def test_opening_an_audience_to_the_public_later_does_not_publish_its_past_issues(client):
    audience = AudienceFactory(include_subscribers=False, include_members=True)
    members = _sent(audience, "Members only")
    audience.include_subscribers, audience.include_members = True, False
    audience.save()

    assert "Members only" not in client.get("/newsletter/archive/").content.decode()
    assert client.get(f"/newsletter/archive/{members.slug}/").status_code == 404
