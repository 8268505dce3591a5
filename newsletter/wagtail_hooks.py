"""Registers the newsletter's admin (``newsletter/admin/``): the Newsletter menu of snippet
viewsets, the send screen, the import and "disseminate" on pages, and their buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from .admin import views
from .admin.viewsets import NewsletterViewSetGroup, dispatch_label
from .models import Audience, NewsletterIssue, Subscriber

register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/issues/<int:pk>/send/",
            views.issue_dispatch,
            name="newsletter_issue_dispatch",
        ),
        path(
            "newsletter/audiences/<int:pk>/count/",
            views.audience_count,
            name="newsletter_audience_count",
        ),
        path(
            "newsletter/subscribers/<int:pk>/export/",
            views.subscriber_export,
            name="newsletter_subscriber_export",
        ),
        path(
            "newsletter/subscribers/import/",
            views.subscribers_import_view,
            name="newsletter_subscribers_import",
        ),
        path(
            "newsletter/disseminate/<int:page_id>/",
            views.disseminate,
            name="newsletter_disseminate",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def newsletter_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue) and user.has_perm("newsletter.change_newsletterissue"):
        yield Button(
            dispatch_label(snippet),
            url=reverse("newsletter_issue_dispatch", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )
    elif isinstance(snippet, Subscriber) and user.has_perm("newsletter.change_subscriber"):
        yield Button(
            _("Export data (JSON)"),
            url=reverse("newsletter_subscriber_export", args=[snippet.pk]),
            icon_name="download",
            priority=50,
        )
    elif isinstance(snippet, Audience) and user.has_perm("newsletter.view_audience"):
        yield Button(
            _("Count (JSON)"),
            url=reverse("newsletter_audience_count", args=[snippet.pk]),
            icon_name="table",
            priority=50,
        )


def _disseminate_button(page, user):
    if page.specific_class is None:
        return None
    if page.specific_class._meta.label not in views.DISSEMINATED_PAGE_TYPES:
        return None
    if not user.has_perm("newsletter.add_newsletterissue"):
        return None
    return Button(
        _("Disseminate in Infocluster"),
        url=reverse("newsletter_disseminate", args=[page.pk]),
        icon_name="mail",
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def disseminate_header_button(page, user, view_name=None, next_url=None):
    button = _disseminate_button(page, user)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def disseminate_listing_button(page, user, next_url=None):
    button = _disseminate_button(page, user)
    if button:
        yield button
