"""The staff roles, through the admin screens each one uses: what each group can do, and the
neighbouring work it cannot (HTTP against the admin views, not only ``has_perm``)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import GroupPagePermission

from events import services as event_services
from events.models import Registration
from membership import services as membership_services
from membership.models import Application
from newsletter.models import NewsletterIssue
from sitesetup.roles import ROLE_NAMES, ensure_roles
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    MembershipLevelFactory,
    NewsletterIssueFactory,
    StandardPageFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


def _member_of(role: str) -> Client:
    ensure_roles()
    user = UserFactory(is_staff=True, email=f"{role.replace(' ', '.').lower()}@example.org")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, ticket_types=[{"name": "Guest", "capacity": 5}])


@pytest.fixture
def registration(event):
    return event_services.registration_create(
        ticket_type=event.ticket_types.get(),
        name="Ana",
        email="ana@example.org",
        user=verified_user(email="ana@example.org"),
    )


@pytest.fixture
def application():
    return membership_services.application_submit(
        applicant=verified_user(email="applicant@example.org"),
        level=MembershipLevelFactory(name="Network membership"),
        motivation="Join",
        new_organisation={"name": "NiCAT", "kind": "cluster"},
    )


def _send(client, issue):
    return client.post(f"/admin/newsletter/issues/{issue.pk}/send/", {"action": "send"})


def _review(client, application):
    return client.post(
        f"/admin/membership/applications/{application.pk}/review/", {"decision": "approve"}
    )


def _denied(response) -> bool:
    # Wagtail answers a refused admin screen by sending the user back with a message.
    return response.status_code in (302, 403)


def test_ensure_roles_creates_the_four_groups_once_and_keeps_what_staff_added(locales):
    first = ensure_roles()
    editors = Group.objects.get(name="Editors")
    extra = editors.permissions.model.objects.get(codename="delete_page")
    editors.permissions.add(extra)

    second = ensure_roles()

    assert set(first) == set(ROLE_NAMES)
    assert set(second.values()) == {"unchanged"}
    assert editors.permissions.filter(pk=extra.pk).exists()
    assert Group.objects.filter(name__in=ROLE_NAMES).count() == 4


def test_event_staff_see_registrations_and_check_people_in_but_cannot_send_the_newsletter(
    event, registration
):
    staff = _member_of("Event staff")
    issue = NewsletterIssueFactory()

    listing = staff.get(f"/admin/events/{event.pk}/registrations/", follow=True)
    check_in = staff.post(f"/admin/events/{event.pk}/check-in/", {"code": registration.code})
    sending = _send(staff, issue)

    assert listing.status_code == 200 and "Ana" in listing.content.decode()
    assert 'data-outcome="valid"' in check_in.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    assert _denied(sending)
    assert NewsletterIssue.objects.get().status == "draft"
    assert _denied(staff.get(f"/admin/newsletter/issues/{issue.pk}/send/"))


def test_newsletter_senders_send_an_issue_but_cannot_approve_memberships(application):
    sender = _member_of("Newsletter senders")
    issue = NewsletterIssueFactory()

    screen = sender.get(f"/admin/newsletter/issues/{issue.pk}/send/")
    _send(sender, issue)
    review = _review(sender, application)

    assert screen.status_code == 200
    assert NewsletterIssue.objects.get().status == "sending"
    assert _denied(review)
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_membership_staff_approve_applications_but_cannot_send_or_check_in(
    application, event, registration
):
    staff = _member_of("Membership staff")
    issue = NewsletterIssueFactory()

    screen = staff.get(f"/admin/membership/applications/{application.pk}/review/")
    _review(staff, application)
    sending = _send(staff, issue)
    check_in = staff.post(f"/admin/events/{event.pk}/check-in/", {"code": registration.code})

    assert screen.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert _denied(sending) and NewsletterIssue.objects.get().status == "draft"
    assert _denied(check_in)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_editors_publish_pages_and_edit_images_menus_and_news_snippets_but_not_the_rest(
    home_page, application, event, registration
):
    editor = _member_of("Editors")
    page = StandardPageFactory(parent=home_page, title="About")
    page.title = "About us"
    page.save_revision()

    published = editor.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/", follow=True
    )
    screens = {
        url: editor.get(url).status_code
        for url in (
            f"/admin/pages/{page.pk}/edit/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/snippets/home/menu/add/",
            "/admin/snippets/home/footertext/add/",
            "/admin/snippets/news/newscategory/add/",
        )
    }
    issue = NewsletterIssueFactory()

    assert published.status_code == 200
    page.refresh_from_db()
    assert page.title == "About us" and not page.has_unpublished_changes
    assert set(screens.values()) == {200}, screens
    assert _denied(_send(editor, issue)) and NewsletterIssue.objects.get().status == "draft"
    assert _denied(_review(editor, application))
    assert _denied(editor.get(f"/admin/events/{event.pk}/registrations/"))
    assert _denied(editor.get("/admin/users/"))


def test_a_role_without_page_permissions_cannot_publish(home_page):
    staff = _member_of("Newsletter senders")
    page = StandardPageFactory(parent=home_page, title="About")
    page.title = "Changed"
    page.save_revision()

    staff.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/")

    page.refresh_from_db()
    assert page.title == "About" and page.has_unpublished_changes
    group = Group.objects.get(name="Newsletter senders")
    assert not GroupPagePermission.objects.filter(group=group).exists()
