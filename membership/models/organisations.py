"""Organisations: the cluster directory's entries, their contact persons, the taxonomies
they are filed under and the users who may edit them."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from home.models import BasePage, TranslatableTaxonomy, unique_slug_per_locale
from twins.search import fold

from .eccp import (
    ChoiceListField,
    CooperationActivity,
    EmergingIndustry,
    SupportService,
    language_choices,
)

__all__ = [
    "ClusterDirectoryPage",
    "ContactPerson",
    "Organisation",
    "OrganisationUser",
    "Sector",
    "TechnologyField",
]


class Sector(TranslatableTaxonomy):
    """An industrial sector or a smart-specialisation domain ("ICT", "Food for the future")."""

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [unique_slug_per_locale("unique_sector_slug_locale")]


class TechnologyField(TranslatableTaxonomy):
    """A technology field of the European cluster profile format ("Big data", "IoT")."""

    class Meta(TranslatableTaxonomy.Meta):
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")
        constraints = [unique_slug_per_locale("unique_technology_field_slug_locale")]


class Organisation(RevisionMixin, index.Indexed, ClusterableModel):
    """A member or listed organisation; for a cluster, its full profile."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster organisation")
        SME = "sme", _("SME")
        LARGE_COMPANY = "large_company", _("Large company")
        RESEARCH = "research", _("Research organisation / university")
        SUPPORT = "support", _("Support institution")
        PUBLIC_BODY = "public_body", _("Public body")

    class Label(models.TextChoices):
        NONE = "", _("None")
        BRONZE = "bronze", _("Bronze")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    class Stage(models.TextChoices):
        NEW = "new", _("New initiative")
        INITIAL = "initial", _("Initial operation")
        GROWTH = "growth", _("Growth and commercialisation")
        SUSTAINABILITY = "sustainability", _("Sustainability")
        INDEPENDENT = "independent", _("Independent")

    class DatePrecision(models.TextChoices):
        """How much of the founding date is known: a source that prints "established in
        2008" gives a year, not 1 January 2008."""

        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class Region(models.TextChoices):
        BELGRADE = "belgrade", _("Belgrade")
        VOJVODINA = "vojvodina", _("Vojvodina")
        SUMADIJA_WEST = "sumadija_west", _("Šumadija and Western Serbia")
        SOUTH_EAST = "south_east", _("Southern and Eastern Serbia")
        KOSOVO = "kosovo", _("Kosovo and Metohija")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLUSTER)
    name = models.CharField(_("name"), max_length=255)
    # The name folded (twins.search.fold) for the directory's search: any script, with or
    # without diacritics. Written on every save.
    name_folded = models.CharField(max_length=255, editable=False, blank=True, default="")
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    founding_date = models.DateField(
        _("founding date"),
        null=True,
        blank=True,
        help_text=_("For a month or a year only, give its first day and say so below."),
    )
    founding_date_precision = models.CharField(
        _("founding date known to the nearest"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    excellence_label = models.CharField(
        _("cluster excellence label"), max_length=10, choices=Label.choices, blank=True
    )
    label_expires = models.DateField(_("label valid until"), null=True, blank=True)
    sectors = ParentalManyToManyField(
        Sector, blank=True, verbose_name=_("sectors"), related_name="organisations"
    )
    technology_fields = ParentalManyToManyField(
        TechnologyField,
        blank=True,
        verbose_name=_("technology fields"),
        related_name="organisations",
    )
    stage = models.CharField(
        _("stage of development"), max_length=20, choices=Stage.choices, blank=True
    )
    member_companies = models.PositiveIntegerField(_("member companies"), null=True, blank=True)
    member_smes = models.PositiveIntegerField(_("of which SMEs"), null=True, blank=True)
    member_large_companies = models.PositiveIntegerField(
        _("of which large companies"), null=True, blank=True
    )
    member_research_organisations = models.PositiveIntegerField(
        _("research organisations"), null=True, blank=True
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    turnover = models.DecimalField(
        _("turnover (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    turnover_year = models.PositiveSmallIntegerField(
        _("turnover year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    management_team = models.TextField(
        _("cluster management team"), blank=True, help_text=_("Its roles, one per line.")
    )
    management_team_size = models.PositiveSmallIntegerField(
        _("staff in the management team"), null=True, blank=True
    )
    languages = ChoiceListField(_("languages spoken"), vocabulary=language_choices)
    emerging_industries = ChoiceListField(_("emerging industries"), vocabulary=EmergingIndustry)
    scale_up_facilities = models.TextField(
        _("entrepreneurship and scale-up support facilities"), blank=True
    )
    major_players = models.TextField(
        _("major players"), blank=True, help_text=_("Their names and links, one per line.")
    )
    mission = models.TextField(_("mission"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    has_formalised_strategy = models.BooleanField(
        _("has a formalised strategy"), null=True, blank=True
    )
    has_internationalisation_strategy = models.BooleanField(
        _("has a strategy focus on internationalisation"), null=True, blank=True
    )
    support_services = ChoiceListField(_("support services"), vocabulary=SupportService)
    support_services_details = models.TextField(_("details of support services"), blank=True)
    networks = models.TextField(_("networks and international activities"), blank=True)
    target_countries = CountryField(_("target countries"), multiple=True, blank=True)
    international_activities = ChoiceListField(
        _("international activities"), vocabulary=CooperationActivity
    )
    transnational_target_countries = CountryField(
        _("trans-national target countries"), multiple=True, blank=True
    )
    transnational_activities = ChoiceListField(
        _("trans-national activities"), vocabulary=CooperationActivity
    )
    funded_programmes = models.TextField(
        _("participation in funded support programmes"), blank=True
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    is_founder = models.BooleanField(
        _("founding member"), default=False, help_text=_("A founding member of the association.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown in the public directory and map.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("stage")]),
                FieldPanel("logo"),
                FieldPanel("description"),
                FieldRowPanel([FieldPanel("is_published"), FieldPanel("is_founder")]),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("founding_date"), FieldPanel("founding_date_precision")]),
                FieldRowPanel([FieldPanel("excellence_label"), FieldPanel("label_expires")]),
                FieldPanel("sectors"),
                FieldPanel("technology_fields"),
                FieldPanel("emerging_industries"),
                FieldRowPanel([FieldPanel("management_team"), FieldPanel("management_team_size")]),
                FieldPanel("languages"),
            ],
            heading=_("Profile"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("member_companies"),
                        FieldPanel("member_smes"),
                        FieldPanel("member_large_companies"),
                        FieldPanel("member_research_organisations"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("employees"),
                        FieldPanel("turnover"),
                        FieldPanel("turnover_year"),
                    ]
                ),
                FieldPanel("scale_up_facilities"),
                FieldPanel("major_players"),
            ],
            heading=_("Figures"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mission"),
                FieldPanel("objectives"),
                FieldPanel("activities"),
                FieldRowPanel(
                    [
                        FieldPanel("has_formalised_strategy"),
                        FieldPanel("has_internationalisation_strategy"),
                    ]
                ),
                FieldPanel("support_services"),
                FieldPanel("support_services_details"),
            ],
            heading=_("Strategy and services"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("networks"),
                FieldPanel("target_countries"),
                FieldPanel("international_activities"),
                FieldPanel("transnational_target_countries"),
                FieldPanel("transnational_activities"),
                FieldPanel("funded_programmes"),
            ],
            heading=_("Cooperation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("fax")]),
            ],
            heading=_("Address and contact"),
        ),
        InlinePanel("contact_persons", label=_("Contact persons")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("activities"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("is_published"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_published", "kind"], name="organisation_pub_kind")]

    def clean(self):
        super().clean()
        # A date known to the month or the year is stored as its first day, so sorting and
        # comparing dates stays right, and nothing shows more than is known.
        if self.founding_date is not None:
            if self.founding_date_precision == self.DatePrecision.YEAR:
                self.founding_date = self.founding_date.replace(month=1, day=1)
            elif self.founding_date_precision == self.DatePrecision.MONTH:
                self.founding_date = self.founding_date.replace(day=1)

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name

    @property
    def founding_display(self) -> str:
        """The founding date as precisely as it is known: "2008", "November 2005" or
        "12 July 2010", in the reader's language."""
        if self.founding_date is None:
            return ""
        if self.founding_date_precision == self.DatePrecision.YEAR:
            return str(self.founding_date.year)
        if self.founding_date_precision == self.DatePrecision.MONTH:
            return formats.date_format(self.founding_date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.founding_date, "DATE_FORMAT")

    @property
    def founding_iso(self) -> str:
        """The founding date as ISO 8601 writes a year, a month or a day: "2008", "2005-11",
        "2010-07-12"."""
        if self.founding_date is None:
            return ""
        if self.founding_date_precision == self.DatePrecision.YEAR:
            return f"{self.founding_date.year:04d}"
        if self.founding_date_precision == self.DatePrecision.MONTH:
            return self.founding_date.strftime("%Y-%m")
        return self.founding_date.isoformat()

    def choice_labels(self, name: str) -> list[str]:
        """The labels of a list field's values (``ChoiceListField``), in the reader's
        language."""
        return self._meta.get_field(name).labels(getattr(self, name))

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def region_beyond_city(self) -> str:
        """The region's name where it says more than the city's: empty when there is no
        region, or when the region is named after the city (Belgrade in the region of
        Belgrade), in whichever language or script either is written."""
        if not self.region:
            return ""
        label = dict(self.Region.choices).get(self.region)
        if label is None:  # a value no longer among the choices (imported, older data)
            return ""
        if self.city:
            names = set()
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    names.add(fold(str(label)))
            if fold(self.city.strip()) in names:
                return ""
        return str(label)


class ContactPerson(Orderable):
    """A person to contact at an organisation; shown publicly only with their consent."""

    organisation = ParentalKey(
        Organisation, related_name="contact_persons", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    consent_to_publish = models.BooleanField(
        _("consents to publication"),
        default=False,
        help_text=_("Only persons who agreed are shown on the public profile."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("consent_to_publish"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class OrganisationUser(models.Model):
    """A user's role in an organisation; its admins may edit the organisation's profile."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_roles",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("organisation user")
        verbose_name_plural = _("organisation users")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_organisation_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class ClusterDirectoryPage(RoutablePageMixin, BasePage):
    """/clusters/: the directory of published organisations, their profiles, the map data
    and the open-data exports. The routes live in ``membership.views.directory``."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cluster directory page")

    @path("")
    def index_route(self, request):
        from membership.views import directory

        return directory.directory_index(self, request)

    @path("map.geojson", name="map_geojson")
    def map_geojson_route(self, request):
        from membership.views import directory

        return directory.directory_geojson(self, request)

    @path("export.csv", name="export_csv")
    def export_csv_route(self, request):
        from membership.views import directory

        return directory.directory_export_csv(self, request)

    @path("export.json", name="export_json")
    def export_json_route(self, request):
        from membership.views import directory

        return directory.directory_export_json(self, request)

    @path("eccp.json", name="export_eccp_json")
    def export_eccp_json_route(self, request):
        from membership.views import directory

        return directory.directory_export_eccp(self, request, "json")

    @path("eccp.csv", name="export_eccp_csv")
    def export_eccp_csv_route(self, request):
        from membership.views import directory

        return directory.directory_export_eccp(self, request, "csv")

    # One organisation's data file sits beside the directory's (``home.views.page_data_file``
    # routes a file by the page its folder names, and a profile's folder names the directory).
    @path("eccp-<slug:slug>.json", name="profile_eccp_json")
    def profile_eccp_json_route(self, request, slug):
        from membership.views import directory

        return directory.organisation_export_eccp(self, request, slug, "json")

    @path("eccp-<slug:slug>.csv", name="profile_eccp_csv")
    def profile_eccp_csv_route(self, request, slug):
        from membership.views import directory

        return directory.organisation_export_eccp(self, request, slug, "csv")

    @path("<slug:slug>/", name="profile")
    def profile_route(self, request, slug):
        from membership.views import directory

        return directory.organisation_profile(self, request, slug)
