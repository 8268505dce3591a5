"""The public archive: sent issues in the reader's language, newest first, paginated, in a
number of queries that does not grow with the issues."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from newsletter import dissemination
from newsletter.models import IssueAttachment
from newsletter.rendering import render_issue
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    NewsletterIssueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


def _sent(n, language="en", **fields):
    issues = []
    for i in range(n):
        issue = NewsletterIssueFactory(language=language, **fields)
        dissemination.issue_send_now(issue=issue)  # freezes the web version
        issue.refresh_from_db()
        issue.status, issue.sent_at = "sent", timezone.now() - datetime.timedelta(days=i)
        issue.save()
        document = Document.objects.create(
            title=f"Infocluster magazine {i}", file=ContentFile(b"%PDF-1.4", name=f"m{i}.pdf")
        )
        IssueAttachment.objects.create(issue=issue, document=document)
        issues.append(issue)
    return issues


def _queries(client, url):
    client.get(url)  # warm the site's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_archive_lists_sent_issues_newest_first_with_their_pdfs(client):
    newest, older = _sent(2)
    NewsletterIssueFactory(subject="A draft")
    _sent(1, language="sr", subject="Српски број", slug="srpski-broj")

    html = client.get("/newsletter/archive/").content.decode()

    assert html.index(newest.subject) < html.index(older.subject)
    assert "A draft" not in html and "Српски број" not in html
    assert "Infocluster magazine 0 (PDF)" in html
    assert "Српски број" in client.get("/sr/newsletter/archive/").content.decode()


@pytest.mark.usefixtures("uncached_pages")
def test_archive_queries_do_not_grow_with_the_issues(client):
    _sent(1)
    few, _ = _queries(client, "/newsletter/archive/")
    _sent(13)
    many, response = _queries(client, "/newsletter/archive/")

    assert few == many
    assert len(response.context["issues"]) == 12
    assert client.get("/newsletter/archive/?page=2").status_code == 200
    assert client.get("/newsletter/archive/?page=nonsense").status_code == 200


@pytest.mark.usefixtures("uncached_pages")
def test_an_archived_issue_is_its_web_version_in_fixed_queries(client):
    [first] = _sent(1)
    few, response = _queries(client, f"/newsletter/archive/{first.slug}/")
    _sent(5)
    many, _ = _queries(client, f"/newsletter/archive/{first.slug}/")

    html = response.content.decode()
    assert first.subject in html and "cluster network" in html
    assert "style=" not in html.split("<main", 1)[1]  # the public CSP allows no inline styles
    assert few == many


@pytest.mark.parametrize("slug", ["no-such-issue", "a-draft"])
def test_unknown_or_unsent_issues_are_404(client, slug):
    NewsletterIssueFactory(slug="a-draft")
    assert client.get(f"/newsletter/archive/{slug}/").status_code == 404


def _event(index, title, days):
    start = timezone.now() + datetime.timedelta(days=days)
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + datetime.timedelta(hours=6)
    )


def test_an_upcoming_events_block_lists_the_next_events_in_the_issue_language(site):
    index = EventIndexPageFactory(parent=site)
    _event(index, "Balkan Cluster Day 2016", -400)
    _event(index, "Days of Clusters", 40)
    _event(index, "Business Cluster Club", 10)
    _event(index, "Trade fair in Novi Sad", 90)
    issue = NewsletterIssueFactory(body=[("upcoming_events", {"heading": "Coming up", "count": 2})])

    rendered = render_issue(issue)

    for version in (rendered.email_html, rendered.email_text, rendered.web_html):
        assert "coming up" in version.lower()  # the text version shouts its headings
        assert version.index("Business Cluster Club") < version.index("Days of Clusters")
        assert "Trade fair in Novi Sad" not in version and "Balkan Cluster Day 2016" not in version
    # No Serbian events: a Serbian issue leaves the empty block out.
    serbian = NewsletterIssueFactory(language="sr", body=issue.body.raw_data)
    assert "coming up" not in render_issue(serbian).email_html.lower()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_sent_issues_of_public_audiences_in_the_archive():
    before = [("newsletter", "0002_soft_bounces")]
    after = [("newsletter", "0003_public_archive_and_consented_audiences")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Audience = apps.get_model("newsletter", "Audience")  # noqa: N806
    Issue = apps.get_model("newsletter", "NewsletterIssue")  # noqa: N806
    public = Audience.objects.create(name="Everyone", include_subscribers=True)
    members = Audience.objects.create(
        name="Members", include_subscribers=False, include_members=True
    )
    for slug, audience, status in [
        ("public-sent", public, "sent"),
        ("members-sent", members, "sent"),
        ("public-draft", public, "draft"),
    ]:
        Issue.objects.create(
            subject=slug, slug=slug, language="en", audience=audience, status=status, body="[]"
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    archived = dict(
        executor.loader.project_state(after)
        .apps.get_model("newsletter", "NewsletterIssue")
        .objects.values_list("slug", "in_public_archive")
    )
    # Then every later migration: the tests after this one need the schema as it is now.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert archived == {"public-sent": True, "members-sent": False, "public-draft": False}
