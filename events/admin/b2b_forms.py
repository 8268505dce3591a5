"""Forms of the B2B staff screens: a session's slots, tables and who takes part, and moving a
meeting by hand. Neither writes: the views hand what they read to the B2B services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput

from ..models import B2BSession, EventSession, TicketType


class BreaksField(forms.CharField):
    """The break slots typed as numbers separated by commas ("3, 7"); 0 is the first slot."""

    def to_python(self, value):
        value = super().to_python(value)
        numbers = []
        for part in value.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isascii() or not part.isdigit() or len(part) > 3:
                raise forms.ValidationError(_("Give the breaks as slot numbers, such as 3, 7."))
            numbers.append(int(part))
        return numbers

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(number) for number in value)
        return value


class B2BSessionForm(forms.ModelForm):
    break_slots = BreaksField(
        label=gettext_lazy("breaks"),
        required=False,
        help_text=gettext_lazy(
            "The slots that are breaks, as numbers separated by commas (0 is the first slot)."
        ),
    )

    class Meta:
        model = B2BSession
        fields = [
            "enabled",
            "agenda_session",
            "first_slot_start",
            "slot_minutes",
            "slot_count",
            "break_slots",
            "table_count",
            "requests_open",
            "requests_close",
            "ticket_types",
            "no_repeat_pairs",
        ]
        widgets = {
            "first_slot_start": AdminDateTimeInput,
            "requests_open": AdminDateTimeInput,
            "requests_close": AdminDateTimeInput,
            "ticket_types": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_types"].queryset = TicketType.objects.filter(page=event).order_by(
            "sort_order", "pk"
        )
        self.fields["agenda_session"].queryset = EventSession.objects.filter(page=event).order_by(
            "sort_order", "pk"
        )


class MeetingMoveForm(forms.Form):
    slot = forms.TypedChoiceField(label=gettext_lazy("Time"), coerce=int)
    table = forms.IntegerField(label=pgettext_lazy("meeting table", "Table"), min_value=1)

    def __init__(self, *args, session: B2BSession, **kwargs):
        super().__init__(*args, **kwargs)
        breaks = set(session.break_slots or [])
        self.fields["slot"].choices = [
            (slot, _slot_label(session, slot, is_break=slot in breaks))
            for slot in range(session.slot_count)
        ]
        self.fields["table"].widget.attrs["max"] = session.table_count


def _slot_label(session: B2BSession, slot: int, *, is_break: bool) -> str:
    start = timezone.localtime(session.slot_start(slot))
    end = timezone.localtime(session.slot_end(slot))
    label = f"{start:%H:%M}–{end:%H:%M}"
    return f"{label} ({_('break')})" if is_break else label
