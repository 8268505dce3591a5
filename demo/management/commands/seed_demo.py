"""``manage.py seed_demo``: demo content for a local run, right after ``migrate``.

Running it again leaves the same state: pages are found by slug, translations through their
translation key, menus by handle and language, images by title; a page gets a new published
revision only when its content differs from what the command would write. The news (the
articles below the news index, their categories and authors) is written by
``demo.news_seeder``; the building blocks both use are in
``demo.seeding``.

The command writes English and Serbian Latin; the Serbian Cyrillic pages are the Latin pages'
twins, written when those are published (twins/), and the Cyrillic menus, footer text, levels
and taxonomies are the Latin ones' snippet twins, written right after them.
"""

import os
from decimal import Decimal
from io import BytesIO

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from association import public_url
from demo import content
from demo.b2b import seed_b2b
from demo.cluster_seeder import seed_organisations
from demo.event_seeder import EventSeeder
from demo.images import DEMO_IMAGES, render_png
from demo.invoicing import seed_invoicing
from demo.news_seeder import NewsSeeder
from demo.newsletter import seed_newsletter
from demo.people import seed_people
from demo.seeding import (
    CREATED,
    TWIN_CODE,
    TWIN_SOURCE,
    UPDATED,
    References,
    Report,
    Scope,
    assign,
    ensure_page,
    ensure_snippet_twin,
    ensure_translated_rows,
    ensure_translation,
    links_to_a_page,
    report_page_twin,
    status_of,
    written_locales,
)
from home.models import FooterText, HomePage, MenuItem, SiteSettings
from membership.models import MembershipLevel
from sitesetup.building import (
    add_protected_terms,
    ensure_default_site,
    ensure_locales,
    ensure_menu,
    remove_welcome_page,
)

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@example.org"
# A known password is acceptable only because the account is created when DEBUG is on.
DEMO_ADMIN_DEFAULT_PASSWORD = "demo-admin-2026"  # noqa: S105
DEFAULT_PAGE_TYPE = "home.StandardPage"


class Command(BaseCommand):
    help = "Create or refresh the demo content: pages and news in three languages, menus, images."

    def add_arguments(self, parser):
        parser.add_argument(
            "--subset",
            action="store_true",
            help="Every page, but only a few articles, organisations and events, and one "
            "newsletter issue (demo.seeding.Scope): what the tests seed.",
        )

    def handle(self, *args, **options):
        admin_password = self._demo_admin_password() if settings.DEBUG else None
        scope = Scope(subset=options["subset"])
        with transaction.atomic():
            locales = self.ensure_locales()
            report = Report(locale_codes={locale.pk: code for code, locale in locales.items()})
            # Before any Serbian page or snippet: their Cyrillic twins keep these in Latin.
            self.ensure_protected_terms(report)
            refs = References(self.ensure_images(report))
            home = self.ensure_pages(refs, report)
            self.ensure_site(home, report)
            self.ensure_translations(locales, refs, report)
            NewsSeeder(locales, refs, report, scope).ensure_news()
            organisations_summary = seed_organisations(scope=scope, locales=locales)
            self.stdout.write(seed_people())
            EventSeeder(locales, refs, report, scope).ensure_events()
            self.stdout.write(seed_b2b())
            self.stdout.write(seed_newsletter(scope))
            self.ensure_levels(locales, report)
            self.stdout.write(seed_invoicing())
            self.ensure_menus(locales, refs, report)
            self.ensure_footer_texts(locales, report)
            self.ensure_site_settings(report)
            if admin_password:
                self.ensure_demo_admin(admin_password, report)
        if not settings.DEBUG:
            self.stdout.write(
                "Demo admin account skipped: DEBUG is off, and an account with a published "
                "password belongs on a developer's machine only."
            )
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(organisations_summary)
        if admin_password:
            source = (
                "the password in DEMO_ADMIN_PASSWORD"
                if os.environ.get("DEMO_ADMIN_PASSWORD")
                else f"the password {admin_password}"
            )
            self.stdout.write(
                f"Log in at {public_url.base_url()}/admin/ as {DEMO_ADMIN_EMAIL} with {source}."
            )
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def ensure_locales(self) -> dict[str, Locale]:
        return ensure_locales()

    def ensure_protected_terms(self, report: Report) -> None:
        """The demo's Latin terms among the terms that stay in Latin; staff's own are kept."""
        missing = add_protected_terms(content.PROTECTED_TERMS)
        report.item("terms that stay in Latin", status_of(bool(missing)))

    def ensure_images(self, report: Report) -> dict:
        image_model = get_image_model()
        images = {}
        for spec in DEMO_IMAGES:
            image = image_model.objects.filter(title=spec.title).order_by("pk").first()
            if image is None:
                image = image_model(title=spec.title, description=spec.description)
                status = CREATED
            elif not image.file.storage.exists(image.file.name):
                # The database outlived the media folder: draw the picture again.
                image.renditions.all().delete()
                status = UPDATED
            else:
                images[spec.key] = image
                continue
            image.file = ImageFile(BytesIO(render_png(spec)), name=spec.filename)
            image._set_image_file_metadata()
            image.save()
            report.item(f"image {spec.title!r}", status)
            images[spec.key] = image
        return images

    def ensure_pages(self, refs: References, report: Report) -> HomePage:
        """The English tree, in two passes: the first writes every page without its links to
        other pages, the second adds those links, once every page they point to exists."""
        root = Page.get_first_root_node()
        remove_welcome_page(root)
        for with_page_links in (False, True):
            home_fields = _fields_for_pass(content.HOME, with_page_links)
            home, status = ensure_page(
                root, "home", HomePage, **refs.resolve_fields(HomePage, home_fields)
            )
            refs.pages[""] = home
            report.page(home, status)
            self.ensure_subtree(home, content.PAGES, "", refs, report, with_page_links)
        return home

    def ensure_subtree(
        self,
        parent: Page,
        nodes: list[dict],
        prefix: str,
        refs: References,
        report: Report,
        with_page_links: bool,
    ) -> None:
        for node in nodes:
            path = f"{prefix}{node['slug']}"
            page_class = apps.get_model(node.get("page_type", DEFAULT_PAGE_TYPE))
            fields = _fields_for_pass(node["fields"], with_page_links)
            page, status = ensure_page(
                parent, node["slug"], page_class, **refs.resolve_fields(page_class, fields)
            )
            refs.pages[path] = page
            report.page(page, status)
            children = node.get("children", [])
            self.ensure_subtree(page, children, f"{path}/", refs, report, with_page_links)

    def ensure_site(self, home: HomePage, report: Report) -> None:
        report.item("default site", ensure_default_site(home, content.SITE_NAME))

    def ensure_translations(
        self, locales: dict[str, Locale], refs: References, report: Report
    ) -> None:
        """The Serbian Latin pages, whose publish writes their Cyrillic twins; in two passes
        as the English tree, so links point at pages of their own language."""
        for with_page_links in (False, True):
            for code, pages in content.TRANSLATIONS.items():
                # Parents come before their children, as copy_for_translation needs.
                for path, fields in pages.items():
                    source = refs.pages[path]
                    wanted = refs.resolve_fields(
                        type(source), _fields_for_pass(fields, with_page_links), locales[code]
                    )
                    page, status = ensure_translation(source, locales[code], wanted)
                    report.page(page, status)
                    report_page_twin(report, page, status)

    def ensure_menus(self, locales: dict[str, Locale], refs: References, report: Report) -> None:
        """The menus in English and Serbian Latin, each linking its own language's pages; the
        Cyrillic menu is the Latin one's twin, linking the Cyrillic pages."""
        for handle, links in content.MENUS.items():
            source = None
            for code, locale in written_locales(locales).items():
                items = [_menu_item(link, locale, refs) for link in links]
                menu, status = ensure_menu(handle, locale, source, items)
                report.item(f"{handle} menu [{code}]", status)
                source = source or menu
                if code == TWIN_SOURCE and TWIN_CODE in locales:
                    twin_status = ensure_snippet_twin(menu, status)
                    report.item(f"{handle} menu [{TWIN_CODE}]", twin_status)

    def ensure_levels(self, locales: dict[str, Locale], report: Report) -> None:
        """The membership levels in every language, translations of each other."""
        for spec in content.LEVELS:
            shared = {
                "yearly_price": Decimal(spec["yearly_price"]),
                "audience": spec["audience"],
                "sort_order": spec["sort_order"],
            }
            values = {code: {**spec[code], **shared} for code in written_locales(locales)}
            lookup = {"slug": spec["slug"]}
            for code, status in ensure_translated_rows(MembershipLevel, locales, lookup, values):
                report.item(f"level {spec['slug']} [{code}]", status)

    def ensure_footer_texts(self, locales: dict[str, Locale], report: Report) -> None:
        values = {code: {"body": content.FOOTER_TEXTS[code]} for code in written_locales(locales)}
        for code, status in ensure_translated_rows(FooterText, locales, {}, values):
            report.item(f"footer text [{code}]", status)

    def ensure_site_settings(self, report: Report) -> None:
        site_settings = SiteSettings.load()
        changed = assign(site_settings, content.SITE_SETTINGS)
        if changed:
            site_settings.full_clean()
            site_settings.save()
        report.item("site settings", status_of(changed))

    def _demo_admin_password(self) -> str:
        """The demo admin's password, checked against the site's password rules before
        anything is written."""
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEMO_ADMIN_DEFAULT_PASSWORD
        user_model = get_user_model()
        candidate = user_model(username=DEMO_ADMIN_USERNAME, email=DEMO_ADMIN_EMAIL)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError(
                f"DEMO_ADMIN_PASSWORD is not accepted: {' '.join(error.messages)}"
            ) from error
        return password

    def ensure_demo_admin(self, password: str, report: Report) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_ADMIN_USERNAME).first()
        created = user is None
        if created:
            user = user_model(username=DEMO_ADMIN_USERNAME)
        changed = assign(
            user,
            {"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True, "is_active": True},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            changed = True
        if changed:
            user.save()
        # Everyone logs in through allauth, by a verified e-mail address: the demo admin's is
        # marked verified here, as it cannot receive the confirmation mail.
        address, address_created = EmailAddress.objects.get_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
        if not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
            changed = True
        changed = changed or address_created
        report.item(
            f"demo admin {DEMO_ADMIN_USERNAME!r}", CREATED if created else status_of(changed)
        )


def _fields_for_pass(fields: dict, with_page_links: bool) -> dict:
    if with_page_links:
        return fields
    return {name: value for name, value in fields.items() if not links_to_a_page(value)}


def _menu_item(link: dict, locale: Locale, refs: References) -> MenuItem:
    code = locale.language_code
    label = link["labels"][code]
    if "page" in link:
        page = refs.pages[link["page"]]
        translated = page.get_translation_or_none(locale)
        return MenuItem(link_page=translated or page, link_url="", link_text=label)
    with translation.override(code):
        url = reverse(link["url_name"])
    return MenuItem(link_page=None, link_url=url, link_text=label)
