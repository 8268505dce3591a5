"""Every viewset of the events admin: series and speakers (snippets, grouped in the Events
menu with the registrations and B2B meetings entries) and the registration list; the B2B
outcomes' list is in ``b2b_outcomes``."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import EventSeries, Registration, Speaker
from .columns import ActionsColumn, StatusColumn, TicketColumn
from .filters import RegistrationFilterSet
from .views import RegistrationIndexView


class EventSeriesSnippetViewSet(SnippetViewSet):
    model = EventSeries
    icon = "repeat"
    menu_label = _("Series")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class SpeakerSnippetViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation"]
    search_fields = ["name"]


class EventsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 260
    items = (EventSeriesSnippetViewSet, SpeakerSnippetViewSet)

    def get_submenu_items(self):
        registrations = MenuItem(
            _("Registrations and check-in"),
            reverse("events_admin_events"),
            icon_name="list-ul",
            order=0,
        )
        registrations.is_shown = lambda request: request.user.has_perm("events.view_registration")
        b2b = MenuItem(
            _("B2B meetings"), reverse("events_admin_b2b_sessions"), icon_name="group", order=1
        )
        b2b.is_shown = lambda request: request.user.has_perm("events.view_registration")
        return [registrations, b2b, *super().get_submenu_items()]


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """The list is for looking (``events.view_registration``). A registration changes only
    through the services (cancel, move, check-in: their own views, which ask for
    ``events.change_registration``), so the generic add, edit and delete answer 403 to
    everyone, superusers included, and show no buttons."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission({"view"} & set(actions))


EXPORT_HEADINGS = {
    "code": _("Ticket code"),
    "name": _("Name"),
    "email": _("E-mail"),
    "organisation_name": _("Organisation"),
    "ticket_type.name": _("Ticket"),
    "get_status_display": _("Status"),
    "price": _("Price (EUR)"),
    "is_member_price": _("Member price"),
    "created_at": _("Registered"),
    "attended_at": _("Checked in"),
}


class RegistrationViewSet(ModelViewSet):
    """The registrations of every event, or of one (``?event=<id>``, where the event list
    and the page buttons lead), for badges, catering and the door list."""

    model = Registration
    icon = "list-ul"
    url_prefix = "events/registrations"
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = RegistrationIndexView
    index_results_template_name = "events/admin/registrations/index_results.html"
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation_name"]
    search_backend_name = None
    list_display = [
        "name",
        "event",
        "email",
        "organisation_name",
        TicketColumn("ticket", label=_("Ticket"), sort_key="ticket_type__name"),
        StatusColumn("status", label=_("Status"), sort_key="status"),
        "code",
        "created_at",
        ActionsColumn(),
    ]
    list_per_page = 50
    ordering = ["created_at", "pk"]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    # The form is never shown (nobody may add or change); a viewset still needs one.
    form_fields = ["name"]

    def get_permissions_to_register(self):
        """None: the group editor offers no registration permissions, as before."""
        return Permission.objects.none()
