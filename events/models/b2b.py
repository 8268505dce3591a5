"""B2B matchmaking on an event: the session (slots, tables, who takes part), the
participants' profiles with what they offer and seek, meeting requests, the meetings the
schedule places into slot x table, and what came of each meeting.

Slots are numbered from 0 (``slot_start``) and tables from 1, as printed on the tables. The
rules the services keep are backed by the database where one row can state them: one active
request per pair (either direction), one meeting per request, one placed meeting per table and
slot, one placed meeting per profile and slot on each side of the meeting.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from membership.models.eccp import ChoiceListField, language_choices
from membership.models.organisations import Organisation

MAX_SLOTS = 96
MAX_TABLES = 500


class B2BSession(models.Model):
    """Matchmaking on one event (its original page, which registrations hang on)."""

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="b2b_session",
    )
    agenda_session = models.ForeignKey(
        "events.EventSession",
        verbose_name=_("agenda session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The item of the event's agenda the meetings belong to, if any."),
    )
    enabled = models.BooleanField(
        _("matchmaking on"),
        default=False,
        help_text=_("Participants see the B2B pages only while this is on."),
    )
    first_slot_start = models.DateTimeField(_("first meeting starts"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    slot_count = models.PositiveSmallIntegerField(
        _("number of slots"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOTS)],
        help_text=_("Breaks included: a break is a slot nobody meets in."),
    )
    break_slots = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_("The slots that are breaks, as a list of numbers (0 is the first slot)."),
    )
    table_count = models.PositiveSmallIntegerField(
        _("number of tables"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TABLES)],
    )
    requests_open = models.DateTimeField(
        _("requests open"), null=True, blank=True, help_text=_("Empty: as soon as it is on.")
    )
    requests_close = models.DateTimeField(
        _("requests close"),
        null=True,
        blank=True,
        help_text=_("Empty: when the first meeting starts."),
    )
    ticket_types = models.ManyToManyField(
        "events.TicketType",
        verbose_name=_("ticket types taking part"),
        blank=True,
        related_name="b2b_sessions",
        help_text=_("Confirmed holders of these tickets take part. None chosen: every ticket."),
    )
    no_repeat_pairs = models.BooleanField(
        _("no repeat pairs"),
        default=False,
        help_text=_("Refuse meetings between organisations that met at an earlier event."),
    )
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    # Bumped by every scheduling run and every change of slots or tables, so a screen that
    # showed one schedule can tell that another replaced it.
    schedule_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")

    def __str__(self) -> str:
        return str(_("B2B meetings: %(event)s") % {"event": self.event})

    def clean(self):
        super().clean()
        errors = {}
        breaks = self.break_slots
        if not isinstance(breaks, list) or not all(type(item) is int for item in breaks):
            errors["break_slots"] = _("Give the breaks as a list of slot numbers.")
        elif any(not 0 <= item < (self.slot_count or 0) for item in breaks):
            errors["break_slots"] = _("A break must be one of the slots.")
        elif len(set(breaks)) != len(breaks):
            errors["break_slots"] = _("A break is given twice.")
        if self.requests_open and self.requests_close and self.requests_close < self.requests_open:
            errors["requests_close"] = _("Requests cannot close before they open.")
        if errors:
            raise ValidationError(errors)

    def slot_start(self, slot: int) -> datetime.datetime:
        return self.first_slot_start + datetime.timedelta(minutes=self.slot_minutes * slot)

    def slot_end(self, slot: int) -> datetime.datetime:
        return self.slot_start(slot) + datetime.timedelta(minutes=self.slot_minutes)

    @property
    def meeting_slots(self) -> list[int]:
        """The slots that are not breaks."""
        breaks = set(self.break_slots or [])
        return [slot for slot in range(self.slot_count) if slot not in breaks]

    @property
    def requests_deadline(self) -> datetime.datetime:
        return self.requests_close or self.first_slot_start

    def requests_state(self, now: datetime.datetime) -> str:
        """ "upcoming", "open" or "closed"."""
        if self.requests_open and now < self.requests_open:
            return "upcoming"
        if now >= self.requests_deadline:
            return "closed"
        return "open"


class B2BProfile(models.Model):
    """A participant's profile for one session: who they are, what they offer and seek, and
    when they are free."""

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), on_delete=models.CASCADE, related_name="profiles"
    )
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="b2b_profiles",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="b2b_profiles",
    )
    description = models.TextField(_("about us"), max_length=2000, blank=True)
    region = models.CharField(
        _("region"), max_length=20, choices=Organisation.Region.choices, blank=True
    )
    sectors = models.ManyToManyField(
        "membership.Sector", verbose_name=_("sectors"), blank=True, related_name="b2b_profiles"
    )
    technology_fields = models.ManyToManyField(
        "membership.TechnologyField",
        verbose_name=_("technology fields"),
        blank=True,
        related_name="b2b_profiles",
    )
    languages = ChoiceListField(_("languages spoken"), vocabulary=language_choices)
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings I want"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOTS)],
        help_text=_("Empty: as many as the slots allow."),
    )
    # The slots (numbered from 0) the participant is free in; null: every slot.
    available_slots = models.JSONField(_("available slots"), null=True, blank=True)
    is_visible = models.BooleanField(
        _("shown to other participants"),
        default=True,
        help_text=_("Hidden profiles receive no new requests."),
    )
    # The name, organisation, description and items folded (twins.search.fold), for search.
    search_folded = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("B2B profile")
        verbose_name_plural = _("B2B profiles")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="one_b2b_profile_per_registration"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def organisation_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.registration.organisation_name

    @property
    def display_name(self) -> str:
        organisation = self.organisation_name
        name = self.registration.name
        return f"{name} ({organisation})" if organisation else name

    def free_slots(self) -> set[int]:
        """The slots this participant can meet in: their own, less the session's breaks."""
        meeting_slots = set(self.session.meeting_slots)
        if self.available_slots is None:
            return meeting_slots
        return meeting_slots & set(self.available_slots)


class B2BItem(models.Model):
    """One thing a participant offers or seeks."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("We offer")
        SEEK = "seek", _("We seek")

    class Kind(models.TextChoices):
        COOPERATION_OFFER = "cooperation_offer", _("Cooperation offer")
        COOPERATION_REQUEST = "cooperation_request", _("Cooperation request")
        INVESTMENT = "investment", _("Investment")
        RD_PARTNER = "rd_partner", _("R&D partner")
        SUPPLIER = "supplier", _("Supplier")
        CUSTOMER = "customer", _("Customer")

    profile = models.ForeignKey(B2BProfile, on_delete=models.CASCADE, related_name="items")
    direction = models.CharField(_("offer or seek"), max_length=5, choices=Direction.choices)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    text = models.CharField(_("in short"), max_length=300)
    sectors = models.ManyToManyField(
        "membership.Sector", verbose_name=_("sectors"), blank=True, related_name="b2b_items"
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.get_kind_display()} · {self.text}"


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.PENDING, Status.ACCEPTED)

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), on_delete=models.CASCADE, related_name="requests"
    )
    from_profile = models.ForeignKey(
        B2BProfile,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    to_profile = models.ForeignKey(
        B2BProfile,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["session", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_profile=F("to_profile")), name="meeting_request_not_to_oneself"
            ),
            # The service checks first; two people asking each other at once meet this.
            models.UniqueConstraint(
                Least("from_profile", "to_profile"),
                Greatest("from_profile", "to_profile"),
                condition=Q(status__in=["pending", "accepted"]),
                name="one_active_meeting_request_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_profile} → {self.to_profile} ({self.get_status_display()})"

    def other_side(self, profile: B2BProfile) -> B2BProfile:
        return self.to_profile if profile.pk == self.from_profile_id else self.from_profile


class Meeting(models.Model):
    """An accepted request placed into the schedule. ``profile_a`` asked, ``profile_b``
    accepted (copied from the request so that the database can hold each to one meeting per
    slot)."""

    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelReason(models.TextChoices):
        NONE = "", _("None")
        REGISTRATION = "registration", _("A participant cancelled their registration")
        WITHDRAWN = "withdrawn", _("A participant cancelled the meeting")
        NO_SHOW = "no_show", _("A participant did not come")
        STAFF = "staff", _("Cancelled by the organisers")

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="meeting",
    )
    profile_a = models.ForeignKey(
        B2BProfile, on_delete=models.CASCADE, related_name="meetings_as_a", editable=False
    )
    profile_b = models.ForeignKey(
        B2BProfile, on_delete=models.CASCADE, related_name="meetings_as_b", editable=False
    )
    slot = models.PositiveSmallIntegerField(_("slot"))
    table = models.PositiveSmallIntegerField(_("table"), validators=[MinValueValidator(1)])
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Sent to both sides: it stays where it is when staff schedule again."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLACED
    )
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True, default=""
    )
    # Whose cancellation or absence it was, shown to the other side.
    cancelled_by = models.ForeignKey(
        B2BProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot", "table"],
                condition=Q(status="placed"),
                name="one_meeting_per_table_and_slot",
            ),
            # A profile in two meetings of one slot on the same side; across the sides the
            # services check under the session's lock (no portable constraint spans columns).
            models.UniqueConstraint(
                fields=["profile_a", "slot"],
                condition=Q(status="placed"),
                name="one_meeting_per_requester_and_slot",
            ),
            models.UniqueConstraint(
                fields=["profile_b", "slot"],
                condition=Q(status="placed"),
                name="one_meeting_per_recipient_and_slot",
            ),
            models.CheckConstraint(
                condition=~Q(profile_a=F("profile_b")), name="meeting_between_two_profiles"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile_a} · {self.profile_b} ({self.slot}/{self.table})"

    @property
    def is_placed(self) -> bool:
        return self.status == self.Status.PLACED

    def other_side(self, profile: B2BProfile) -> B2BProfile:
        return self.profile_b if profile.pk == self.profile_a_id else self.profile_a

    @property
    def starts_at(self) -> datetime.datetime:
        return self.session.slot_start(self.slot)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.session.slot_end(self.slot)


class MeetingOutcome(models.Model):
    """What one side says came of a meeting."""

    class Result(models.TextChoices):
        NO_INTEREST = "no_interest", _("No interest")
        FOLLOW_UP = "follow_up", _("Follow-up")
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
        AGREEMENT = "agreement", _("Agreement / MoU")
        JOINT_PROJECT = "joint_project", _("Joint project application")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    profile = models.ForeignKey(
        B2BProfile, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "profile"], name="one_outcome_per_meeting_and_side"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="meeting_outcome_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_result_display()}"
