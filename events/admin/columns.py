"""Columns of the registration list that a model field alone does not make."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class TicketColumn(Column):
    """The ticket type, with the price paid when there is one."""

    def get_value(self, instance):
        name = instance.ticket_type.name
        return f"{name} · {instance.price} EUR" if instance.price else name


class StatusColumn(Column):
    """The status, and until when a held place waits for its payment or confirmation."""

    cell_template_name = "events/admin/registrations/status_cell.html"


class ActionsColumn(Column):
    """Cancel, and move to another ticket type of the event (``move_targets``, set by the
    list for the rows it shows). Only for staff who may change registrations."""

    cell_template_name = "events/admin/registrations/actions_cell.html"

    def __init__(self, name="actions", **kwargs):
        super().__init__(name, label=_("Actions"), **kwargs)

    def get_value(self, instance):
        return None

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        ids = [instance.event_id, instance.pk]
        context["cancel_url"] = reverse("events_admin_registration_cancel", args=ids)
        context["move_url"] = reverse("events_admin_registration_move", args=ids)
        context["move_targets"] = getattr(instance, "move_targets", [])
        return context

    def render_cell_html(self, instance, parent_context):
        # With the request, so the forms get their CSRF token.
        context = self.get_cell_context_data(instance, parent_context)
        return self.cell_template.render(context, request=parent_context.get("request"))
