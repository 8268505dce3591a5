from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """The event editor refuses to remove a ticket type people have registered for (their
    registrations, and payments, point at it); staff close its sale or cancel them instead."""

    def clean(self):
        cleaned = super().clean()
        from .models import Registration

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
