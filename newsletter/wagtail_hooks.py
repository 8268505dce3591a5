"""The Newsletter menu of the Wagtail admin: issues, audiences, subscribers and the
suppression list, with the send screen, the import and "disseminate" on pages."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views
from .models import Audience, NewsletterIssue, Subscriber, SuppressedAddress


class NewsletterIssueSnippetViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["subject", "language", "status", "audience", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = False


class AudienceCountColumn(Column):
    def get_value(self, instance):
        from .selectors import audience_count

        return audience_count(instance)


class AudienceSnippetViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", AudienceCountColumn("count", label=_("Recipients now"))]


class SubscriberIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("newsletter.add_subscriber"):
            buttons.append(
                HeaderButton(
                    _("Import CSV"),
                    url=reverse("newsletter_subscribers_import"),
                    icon_name="upload",
                )
            )
        return buttons


class SubscriberCreateView(CreateView):
    """Subscribers arrive with their consent (the form, the dashboard, an import), never
    typed in by staff, so "Add" leads to the import."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("newsletter_subscribers_import")


class SuppressedAddressCreateView(CreateView):
    """Addresses are suppressed by unsubscribing, bounces, complaints and erasure."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("wagtailsnippets_newsletter_suppressedaddress:list")


class SubscriberSnippetViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    index_view_class = SubscriberIndexView
    add_view_class = SubscriberCreateView
    list_display = ["email", "name", "status", "language", "created_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["name", "language", "interests"]


class SuppressedAddressSnippetViewSet(SnippetViewSet):
    model = SuppressedAddress
    icon = "cross"
    menu_label = _("Suppressed addresses")
    add_view_class = SuppressedAddressCreateView
    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    copy_view_enabled = False
    form_fields = ["reason"]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 260
    items = (
        NewsletterIssueSnippetViewSet,
        AudienceSnippetViewSet,
        SubscriberSnippetViewSet,
        SuppressedAddressSnippetViewSet,
    )


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/issues/<int:pk>/send/",
            admin_views.issue_dispatch,
            name="newsletter_issue_dispatch",
        ),
        path(
            "newsletter/audiences/<int:pk>/count/",
            admin_views.audience_count,
            name="newsletter_audience_count",
        ),
        path(
            "newsletter/subscribers/<int:pk>/export/",
            admin_views.subscriber_export,
            name="newsletter_subscriber_export",
        ),
        path(
            "newsletter/subscribers/import/",
            admin_views.subscribers_import_view,
            name="newsletter_subscribers_import",
        ),
        path(
            "newsletter/disseminate/<int:page_id>/",
            admin_views.disseminate,
            name="newsletter_disseminate",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def newsletter_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue) and user.has_perm("newsletter.change_newsletterissue"):
        label = _("Send…") if snippet.is_editable else _("Progress")
        yield Button(
            label,
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
    if page.specific_class._meta.label not in admin_views.DISSEMINATED_PAGE_TYPES:
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
