import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage
from twins.search import fold

from ..admin.forms import EventPageForm
from .snippets import EventSeries, Speaker


class EventIndexPage(RoutablePageMixin, BasePage):
    """/events/: upcoming events first, past ones in their own tab, filters, and the calendar
    feed. The routes live in ``events.views.pages``."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    @path("")
    def index_route(self, request):
        from events import views

        return views.pages.event_index(self, request)

    @path("feed.ics", name="feed")
    def feed_route(self, request):
        from events import views

        return views.pages.event_feed(self, request)


class EventPage(RoutablePageMixin, BasePage):
    class EventType(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        B2B = "b2b", _("B2B meetings")
        CLUB = "club", _("Business club")
        TRAINING = "training", _("Training")
        FAIR = "fair", _("Trade fair")
        WEBINAR = "webinar", _("Webinar")
        OTHER = "other", _("Other")

    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("For example 9 for the 9th edition.")
    )
    event_type = models.CharField(
        _("type"), max_length=20, choices=EventType.choices, default=EventType.CONFERENCE
    )
    start = models.DateTimeField(_("starts"), help_text=_("Time in Belgrade."))
    end = models.DateTimeField(_("ends"))
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to people with a confirmed registration."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("series"), FieldPanel("edition")]),
                FieldPanel("event_type"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("city"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    agenda_panels = [
        InlinePanel("sessions", heading=_("Agenda"), label=_("Session")),
        InlinePanel("partners", heading=_("Partners and sponsors"), label=_("Partner")),
    ]
    ticket_panels = [
        InlinePanel(
            "ticket_types",
            heading=_("Ticket types"),
            label=_("Ticket type"),
            help_text=_("An event without ticket types has no registration."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(agenda_panels, heading=_("Agenda and partners")),
            ObjectList(ticket_panels, heading=_("Tickets")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def card_summary(self) -> str:
        return self.listing_summary or self.intro

    @property
    def listing_date(self) -> datetime.date:
        return timezone.localdate(self.start)

    @property
    def share_image(self):
        return self.social_image or self.listing_image or self.lead_image

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()

    @property
    def has_venue(self) -> bool:
        return bool(self.venue_name or self.address or self.city)

    @property
    def venue_lines(self) -> list[str]:
        """The venue's name, address and city, one line each, leaving out a line that
        repeats the one before it or a city the address already ends with ("Resavska 15,
        Beograd"), in either script."""
        lines: list[str] = []
        for part in (self.venue_name, self.address, self.city):
            part = (part or "").strip()
            if not part:
                continue
            if lines and fold(lines[-1]).endswith(fold(part)):
                continue
            lines.append(part)
        return lines

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_context(self, request, *args, **kwargs):
        from events import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.pages.event_page_context(self, request))
        return context

    @path("")
    def event_route(self, request):
        from events import views

        return views.pages.event_page(self, request)

    @path("event.ics", name="ics")
    def ics_route(self, request):
        from events import views

        return views.pages.event_ics(self, request)

    @path("register/", name="register")
    def register_route(self, request):
        from events import views

        return views.pages.register(self, request)


class EventSession(Orderable, ClusterableModel):
    """One item of the agenda (clusterable, so its speakers are saved with the page's
    revisions)."""

    page = ParentalKey(EventPage, related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    room = models.CharField(_("room"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = ParentalManyToManyField(Speaker, blank=True, verbose_name=_("speakers"))

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("room"),
        FieldPanel("description"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class EventPartner(Orderable):
    class Kind(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("Partner")
        SPONSOR = "sponsor", _("Sponsor")

    page = ParentalKey(EventPage, related_name="partners", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class TicketType(TranslatableMixin, Orderable):
    """A kind of place at an event with its own price and capacity.

    Translations of an event page get their own copies of its ticket types (same
    ``translation_key``); places are counted and locked on the original's row only
    (``canonical``), so a translation never doubles the capacity."""

    page = ParentalKey(EventPage, related_name="ticket_types", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=255, blank=True)
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    member_price = models.DecimalField(
        _("member price (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Leave empty when members pay the full price."),
    )
    price_rsd = models.DecimalField(
        _("price (RSD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Set it to let people pay by bank transfer against a pro-forma invoice."),
    )
    member_price_rsd = models.DecimalField(
        _("member price (RSD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    sale_starts = models.DateTimeField(_("sale starts"), null=True, blank=True)
    sale_ends = models.DateTimeField(
        _("sale ends"), null=True, blank=True, help_text=_("Empty: until the event starts.")
    )
    members_only = models.BooleanField(_("members only"), default=False)
    waiting_list = models.BooleanField(_("keep a waiting list when full"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("member_price"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("price_rsd"), FieldPanel("member_price_rsd")]),
        FieldRowPanel([FieldPanel("sale_starts"), FieldPanel("sale_ends")]),
        FieldRowPanel([FieldPanel("members_only"), FieldPanel("waiting_list")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.sale_starts and self.sale_ends and self.sale_ends < self.sale_starts:
            raise ValidationError({"sale_ends": _("The sale cannot end before it starts.")})

    def price_rsd_for(self, *, is_member: bool) -> Decimal | None:
        """The dinar price a bank transfer asks, or ``None`` where only card payment is set."""
        if is_member and self.member_price_rsd is not None:
            return self.member_price_rsd
        return self.price_rsd

    def price_for(self, *, is_member: bool) -> Decimal:
        if is_member and self.member_price is not None:
            return self.member_price
        return self.price

    @property
    def is_free(self) -> bool:
        return self.price == 0 and (self.member_price is None or self.member_price == 0)

    def sale_state_changes(self) -> list:
        """The moments at which ``sale_state`` may change (some may be None or past)."""
        return [self.sale_starts, self.sale_ends or self.page.start, self.page.end]

    def sale_state(self, now=None) -> str:
        """ "upcoming", "open" or "closed" (the window, or the event's start)."""
        now = now or timezone.now()
        if self.sale_starts and now < self.sale_starts:
            return "upcoming"
        ends = self.sale_ends or self.page.start
        if now >= ends or now >= self.page.end:
            return "closed"
        return "open"
