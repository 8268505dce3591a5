"""The newsletter's snippet viewsets, grouped under the Newsletter menu: issues, audiences,
subscribers and the suppression list."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from association.exports import SanitisedExportMixin, both_formats, local_minute

from ..models import Audience, NewsletterIssue, Subscriber, SuppressedAddress
from ..selectors import audience_count, subscribers_with_consent


def dispatch_label(issue: NewsletterIssue) -> str:
    """The send screen's name for an issue: to send it while it can change, else to watch."""
    return _("Send…") if issue.is_editable else _("Progress")


class NewsletterIssueEditView(EditView):
    """The issue's editor, with its send screen one click away in the header."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("newsletter.change_newsletterissue"):
            buttons.append(
                HeaderButton(
                    dispatch_label(self.object),
                    url=reverse("newsletter_issue_dispatch", args=[self.object.pk]),
                    icon_name="mail",
                    attrs={"data-newsletter-send": ""},
                )
            )
        return buttons


class NewsletterIssueSnippetViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    edit_view_class = NewsletterIssueEditView
    menu_label = _("Issues")
    list_display = ["subject", "language", "status", "audience", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = False


class AudienceCountColumn(Column):
    def get_value(self, instance):
        return audience_count(audience=instance)


class AudienceSnippetViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", AudienceCountColumn("count", label=_("Recipients now"))]


SUBSCRIBER_EXPORT_HEADINGS = {
    "email": _("E-mail"),
    "name": _("Name"),
    "get_language_display": _("Language"),
    "get_status_display": _("Status"),
    "consent_source": _("Consent source"),
    "consent_at": _("Consent given"),
    "created_at": _("Created"),
    "confirmed_at": _("Confirmed"),
    "unsubscribed_at": _("Unsubscribed"),
}


class SubscriberIndexView(SanitisedExportMixin, IndexView):
    """Subscribers with their consent record (``subscribers_with_consent``), exported as CSV
    or XLSX, filters and search applied."""

    custom_field_preprocess = {
        field: both_formats(local_minute)
        for field in ("consent_at", "created_at", "confirmed_at", "unsubscribed_at")
    }

    def get_base_queryset(self):
        return subscribers_with_consent()

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
    list_filter = ["status", "language", "created_at"]
    search_fields = ["email", "name"]
    list_export = list(SUBSCRIBER_EXPORT_HEADINGS)
    export_headings = SUBSCRIBER_EXPORT_HEADINGS
    export_filename = "newsletter-subscribers"
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
