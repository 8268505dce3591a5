"""Staff's journey through the Wagtail admin in a real browser, on both configurations, every
step a click or a keystroke in the admin: sign in through the login form; publish a news
article with an uploaded image and translate it into Serbian Latin (its Cyrillic twin follows);
create an event with two places, fill it from the public form with a third person waiting,
cancel one in the admin and see the waiting person moved up and mailed; export the
registrations and check a ticket in; approve a membership application; write an Infocluster
issue, preview it, send a test, send it and watch the progress reach the end."""

import csv
import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from events.models import EventPage, Registration
from membership import services as membership_services
from membership.models import Membership, MembershipLevel
from news.models import NewsPage
from newsletter.models import NewsletterIssue
from tests.factories import AudienceFactory, SubscriberFactory, verified_user

pytestmark = pytest.mark.sqlite

STAFF = "editor@example.org"
PASSWORD = "correct-horse-battery"


def _sign_in(browser, journey_site):
    """A staff member's browser, signed in through the site's login form. (The module's
    tests share one database, so the account is made once.)"""
    if not get_user_model().objects.filter(email=STAFF).exists():
        verified_user(email=STAFF, password=PASSWORD, is_staff=True, is_superuser=True)
    context = browser.new_context(base_url=journey_site.url, accept_downloads=True)
    admin = context.new_page()
    admin.goto("/admin/")
    admin.get_by_label("Email").fill(STAFF)
    admin.get_by_label("Password").fill(PASSWORD)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Sign In").click()
    assert admin.url == f"{journey_site.url}/admin/"
    return context, admin


def _settle(admin):
    """Wait for Wagtail's autosave, which saves the editor's form half a second after the
    last change: a click on Publish while the first autosave is still creating the page
    posts the new page a second time."""
    if admin.locator("#w-autosave-indicator").count():
        admin.wait_for_timeout(700)
        admin.wait_for_function(
            "document.querySelector('#w-autosave-indicator').dataset.wAutosaveStateValue"
            " !== 'saving'"
        )


def _publish(admin):
    """Publish from the editor's footer; the button sits in the footer's dropdown, and a
    click on it submits its action."""
    _settle(admin)
    with admin.expect_navigation():
        admin.evaluate("document.querySelector('button[name=action-publish]').click()")


def _sidebar(admin, menu, item):
    """Open a menu of the admin's sidebar and follow one of its items."""
    admin.locator(".sidebar").get_by_role("button", name=menu, exact=True).click()
    with admin.expect_navigation():
        admin.locator(".sidebar").get_by_role("link", name=item, exact=True).click()


def _explore(admin, *titles):
    """From the dashboard to a page's listing through the sidebar's page explorer."""
    admin.locator(".sidebar").get_by_role("button", name="Pages", exact=True).click()
    for title in titles[:-1]:
        admin.locator(".sidebar").get_by_role("link", name=title, exact=True).click()
    with admin.expect_navigation():
        admin.locator(".sidebar").get_by_role("link", name=titles[-1], exact=True).click()


def test_staff_publish_an_article_with_an_image_and_translate_it(browser, journey_site, tmp_path):
    picture = tmp_path / "cluster-day.png"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(picture)
    context, admin = _sign_in(browser, journey_site)

    admin.goto(f"/admin/pages/{journey_site.news.pk}/")
    with admin.expect_navigation():
        admin.get_by_role("link", name="Add child page").first.click()
    admin.fill("#id_title", "Cluster Day in Niš")
    admin.fill("#id_intro", "Clusters from all of Serbia met in Niš.")
    admin.get_by_role("button", name="Choose an image").click()
    chooser = admin.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Upload").click()
    # Titled first: Wagtail fills an empty title from the file's name.
    chooser.locator("input[name$=title]").fill("Cluster Day")
    chooser.locator("input[type=file]").set_input_files(picture)
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_have_count(0)
    _publish(admin)
    article = NewsPage.objects.get(title="Cluster Day in Niš")
    assert article.live and article.lead_image.title == "Cluster Day"

    # Translate: the page's header menu, Serbian Latin, then each text in the editor.
    admin.goto(f"/admin/pages/{article.pk}/edit/")
    admin.locator("header [data-w-dropdown-target=toggle]").first.click()
    with admin.expect_navigation():
        admin.get_by_role("link", name=re.compile("Translate")).click()
    admin.get_by_label("Srpski (latinica)").check()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Submit").click()
    for text in ("Dan klastera u Nišu", "Klasteri iz cele Srbije sreli su se u Nišu."):
        admin.get_by_role("button", name="Translate", exact=True).first.click()
        admin.locator("textarea:visible").fill(text)
        admin.get_by_role("button", name="Save", exact=True).click()
        expect(admin.get_by_text(text, exact=True)).to_be_visible()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Publish in Srpski (latinica)").click()

    latin = NewsPage.objects.get(
        locale__language_code="sr-latn", translation_key=article.translation_key
    )
    cyrillic = NewsPage.objects.get(
        locale__language_code="sr", translation_key=article.translation_key
    )
    assert latin.live and latin.title == "Dan klastera u Nišu"
    assert cyrillic.live and cyrillic.title == "Дан кластера у Нишу"
    assert latin.lead_image == cyrillic.lead_image == article.lead_image

    public = context.new_page()
    for page, heading, intro in [
        (article, "Cluster Day in Niš", "Clusters from all of Serbia"),
        (latin, "Dan klastera u Nišu", "Klasteri iz cele Srbije"),
        (cyrillic, "Дан кластера у Нишу", "Кластери из целе Србије"),
    ]:
        public.goto(page.url)
        expect(public.locator("h1")).to_have_text(heading)
        assert intro in public.content()
        image = public.locator("img[src*='cluster-day']").first  # a rendition of the upload
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    context.close()


def _register(browser, journey_site, event, name, email):
    """One person, in a browser of their own, signed in with a verified address, registers
    through the public form; returns the page they land on."""
    verified_user(email=email, password=PASSWORD, first_name=name.split()[0])
    context = browser.new_context(base_url=journey_site.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    page.goto(event.url)
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Register").first.click()
    page.get_by_label("Full name").fill(name)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Register").click()
    text = page.locator("body").inner_text()
    context.close()
    return text


def test_staff_run_an_event_waiting_list_export_and_check_in(
    browser, journey_site, journey_worker, outbox
):
    context, admin = _sign_in(browser, journey_site)
    start = timezone.localtime() + datetime.timedelta(days=20)

    admin.goto(f"/admin/pages/{journey_site.events.pk}/")
    with admin.expect_navigation():
        admin.get_by_role("link", name="Add child page").first.click()
    admin.fill("#id_title", "Cluster Workshop Kragujevac")
    admin.fill("#id_start", start.strftime("%Y-%m-%d 10:00"))
    admin.fill("#id_end", start.strftime("%Y-%m-%d 16:00"))
    admin.fill("#id_intro", "A day of work on cluster projects.")
    admin.get_by_role("tab", name="Tickets").click()
    admin.get_by_role("button", name="Add ticket type").click()
    admin.locator("input[name$='-name']:visible").fill("Workshop place")
    admin.locator("input[name$='-capacity']:visible").fill("2")
    admin.get_by_role("tab", name="Promote").click()
    admin.fill("#id_slug", "cluster-workshop")
    _publish(admin)
    event = EventPage.objects.get(slug="cluster-workshop")
    assert event.live and event.ticket_types.get().capacity == 2

    people = [
        ("Ana Petrović", "ana@example.org"),
        ("Marko Jovanović", "marko@example.org"),
        ("Jelena Ilić", "jelena@example.org"),
    ]
    answers = [_register(browser, journey_site, event, name, email) for name, email in people]
    assert ["You are registered" in answer for answer in answers] == [True, True, False]
    assert "you are on the waiting list" in answers[2]
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "ana@example.org": "confirmed",
        "marko@example.org": "confirmed",
        "jelena@example.org": "waitlisted",
    }
    outbox.wait_for("jelena@example.org")  # told she is waiting

    # Events -> "Registrations and check-in" -> the event's registrations.
    _sidebar(admin, "Events", "Registrations and check-in")
    row = admin.locator("tr", has_text="Cluster Workshop Kragujevac")
    expect(row.locator("td").nth(2)).to_have_text("2")  # confirmed
    expect(row.locator("td").nth(3)).to_have_text("1")  # waiting
    with admin.expect_navigation():
        row.get_by_role("link", name="Registrations").click()
    ana = admin.locator("tr", has_text="Ana Petrović")
    admin.once("dialog", lambda dialog: dialog.accept())
    with admin.expect_navigation():
        ana.get_by_role("button", name="Cancel").click()
    expect(admin.locator(".messages")).to_contain_text("Ana Petrović")

    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses["ana@example.org"] == "cancelled"
    assert statuses["jelena@example.org"] == "confirmed"
    promoted = outbox.wait_for("jelena@example.org", "Your ticket")
    assert "A place has become free and it is yours" in promoted.text()

    # The export, downloaded and read.
    admin.locator("header [data-w-dropdown-target=toggle]").first.click()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Download CSV").click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert {(r["Name"], r["Status"]) for r in rows} == {
        ("Ana Petrović", "Cancelled"),
        ("Marko Jovanović", "Confirmed"),
        ("Jelena Ilić", "Confirmed"),
    }
    jelena_code = next(r["Ticket code"] for r in rows if r["Name"] == "Jelena Ilić")

    # Check-in by typing the code from the export.
    _sidebar(admin, "Events", "Registrations and check-in")
    row = admin.locator("tr", has_text="Cluster Workshop Kragujevac")
    with admin.expect_navigation():
        row.get_by_role("link", name="Check-in").click()
    admin.get_by_label(re.compile("code", re.I)).fill(jelena_code.lower())
    admin.keyboard.press("Enter")
    expect(admin.locator("[data-outcome=valid]")).to_contain_text("Jelena Ilić")
    expect(admin.locator("[data-attended]")).to_have_text("1")
    assert Registration.objects.get(email="jelena@example.org").attended_at is not None
    context.close()


def test_staff_approve_a_membership_application(browser, journey_site, journey_worker, outbox):
    member = verified_user(email="office@kg-cluster.example", password=PASSWORD)
    membership_services.application_submit(
        applicant=member,
        level=MembershipLevel.objects.get(slug="cluster-member"),
        motivation="We connect metal industry firms in Šumadija.",
        new_organisation={"name": "Šumadija Metal Cluster", "kind": "cluster"},
    )
    context, admin = _sign_in(browser, journey_site)

    _sidebar(admin, "Membership", "Applications")
    with admin.expect_navigation():
        admin.get_by_role("link", name=re.compile("Šumadija Metal Cluster")).click()
    expect(admin.locator("main")).to_contain_text("We connect metal industry firms")
    admin.get_by_label("Approve").check()
    admin.get_by_label("Message to the applicant").fill("Welcome to the association!")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save decision").click()
    expect(admin.locator(".messages")).to_contain_text("Application approved.")

    membership = Membership.objects.get(person=member)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.application.reviewed_by.email == STAFF
    outbox.wait_for(member.email, "Welcome: your membership is active")
    context.close()


def _open_send_screen(admin, issue):
    """The issue's send screen, from its editor: a button of the header, or an item of the
    header's menu."""
    links = admin.locator(f"a[href$='/newsletter/issues/{issue.pk}/send/']")
    if not links.filter(visible=True).count():
        admin.locator("header [data-w-dropdown-target=toggle]").first.click()
    with admin.expect_navigation():
        links.filter(visible=True).first.click()


def test_staff_write_preview_test_and_send_an_issue(browser, journey_site, journey_worker, outbox):
    readers = AudienceFactory(name="All readers", include_subscribers=True)
    subscribers = [SubscriberFactory(email=f"reader{n}@example.org") for n in range(3)]
    context, admin = _sign_in(browser, journey_site)

    _sidebar(admin, "Newsletter", "Issues")
    with admin.expect_navigation():
        admin.get_by_role("link", name=re.compile("Add newsletter issue")).first.click()
    admin.fill("#id_subject", "Infocluster: clusters in December")
    admin.locator("#id_subject").press("Tab")
    expect(admin.locator("#id_slug")).to_have_value("infocluster-clusters-in-december")
    admin.locator("#panel-audience-section").get_by_role(
        "button", name=re.compile("Choose")
    ).click()
    chooser = admin.locator(".modal-dialog")
    chooser.get_by_role("link", name="All readers").click()
    expect(chooser).to_have_count(0)
    admin.get_by_role("button", name="Insert a block").first.click()
    admin.get_by_role("option", name="Text").click()
    editor = admin.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Twelve clusters meet in Kragujevac.")
    # Draftail writes the form's field a moment after the last keystroke.
    expect(admin.locator("input[name=body-0-value]")).to_have_value(re.compile("Kragujevac"))
    _settle(admin)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save", exact=True).click()
    issue = NewsletterIssue.objects.get(slug="infocluster-clusters-in-december")
    assert issue.audience == readers

    # The preview: the issue as the e-mail looks, styles and all.
    if "/edit/" not in admin.url:
        with admin.expect_navigation():
            admin.get_by_role("link", name="Infocluster: clusters in December").first.click()
    admin.locator("[data-side-panel-toggle=preview]").click()
    preview = admin.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Infocluster: clusters in December")
    expect(preview.locator("body")).to_contain_text("Twelve clusters meet in Kragujevac.")
    # The e-mail's inline styles apply: the heading is white on the association's blue.
    expect(preview.locator("h1")).to_have_css("color", "rgb(255, 255, 255)")

    _open_send_screen(admin, issue)
    with admin.expect_navigation():
        admin.get_by_role("button", name=f"Send a test to {STAFF}").click()
    test = outbox.wait_for(STAFF, "[Test] Infocluster: clusters in December")
    assert "Twelve clusters meet in Kragujevac." in test.text()
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.DRAFT

    admin.on("dialog", lambda dialog: dialog.accept())
    with admin.expect_navigation():
        admin.get_by_role("button", name="Send now").click()
    # The screen refreshes itself while sending, until every delivery is done.
    progress = admin.locator("[data-newsletter-progress]")
    expect(progress).to_contain_text("3 of 3 sent", timeout=90_000)
    expect(admin.locator("main dd").first).to_contain_text("Sent", timeout=30_000)
    for subscriber in subscribers:
        mail = outbox.wait_for(subscriber.email, "Infocluster: clusters in December")
        assert "Twelve clusters meet in Kragujevac." in mail.text()
        assert mail.link("/newsletter/unsubscribe/")
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT
    context.close()
