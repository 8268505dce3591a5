"""Forms of the events admin: the event page editor, the check-in code, moving a
registration to another ticket type."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

# The module, not the package: events.models imports this form while it loads.
from ..models.registrations import Registration


class EventPageForm(WagtailAdminPageForm):
    """The event editor refuses to remove a ticket type people have registered for (their
    registrations, and payments, point at it); staff close its sale or cancel them instead."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("ticket_types")
        for form in getattr(formset, "deleted_forms", []):
            ticket_type = form.instance
            if ticket_type.pk and Registration.objects.filter(ticket_type=ticket_type).exists():
                self.add_error(
                    None,
                    _(
                        "The ticket type “%(name)s” has registrations and cannot be removed. "
                        "End its sale instead."
                    )
                    % {"name": ticket_type.name},
                )
        return cleaned


class CheckInForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Ticket code"), max_length=64)


class MoveForm(forms.Form):
    ticket_type = forms.TypedChoiceField(label=gettext_lazy("Move to"), coerce=int)

    def __init__(self, *args, ticket_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = [(t.pk, t.name) for t in ticket_types]
