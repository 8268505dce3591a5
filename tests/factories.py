"""factory_boy factories for every app's tests, in one place."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, Site

from association import public_url
from events.models import EventPartner, EventSession, TicketType
from home.models import FooterText, HomePage, Menu, MenuItem, StandardPage

# Permissions made by Wagtail's and wagtail-localize's migrations, which the staff roles use.
MIGRATED_PERMISSIONS = (
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
)


def ensure_wagtail_base() -> None:
    """The rows Wagtail's migrations create, for tests on tables emptied by an earlier
    transactional test: the default locale, the root page, the root collection and the
    permissions that migrations make (the flush's post_migrate makes only the models' own)."""
    default = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    for app_label, model, codename, name in MIGRATED_PERMISSIONS:
        Permission.objects.get_or_create(
            content_type=ContentType.objects.get_or_create(app_label=app_label, model=model)[0],
            codename=codename,
            defaults={"name": name},
        )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=default, live=True))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under ``parent`` (the tree root by default) and publishes it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    _page_kwargs = ("parent", "as_site_root", "publish")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        options = {k: kwargs.pop(k) for k in cls._page_kwargs if k in kwargs}
        return cls._add_page(model_class(*args, **kwargs), **options)

    @staticmethod
    def _add_page(page, *, parent=None, as_site_root=False, publish=True):
        parent = parent or Page.get_first_root_node()
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            page.save()
        if as_site_root:
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": public_url.site_address()[0],
                    "port": public_url.site_address()[1],
                    "root_page": page,
                },
            )
            # Wagtail's own welcome page would otherwise sit beside ours.
            Page.objects.filter(depth=2).exclude(pk=page.pk).exclude(
                translation_key=page.translation_key
            ).delete()
        page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_heading = "Clusters make Serbia stronger"
    hero_text = "The association of Serbian clusters and their members."


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = factory.Faker("sentence")
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Founding clusters", "level": "h2"}),
            ("paragraph", "<p>Seven clusters from different sectors founded the association.</p>"),
            ("quote", {"text": "Clusters are not a novelty in Serbia.", "attribution": "SCAN"}),
        ]
    )


def translate_page(page, language_code: str, **fields):
    """A published translation of ``page`` (its parent must be translated already)."""
    locale = Locale.objects.get(language_code=language_code)
    # Publishing a Serbian page writes its twin in the other script (twins/): a translation
    # that exists already is that twin, given these fields by hand.
    translated = page.get_translation_or_none(locale)
    translated = translated.specific if translated else page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


class MenuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Menu

    handle = Menu.Handle.MAIN
    locale = factory.LazyFunction(Locale.get_default)


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    menu = factory.SubFactory(MenuFactory)
    link_url = factory.Sequence(lambda n: f"https://example.org/{n}/")
    link_text = factory.Sequence(lambda n: f"Link {n}")


class FooterTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FooterText

    body = "<p>The Serbian Cluster Association connects clusters across Serbia.</p>"
    locale = factory.LazyFunction(Locale.get_default)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = "news.NewsIndexPage"

    title = "News"
    slug = "news"
    intro = "News from the cluster network."


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.NewsCategory"

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    locale = factory.LazyFunction(Locale.get_default)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Author"

    name = factory.Sequence(lambda n: f"Author {n}")
    role = "Communications"


class NewsPageFactory(PageFactory):
    """An article; pass ``categories``, ``authors`` and ``tags`` as lists."""

    class Meta:
        model = "news.NewsPage"

    title = factory.Sequence(lambda n: f"Article {n}")
    intro = "Clusters in Serbia keep growing."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Balkan Cluster Day gathered clusters in Niš.</p>")]
    )

    @classmethod
    def _create(
        cls, model_class, *args, categories=(), authors=(), tags=(), organisations=(), **kwargs
    ):
        page = model_class(*args, **{k: v for k, v in kwargs.items() if k not in cls._page_kwargs})
        page.categories = list(categories)
        page.authors = list(authors)
        page.organisations = list(organisations)
        for tag in tags:
            page.tags.add(tag)
        options = {k: v for k, v in kwargs.items() if k in cls._page_kwargs}
        return cls._add_page(page, **options)


class MembershipLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "membership.MembershipLevel"

    name = factory.Sequence(lambda n: f"Level {n}")
    slug = factory.LazyAttribute(lambda level: slugify(level.name))
    locale = factory.LazyFunction(Locale.get_default)
    yearly_price = 0
    includes = "Always timely informed\nIn the network of clusters in Serbia"


class MembershipPageFactory(PageFactory):
    class Meta:
        model = "membership.MembershipPage"

    title = "Why join"
    slug = "membership"
    intro = "Twelve reasons for membership."


def verified_user(email="member@example.org", password="correct-horse-battery", **fields):
    """A user whose e-mail address allauth knows as verified."""
    user = UserFactory(username=email.split("@")[0], email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


# --- membership: the cluster directory ------------------------------------------------


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "membership.Sector"

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda sector: slugify(sector.name))
    locale = factory.LazyFunction(Locale.get_default)


class TechnologyFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "membership.TechnologyField"

    name = factory.Sequence(lambda n: f"Technology {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    locale = factory.LazyFunction(Locale.get_default)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published cluster in Novi Sad; pass ``sectors`` and ``technology_fields`` as lists."""

    class Meta:
        model = "membership.Organisation"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cluster {n}")
    slug = factory.LazyAttribute(lambda organisation: slugify(organisation.name))
    kind = "cluster"
    description = "<p>A cluster of companies that work together.</p>"
    city = "Novi Sad"
    region = "vojvodina"
    latitude = "45.267100"
    longitude = "19.833500"
    member_companies = 10
    employees = 100
    stage = "growth"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
            self.save()

    @factory.post_generation
    def technology_fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.technology_fields.set(extracted)
            self.save()


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "membership.ContactPerson"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Cluster manager"
    email = factory.LazyAttribute(lambda person: f"{slugify(person.name)}@example.org")
    consent_to_publish = True


class OrganisationUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "membership.OrganisationUser"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "admin"


class ClusterDirectoryPageFactory(PageFactory):
    class Meta:
        model = "membership.ClusterDirectoryPage"

    title = "Clusters"
    slug = "clusters"
    intro = "The clusters of Serbia and their members."


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(lambda: get_test_image_file(size=(1200, 800)))


# --- events ----------------------------------------------------------------------------


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = "events.EventIndexPage"

    title = "Events"
    slug = "events"
    intro = "Conferences, cluster days, business clubs and trainings."


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.EventSeries"

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.LazyAttribute(lambda series: slugify(series.name))
    locale = factory.LazyFunction(Locale.get_default)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Speaker"

    name = factory.Sequence(lambda n: f"Speaker {n}")
    role = "Cluster manager"
    organisation_name = "Cluster House"
    bio = "Works on cluster development in South East Serbia."


def _in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class EventPageFactory(PageFactory):
    """An event in Niš in 30 days. ``ticket_types`` takes a list of dicts of TicketType
    fields; ``sessions`` a list of dicts of EventSession fields plus ``speakers``;
    ``partners`` a list of dicts of EventPartner fields."""

    class Meta:
        model = "events.EventPage"

    title = factory.Sequence(lambda n: f"Event {n}")
    intro = "Clusters meet to share what works."
    start = factory.LazyFunction(lambda: _in_days(30, 9))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=8))
    venue_name = "Niš Cluster House"
    address = "Obrenovićeva 38"
    city = "Niš"
    latitude = "43.320900"
    longitude = "21.895800"

    @classmethod
    def _create(cls, model_class, *args, ticket_types=(), sessions=(), partners=(), **kwargs):
        page = model_class(*args, **{k: v for k, v in kwargs.items() if k not in cls._page_kwargs})
        page.ticket_types = [
            TicketType(**{"name": "Standard", "capacity": 10, **fields}) for fields in ticket_types
        ]
        built_sessions = []
        for fields in sessions:
            fields = dict(fields)
            speakers = fields.pop("speakers", [])
            session = EventSession(**{"starts_at": page.start, "title": "Opening", **fields})
            session.speakers = speakers
            built_sessions.append(session)
        page.sessions = built_sessions
        page.partners = [EventPartner(**{"name": "Partner", **fields}) for fields in partners]
        options = {k: v for k, v in kwargs.items() if k in cls._page_kwargs}
        return cls._add_page(page, **options)


class B2BSessionFactory(factory.django.DjangoModelFactory):
    """B2B meetings on ``event``, switched on, open for requests now: six 20-minute slots
    from an hour after the event starts, three tables."""

    class Meta:
        model = "events.B2BSession"

    enabled = True
    first_slot_start = factory.LazyAttribute(
        lambda session: session.event.start + datetime.timedelta(hours=1)
    )
    slot_minutes = 20
    slot_count = 6
    table_count = 3


def b2b_profiles(session, count: int) -> list:
    """``count`` participants of ``session`` with their profiles (person0@example.org, …)."""
    from events import services

    return [
        services.b2b.b2b_profile_get_or_create(
            session=session,
            registration=b2b_participant(session.event, f"person{i}@example.org"),
        )
        for i in range(count)
    ]


def b2b_accepted(sender, recipient):
    """A meeting request from ``sender`` that ``recipient`` accepted."""
    from events import services

    request = services.b2b.meeting_request_send(from_profile=sender, to_profile=recipient)
    services.b2b.meeting_request_accept(request=request, by_profile=recipient)
    return request


def b2b_participant(event, email: str, *, name: str = "", organisation=None, ticket_type=None):
    """A confirmed registration for ``event`` by a member with a verified address, who belongs
    to ``organisation`` when one is given."""
    from events import services
    from membership.models import OrganisationUser

    user = verified_user(email=email)
    if organisation is not None:
        OrganisationUser.objects.create(user=user, organisation=organisation, role="admin")
    return services.registration_create(
        ticket_type=ticket_type or event.ticket_types.order_by("pk").first(),
        name=name or email.split("@")[0].title(),
        email=email,
        organisation_name=organisation.name if organisation else "",
        user=user,
    )


# Newsletter


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; pass ``status="pending"`` for one awaiting confirmation."""

    class Meta:
        model = "newsletter.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    name = factory.Sequence(lambda n: f"Reader {n}")
    language = "en"
    status = "confirmed"
    confirmed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        """Audiences reach only subscribers with a recorded consent, which every way of
        confirming writes: a confirmed subscriber made here gets the record it would have."""
        if not create or self.status != "confirmed" or extracted is False:
            return
        self.consents.create(
            action="confirmed", source="test", created_at=self.confirmed_at or self.created_at
        )


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "newsletter.Audience"

    name = factory.Sequence(lambda n: f"Audience {n}")
    include_subscribers = True


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "newsletter.NewsletterIssue"

    subject = factory.Sequence(lambda n: f"Infocluster no. {n}")
    slug = factory.LazyAttribute(lambda issue: slugify(issue.subject))
    language = "en"
    audience = factory.SubFactory(AudienceFactory)
    body = factory.LazyFunction(
        lambda: [("text", "<p>News, calls and events from the cluster network.</p>")]
    )
