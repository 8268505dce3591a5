"""The Newsletter admin: send screen (test, schedule, send), permissions, disseminate from a
news article, issue validation, subscriber export and erasure."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document

from newsletter.models import Delivery, NewsletterIssue, Subscriber, SuppressedAddress
from newsletter.rendering import render_issue_preview
from tests.factories import (
    HomePageFactory,
    NewsIndexPageFactory,
    NewsletterIssueFactory,
    NewsPageFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    client = Client()
    client.force_login(StaffUserFactory(email="editor@example.org", first_name="Eva"))
    return client


def _editor_without_send_permission():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_newsletterissue"),
    )
    client = Client()
    client.force_login(user)
    return client


def _dispatch(client, issue, **data):
    return client.post(f"/admin/newsletter/issues/{issue.pk}/send/", data, follow=True)


def test_the_send_screen_shows_the_audience_count_and_sends_a_test_to_the_editor(
    staff, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    issue = NewsletterIssueFactory()

    page = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/").content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = _dispatch(staff, issue, action="test")

    assert "3 recipients now" in page
    assert "A test was sent to editor@example.org" in response.content.decode()
    assert len(callbacks) == 1
    issue.refresh_from_db()
    assert issue.status == "draft" and not Delivery.objects.exists()


def test_schedule_needs_a_future_time_and_can_be_cancelled(staff):
    issue = NewsletterIssueFactory()
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    assert "in the future" in _dispatch(staff, issue, action="schedule", when=past).content.decode()
    assert NewsletterIssue.objects.get().status == "draft"
    _dispatch(staff, issue, action="schedule", when=future)
    assert NewsletterIssue.objects.get().status == "scheduled"
    _dispatch(staff, issue, action="unschedule")
    assert NewsletterIssue.objects.get().status == "draft"
    assert "valid date" in _dispatch(staff, issue, action="schedule", when="soon").content.decode()


def test_sending_needs_an_audience_and_happens_once(staff, django_capture_on_commit_callbacks):
    without = NewsletterIssueFactory(audience=None)
    issue = NewsletterIssueFactory()

    assert "Choose an audience" in _dispatch(staff, without, action="send").content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        _dispatch(staff, issue, action="send")
        second = _dispatch(staff, issue, action="send")

    assert "already" in second.content.decode()
    assert len(callbacks) == 1  # one preparation task
    assert NewsletterIssue.objects.get(pk=issue.pk).status == "sending"


def test_sending_needs_the_send_permission_and_a_post():
    issue = NewsletterIssueFactory()
    editor = _editor_without_send_permission()

    _dispatch(editor, issue, action="send")
    assert NewsletterIssue.objects.get().status == "draft"
    assert _dispatch(editor, issue, action="bogus").status_code == 200
    assert (
        Client().post(f"/admin/newsletter/issues/{issue.pk}/send/", {"action": "send"}).status_code
        == 302
    )
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(StaffUserFactory())
    assert (
        csrf.post(f"/admin/newsletter/issues/{issue.pk}/send/", {"action": "send"}).status_code
        == 403
    )
    assert NewsletterIssue.objects.get().status == "draft"


def test_a_subject_with_a_line_break_is_a_form_error_not_a_server_error(staff):
    response = staff.post(
        "/admin/snippets/newsletter/newsletterissue/add/",
        {
            "subject": "Infocluster\r\nBcc: everyone@example.org",
            "slug": "x",
            "language": "en",
            "preheader": "",
            "body-count": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200
    assert "Line breaks are not allowed" in response.content.decode()
    assert not NewsletterIssue.objects.exists()


def test_disseminate_a_news_article_as_a_draft_issue(staff, locales):
    home = HomePageFactory(as_site_root=True)
    article = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home), title="Days of Clusters 2026"
    )

    edit = staff.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    confirm = staff.get(f"/admin/newsletter/disseminate/{article.pk}/")
    assert confirm.status_code == 200 and not NewsletterIssue.objects.exists()
    response = staff.post(f"/admin/newsletter/disseminate/{article.pk}/")

    assert f"/admin/newsletter/disseminate/{article.pk}/" in edit
    issue = NewsletterIssue.objects.get()
    assert response.status_code == 302 and str(issue.pk) in response.url
    assert (issue.subject, issue.status, issue.source_page_id) == (
        "Days of Clusters 2026",
        "draft",
        article.pk,
    )
    assert [block.block_type for block in issue.body] == ["featured_page", "upcoming_events"]
    assert "Days of Clusters 2026" in render_issue_preview(issue)
    # Only news articles and events: Wagtail's admin answers a refusal with a redirect.
    assert staff.post(f"/admin/newsletter/disseminate/{home.pk}/").status_code in (302, 403)
    assert NewsletterIssue.objects.count() == 1


def test_the_preview_is_the_personalised_email(staff):
    issue = NewsletterIssueFactory(subject="Infocluster 12/2026", preheader="Calls for projects")

    html = render_issue_preview(issue)

    assert "Dear Ana Petrović," in html and "Calls for projects" in html
    assert "<table" in html


def test_subscriber_export_and_erasure_from_the_admin(staff):
    subscriber = SubscriberFactory(email="ana@example.org", name="Ana")
    subscriber.consents.create(
        action="confirmed", source="page", wording="I agree.", created_at=timezone.now()
    )
    Delivery.objects.create(
        issue=NewsletterIssueFactory(subject="No. 1"),
        subscriber=subscriber,
        email="ana@example.org",
        status="sent",
    )

    export = staff.get(f"/admin/newsletter/subscribers/{subscriber.pk}/export/")
    listing = staff.get("/admin/snippets/newsletter/subscriber/").content.decode()
    staff.post(f"/admin/snippets/newsletter/subscriber/delete/{subscriber.pk}/")

    data = json.loads(export.content)
    assert data["email"] == "ana@example.org" and data["consents"][-1]["wording"] == "I agree."
    assert data["deliveries"] == [
        {"issue": "No. 1", "status": "sent", "sent_at": None, "error": ""}
    ]
    assert "/admin/newsletter/subscribers/import/" in listing
    assert not Subscriber.objects.exists()
    assert SuppressedAddress.objects.get().reason == "erased"
    delivery = Delivery.objects.get()
    assert delivery.email != "ana@example.org" and delivery.name == ""


def test_the_newsletter_menu_groups_its_screens(staff):
    html = staff.get("/admin/").content.decode()
    for listing in ("newsletterissue", "audience", "subscriber", "suppressedaddress"):
        assert f"/admin/snippets/newsletter/{listing}/" in html


def test_staff_cannot_type_in_subscribers_or_suppressions(staff):
    response = staff.get("/admin/snippets/newsletter/subscriber/add/")
    assert response.status_code == 302 and response.url == "/admin/newsletter/subscribers/import/"
    assert staff.post("/admin/snippets/newsletter/suppressedaddress/add/").status_code == 302
    assert not Subscriber.objects.exists() and not SuppressedAddress.objects.exists()


def test_the_issue_editor_previews_the_email(staff):
    issue = NewsletterIssueFactory(subject="Infocluster preview")
    edit_url = f"/admin/snippets/newsletter/newsletterissue/edit/{issue.pk}/"
    preview_url = f"/admin/snippets/newsletter/newsletterissue/preview/{issue.pk}/"
    data = {
        "subject": "Infocluster preview",
        "slug": issue.slug,
        "language": "en",
        "preheader": "",
        "audience": issue.audience_id,
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }

    assert staff.get(edit_url).status_code == 200
    assert staff.post(preview_url, data).json()["is_valid"] is True
    preview = staff.get(preview_url)
    assert "Infocluster preview" in preview.content.decode()
    assert "Dear Ana Petrović," in preview.content.decode()
    # The mail's own policy: its inline styles apply, and nothing runs.
    policy = preview["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy and "sandbox" in policy


def test_a_new_issue_with_a_magazine_pdf_previews_before_it_is_saved(staff):
    document = Document.objects.create(
        title="Infocluster magazine", file=ContentFile(b"%PDF", name="m.pdf")
    )
    url = "/admin/snippets/newsletter/newsletterissue/preview/"
    data = {
        "subject": "Unsaved",
        "slug": "unsaved",
        "language": "en",
        "preheader": "",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-document": document.pk,
        "attachments-0-ORDER": "1",
        "attachments-0-id": "",
        "attachments-0-DELETE": "",
    }

    assert staff.post(url, data).json()["is_valid"] is True
    assert "Infocluster magazine (PDF)" in staff.get(url).content.decode()
    assert not NewsletterIssue.objects.exists()


def _new_issue_data(**data):
    return {
        "subject": "",
        "slug": "",
        "language": "en",
        "preheader": "",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        **data,
    }


def test_an_issue_saved_without_a_slug_gets_one_from_its_subject_unique_and_in_latin(staff):
    NewsletterIssueFactory(subject="Taken", slug="infoklaster-novembar")
    url = "/admin/snippets/newsletter/newsletterissue/add/"

    response = staff.post(url, _new_issue_data(subject="Инфокластер новембар"))

    assert response.status_code == 302
    assert NewsletterIssue.objects.get(subject="Инфокластер новембар").slug == (
        "infoklaster-novembar-2"
    )
    staff.post(url, _new_issue_data(subject="Own slug", slug="my-own"))
    assert NewsletterIssue.objects.filter(slug="my-own").exists()


def test_the_subject_field_fills_the_slug_as_it_is_typed(staff):
    html = staff.get("/admin/snippets/newsletter/newsletterissue/add/").content.decode()

    assert 'data-w-sync-target-value="#id_slug"' in html
    assert 'data-controller="w-slug"' in html


def test_the_issue_editor_leads_to_its_send_screen(staff):
    draft = NewsletterIssueFactory()
    sent = NewsletterIssueFactory(status="sent")

    draft_editor = staff.get(f"/admin/snippets/newsletter/newsletterissue/edit/{draft.pk}/")
    sent_editor = staff.get(f"/admin/snippets/newsletter/newsletterissue/edit/{sent.pk}/")

    send_url = f"/admin/newsletter/issues/{draft.pk}/send/"
    assert f'href="{send_url}"' in draft_editor.content.decode()
    assert "Send…" in draft_editor.content.decode()
    assert f'href="/admin/newsletter/issues/{sent.pk}/send/"' in sent_editor.content.decode()
    assert "Progress" in sent_editor.content.decode()


def _sending_issue(**fields):
    issue = NewsletterIssueFactory(
        status="sending",
        prepared_at=timezone.now(),
        send_started_at=timezone.now(),
        **fields,
    )
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    for n in range(3):
        Delivery.objects.create(issue=issue, email=f"sent{n}@example.org", status="sent")
    for n in range(2):
        Delivery.objects.create(
            issue=issue, email=f"claimed{n}@example.org", status="sending", claimed_at=long_ago
        )
    Delivery.objects.create(issue=issue, email="queued@example.org", status="queued")
    return issue


def test_the_progress_screen_says_a_send_waits_for_a_retry_and_why(staff):
    issue = _sending_issue(
        send_error="database is locked",
        send_error_at=timezone.now(),
        send_retry_at=timezone.now() + datetime.timedelta(seconds=40),
    )

    response = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/")

    held_up = response.content.decode().split("data-newsletter-held-up", 1)[1].split("</dd>")[0]
    assert "Waiting to try again at" in held_up
    assert "database is locked" in held_up
    assert "2 messages have not moved since" in held_up
    assert response.context["progress"]["stuck"] == 2


def test_the_progress_screen_shows_nothing_held_up_while_all_moves(staff):
    issue = NewsletterIssueFactory(status="sending", prepared_at=timezone.now())
    Delivery.objects.create(
        issue=issue, email="a@example.org", status="sending", claimed_at=timezone.now()
    )
    Delivery.objects.create(issue=issue, email="b@example.org", status="queued")

    response = staff.get(f"/admin/newsletter/issues/{issue.pk}/send/")

    assert response.status_code == 200
    assert "data-newsletter-progress" in response.content.decode()
    assert "data-newsletter-held-up" not in response.content.decode()


def _menu_paths(menu, request, prefix=""):
    for item in menu.menu_items_for_request(request):
        path = f"{prefix}.{item.name}"
        yield path
        if hasattr(item, "menu"):
            yield from _menu_paths(item.menu, request, path)


def test_no_sidebar_item_opens_with_another(rf):
    """The sidebar opens every submenu whose path starts with the clicked item's path: an
    item named "news" opened with "newsletter", on top of it."""
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = StaffUserFactory()
    paths = list(_menu_paths(admin_menu, request))

    assert ".newsletter" in paths and ".newsletter.issues" in paths
    clashes = [
        (a, b) for a in paths for b in paths if a != b and b.startswith(a) and b[len(a)] != "."
    ]
    assert clashes == []
