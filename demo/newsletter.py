"""Demo content for the Infocluster newsletter: an audience, a few hundred demo subscribers
on example.org/example.com addresses, one sent issue (its deliveries marked sent; no mail
leaves) with the magazine PDF, and a draft. Idempotent: rows are found by address or slug."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from demo.seeding import EVERYTHING, Scope
from newsletter.models import (
    Audience,
    Consent,
    Delivery,
    IssueAttachment,
    NewsletterIssue,
    Subscriber,
)
from newsletter.rendering import render_issue

SUBSCRIBERS = 300
# With ``seed_demo --subset`` (the tests): the first of them.
SUBSET_SUBSCRIBERS = 30
FIRST = ["Ana", "Bojan", "Milica", "Nikola", "Jelena", "Marko", "Ivana", "Stefan", "Teodora", ""]
LAST = ["Petrović", "Jovanović", "Nikolić", "Ilić", "Đorđević", "Stanković", "Pavlović"]
LANGUAGES = ["en", "sr-latn", "sr-latn", "sr"]
WORDING = (
    "I agree to receive Infocluster, the e-mail newsletter of the cluster association, in the "
    "language I chose, and I know I can unsubscribe at any time with the link in every issue."
)
SENT_SLUG = "infocluster-october-2026"
DRAFT_SLUG = "infocluster-november-2026"
MAGAZINE_TITLE = "Infocluster magazine, autumn 2026"
# The smallest well-formed one-page PDF: enough for the archive's download link.
MAGAZINE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _subscribers(now, count: int) -> int:
    wanted = []
    for n in range(count):
        domain = "example.org" if n % 3 else "example.com"
        first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
        status = "pending" if n % 50 == 7 else "unsubscribed" if n % 60 == 11 else "confirmed"
        wanted.append(
            Subscriber(
                email=f"reader{n:03d}@{domain}",
                name=f"{first} {last}" if first else "",
                language=LANGUAGES[n % len(LANGUAGES)],
                status=status,
                confirmed_at=now - datetime.timedelta(days=n) if status != "pending" else None,
            )
        )
    existing = set(
        Subscriber.objects.filter(email__in=[s.email for s in wanted]).values_list(
            "email", flat=True
        )
    )
    new = [s for s in wanted if s.email not in existing]
    Subscriber.objects.bulk_create(new, ignore_conflicts=True)
    created = Subscriber.objects.filter(email__in=[s.email for s in new])
    Consent.objects.bulk_create(
        [
            Consent(
                subscriber=s,
                action="confirmed",
                source="demo",
                wording=WORDING,
                created_at=s.confirmed_at or now,
            )
            for s in created
        ]
    )
    return len(new)


def _magazine() -> Document:
    document = Document.objects.filter(title=MAGAZINE_TITLE).first()
    if document is None:
        document = Document(title=MAGAZINE_TITLE)
        document.file.save("infocluster-autumn-2026.pdf", ContentFile(MAGAZINE_PDF), save=False)
        document.save()
    return document


SENT_BODY = [
    (
        "text",
        "<p>This month the cluster network meets in Niš for the Days of "
        "Clusters. Read what is new among our members and what comes next.</p>",
    ),
    ("latest_news", {"heading": "Latest news", "count": 3}),
    ("upcoming_events", {"heading": "Upcoming events", "count": 3}),
    (
        "call_to_action",
        {
            "title": "Promote your cluster in Infocluster",
            "text": "Members are featured in the magazine for free.",
            "button_label": "Become a member",
            "page": None,
            "external_url": "https://example.org/membership/",
        },
    ),
]
DRAFT_BODY = [
    ("text", "<p>Draft: the next Business Cluster Club and Balkan Cluster Day.</p>"),
    ("upcoming_events", {"heading": "Upcoming events", "count": 3}),
]


def _sent_issue(audience, now) -> None:
    """The sent issue with the magazine, its deliveries marked sent as if it had gone out."""
    issue = NewsletterIssue.objects.create(
        slug=SENT_SLUG,
        subject="Infocluster: Days of Clusters in Niš and new calls",
        preheader="The conference programme, calls for cluster projects and the magazine.",
        language="en",
        audience=audience,
        body=SENT_BODY,
    )
    IssueAttachment.objects.create(issue=issue, document=_magazine())
    rendered = render_issue(issue)
    issue.email_html, issue.email_text = rendered.email_html, rendered.email_text
    issue.web_html = rendered.web_html
    issue.status, issue.sent_at = NewsletterIssue.Status.SENT, now - datetime.timedelta(days=20)
    issue.in_public_archive = audience.is_public  # as sending would have frozen it
    issue.send_started_at = issue.prepared_at = issue.sent_at
    # An issue goes to the subscribers who chose its language (newsletter.selectors).
    confirmed = Subscriber.objects.filter(
        status="confirmed", email__startswith="reader", language=issue.language
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                issue=issue,
                subscriber=s,
                email=s.email,
                name=s.name,
                status="sent",
                sent_at=issue.sent_at,
            )
            for s in confirmed
        ],
        ignore_conflicts=True,
    )
    issue.recipients_total = issue.deliveries.count()
    issue.save()


def _draft_issue(audience) -> None:
    NewsletterIssue.objects.create(
        slug=DRAFT_SLUG,
        subject="Infocluster: Balkan Cluster Day and Business Cluster Clubs",
        preheader="A draft for staff to preview, test and send.",
        language="en",
        audience=audience,
        body=DRAFT_BODY,
    )


def _issues(audience, now, scope: Scope) -> list[str]:
    done = []
    if not NewsletterIssue.objects.filter(slug=SENT_SLUG).exists():
        _sent_issue(audience, now)
        done.append("sent issue")
    if not scope.subset and not NewsletterIssue.objects.filter(slug=DRAFT_SLUG).exists():
        _draft_issue(audience)
        done.append("draft issue")
    return done


def seed_newsletter(scope: Scope = EVERYTHING) -> str:
    """The audience, the subscribers and the issues (only the sent one with ``--subset``)."""
    now = timezone.now()
    audience, _ = Audience.objects.get_or_create(
        name="All confirmed subscribers", defaults={"include_subscribers": True}
    )
    created = _subscribers(now, SUBSET_SUBSCRIBERS if scope.subset else SUBSCRIBERS)
    issues = _issues(audience, now, scope)
    return (
        f"Newsletter: {created} demo subscribers created "
        f"({Subscriber.objects.count()} in all); {', '.join(issues) or 'issues unchanged'}."
    )
