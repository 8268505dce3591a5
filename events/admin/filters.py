"""The filters of the registration list: event, ticket type, status.

Filters come from the query string, so a value that names nothing (another script's digits,
an id beyond every table, an unknown status) is ignored, as the other filters still apply:
the list of one event never widens to every event because its ticket filter was garbage."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from association.hygiene import query_int

from .. import selectors
from ..models import Registration, TicketType


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A row named by its id: plain ASCII digits within the database's integers, or
    invalid (``int()`` alone would read "٣" as 3 and overflow on thirty nines)."""

    def to_python(self, value):
        if value not in self.empty_values and query_int(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def _events(request):
    """The original pages: registrations hang on them, not on their translations."""
    return selectors.admin_event_rows()


def _ticket_label(ticket_type: TicketType) -> str:
    return f"{ticket_type.page.title} · {ticket_type.name}"


class RegistrationFilterSet(WagtailFilterSet):
    event = IdChoiceFilter(label=_("Event"), queryset=_events)
    ticket_type = IdChoiceFilter(
        label=_("Ticket type"),
        queryset=TicketType.objects.select_related("page").order_by("page_id", "sort_order"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Registration
        fields = ["event", "ticket_type", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event_id = query_int(self.data.get("event"))
        ticket_type = self.filters["ticket_type"]
        if event_id is not None:
            # One event: its own ticket types, by their names.
            ticket_type.queryset = ticket_type.queryset.filter(page_id=event_id)
        else:
            # Every event's: "Guest" twice needs the event's title.
            self.form.fields["ticket_type"].label_from_instance = _ticket_label

    def is_valid(self):
        """Always usable: the fields whose value is invalid drop out of ``cleaned_data``
        (and so filter nothing); the form still shows what was wrong with them."""
        self.form.errors  # noqa: B018 (cleans the form once)
        return self.is_bound
