"""``manage.py seed_demo``: demo content for a local run, right after ``migrate``.

Running it again leaves the same state: pages are found by slug, translations through their
translation key, menus by handle and language, images by title; a page gets a new published
revision only when its content differs from what the command would write.
"""

import os
from dataclasses import dataclass, field
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from association.demo import content
from association.demo.images import DEMO_IMAGES, render_png
from home.models import FooterText, HomePage, Menu, MenuItem, SiteSettings, StandardPage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@example.org"
# A known password is acceptable only because the account is created when DEBUG is on.
DEMO_ADMIN_DEFAULT_PASSWORD = "demo-admin-2026"  # noqa: S105
SITE_HOSTNAME = "localhost"
SITE_PORT = 80

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
STATUS_RANK = {UNCHANGED: 0, UPDATED: 1, CREATED: 2}


def ensure_page(parent: Page, slug: str, page_class: type[Page], **fields) -> tuple[Page, str]:
    """The child of ``parent`` with this slug, as a live ``page_class`` page with these field
    values. A child of another type is deleted and replaced, so a placeholder page gives way
    to the dedicated page type that later takes over its URL."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None and existing.specific_class is not page_class:
        existing.delete()
        existing = None
    if existing is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, CREATED
    page = existing.specific
    return page, UPDATED if update_page(page, fields) else UNCHANGED


def update_page(page: Page, fields: dict) -> bool:
    """Set the fields that differ and publish; False when nothing differed and the page was
    already live."""
    changed = [name for name, value in fields.items() if not _has_value(page, name, value)]
    if not changed and page.live:
        return False
    for name in changed:
        setattr(page, name, fields[name])
    page.save_revision().publish()
    return True


def _has_value(instance: models.Model, name: str, value) -> bool:
    model_field = instance._meta.get_field(name)
    if isinstance(model_field, StreamField):
        return _stream_data(getattr(instance, name)) == _stream_data(model_field.to_python(value))
    if isinstance(model_field, models.ForeignKey):
        # Compared by id: a specific page never equals the base Page row the relation loads.
        return getattr(instance, model_field.attname) == (value.pk if value else None)
    return getattr(instance, name) == value


def _stream_data(stream) -> list[tuple[str, object]]:
    """A stream's blocks as comparable data, without the block ids that differ per save."""
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream]


def _links_to_a_page(value) -> bool:
    if isinstance(value, content.PageRef):
        return True
    if isinstance(value, dict):
        return any(_links_to_a_page(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_links_to_a_page(item) for item in value)
    return False


class References:
    """Turns the PageRef and ImageRef markers of the demo content into rows."""

    def __init__(self, images: dict):
        self.images = images
        self.pages: dict[str, Page] = {}

    def resolve_fields(self, page_class: type[Page], fields: dict) -> dict:
        resolved = {}
        for name, value in fields.items():
            if isinstance(page_class._meta.get_field(name), StreamField):
                resolved[name] = [
                    {"type": block_type, "value": self._as_ids(block_value)}
                    for block_type, block_value in value
                ]
            else:
                resolved[name] = self._as_rows(value)
        return resolved

    def _as_rows(self, value):
        if isinstance(value, content.PageRef):
            return self.pages[value.path]
        if isinstance(value, content.ImageRef):
            return self.images[value.key]
        return value

    def _as_ids(self, value):
        if isinstance(value, content.PageRef | content.ImageRef):
            return self._as_rows(value).pk
        if isinstance(value, dict):
            return {key: self._as_ids(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._as_ids(item) for item in value]
        return value


@dataclass
class Report:
    locale_codes: dict[int, str]
    pages: dict[int, tuple[str, str]] = field(default_factory=dict)
    other: list[tuple[str, str]] = field(default_factory=list)

    def page(self, page: Page, status: str) -> None:
        # The two passes over the tree report a page twice: the stronger status wins, so a
        # page created in the first pass and completed in the second counts as created.
        previous = self.pages.get(page.pk, ("", UNCHANGED))[1]
        if STATUS_RANK[status] >= STATUS_RANK[previous]:
            label = f"{page.title} [{self.locale_codes[page.locale_id]}]"
            self.pages[page.pk] = (label, status)

    def item(self, label: str, status: str) -> None:
        self.other.append((label, status))

    def lines(self) -> list[str]:
        counts = {CREATED: [], UPDATED: [], UNCHANGED: []}
        for label, status in self.pages.values():
            counts[status].append(label)
        lines = [
            f"Pages: {len(counts[CREATED])} created, {len(counts[UPDATED])} updated, "
            f"{len(counts[UNCHANGED])} unchanged."
        ]
        lines += [f"  {status}: {', '.join(counts[status])}" for status in (CREATED, UPDATED)]
        changed = [f"{label} ({status})" for label, status in self.other if status != UNCHANGED]
        lines.append(f"Other: {', '.join(changed) if changed else 'nothing changed'}.")
        return [line for line in lines if not line.endswith(": ")]


class Command(BaseCommand):
    help = "Create or refresh the demo content: pages in three languages, menus, images."

    def handle(self, *args, **options):
        admin_password = self._demo_admin_password() if settings.DEBUG else None
        with transaction.atomic():
            locales = self.ensure_locales()
            report = Report(locale_codes={locale.pk: code for code, locale in locales.items()})
            refs = References(self.ensure_images(report))
            home = self.ensure_pages(refs, report)
            self.ensure_site(home, report)
            self.ensure_translations(locales, refs, report)
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
        if admin_password:
            source = (
                "the password in DEMO_ADMIN_PASSWORD"
                if os.environ.get("DEMO_ADMIN_PASSWORD")
                else f"the password {admin_password}"
            )
            self.stdout.write(
                f"Log in at {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/ as "
                f"{DEMO_ADMIN_USERNAME} with {source}."
            )
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def ensure_locales(self) -> dict[str, Locale]:
        return {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        }

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
        self.remove_welcome_page(root)
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
            fields = _fields_for_pass(node["fields"], with_page_links)
            page, status = ensure_page(
                parent, node["slug"], StandardPage, **refs.resolve_fields(StandardPage, fields)
            )
            refs.pages[path] = page
            report.page(page, status)
            children = node.get("children", [])
            self.ensure_subtree(page, children, f"{path}/", refs, report, with_page_links)

    def remove_welcome_page(self, root: Page) -> None:
        """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations put
        at the top of the tree: the only page there of the bare ``Page`` type."""
        page_type = ContentType.objects.get_for_model(Page)
        for welcome in Page.objects.filter(depth=2, content_type=page_type):
            # Deleting the page would delete the sites rooted at it along with it; they are
            # kept and pointed at the new home page.
            Site.objects.filter(root_page=welcome).update(root_page=root)
            welcome.delete()

    def ensure_site(self, home: HomePage, report: Report) -> None:
        site = Site.objects.filter(is_default_site=True).first() or Site()
        wanted = {
            "hostname": SITE_HOSTNAME,
            "port": SITE_PORT,
            "site_name": content.SITE_NAME,
            "root_page_id": home.pk,
            "is_default_site": True,
        }
        created = site.pk is None
        changed = _assign(site, wanted)
        if changed:
            site.full_clean()
            site.save()
        report.item("default site", CREATED if created else _status(changed))

    def ensure_translations(
        self, locales: dict[str, Locale], refs: References, report: Report
    ) -> None:
        for code, pages in content.TRANSLATIONS.items():
            # Parents come before their children in the content, as copy_for_translation needs.
            for path, fields in pages.items():
                source = refs.pages[path]
                page = source.get_translation_or_none(locales[code])
                if page is None:
                    page = source.copy_for_translation(locales[code]).specific
                    status = CREATED
                else:
                    page = page.specific
                    status = UNCHANGED
                if update_page(page, refs.resolve_fields(type(page), fields)):
                    status = status if status == CREATED else UPDATED
                report.page(page, status)

    def ensure_menus(self, locales: dict[str, Locale], refs: References, report: Report) -> None:
        for handle, links in content.MENUS.items():
            source = None
            for code, locale in locales.items():
                menu = Menu.objects.filter(handle=handle, locale=locale).first()
                status = UNCHANGED
                if menu is None:
                    menu = Menu(handle=handle, locale=locale)
                    status = CREATED
                # The menus of one handle are translations of each other.
                if source is not None and menu.translation_key != source.translation_key:
                    menu.translation_key = source.translation_key
                    status = status if status == CREATED else UPDATED
                items = [_menu_item(link, code, locale, refs) for link in links]
                wanted = [(item.link_page_id, item.link_url, item.link_text) for item in items]
                current = [
                    (item.link_page_id, item.link_url, item.link_text) for item in menu.items.all()
                ]
                if wanted != current:
                    menu.items = items
                    status = status if status == CREATED else UPDATED
                if status != UNCHANGED:
                    menu.save()
                report.item(f"{handle} menu [{code}]", status)
                source = source or menu

    def ensure_footer_texts(self, locales: dict[str, Locale], report: Report) -> None:
        source = None
        for code, locale in locales.items():
            text = FooterText.objects.filter(locale=locale).order_by("pk").first()
            wanted = {"body": content.FOOTER_TEXTS[code]}
            if source is not None:
                wanted["translation_key"] = source.translation_key
            if text is None:
                text = FooterText(locale=locale, **wanted)
                text.save()
                status = CREATED
            else:
                status = _status(_assign(text, wanted))
                if status == UPDATED:
                    text.save()
            report.item(f"footer text [{code}]", status)
            source = source or text

    def ensure_site_settings(self, report: Report) -> None:
        site_settings = SiteSettings.load()
        changed = _assign(site_settings, content.SITE_SETTINGS)
        if changed:
            site_settings.full_clean()
            site_settings.save()
        report.item("site settings", _status(changed))

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
        changed = _assign(
            user,
            {"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True, "is_active": True},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            changed = True
        if changed:
            user.save()
        report.item(f"demo admin {DEMO_ADMIN_USERNAME!r}", CREATED if created else _status(changed))


def _fields_for_pass(fields: dict, with_page_links: bool) -> dict:
    if with_page_links:
        return fields
    return {name: value for name, value in fields.items() if not _links_to_a_page(value)}


def _menu_item(link: dict, code: str, locale: Locale, refs: References) -> MenuItem:
    label = link["labels"][code]
    if "page" in link:
        page = refs.pages[link["page"]]
        translated = page.get_translation_or_none(locale)
        return MenuItem(link_page=translated or page, link_url="", link_text=label)
    with translation.override(code):
        url = reverse(link["url_name"])
    return MenuItem(link_page=None, link_url=url, link_text=label)


def _assign(instance: models.Model, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _status(changed: bool) -> str:
    return UPDATED if changed else UNCHANGED
