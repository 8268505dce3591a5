"""Building a site's rows idempotently, shared by ``setup_site`` (the empty site a
production starts from) and ``seed_demo`` (demo/, which builds on it): pages created,
updated or left alone depending on what they hold, their translations and Serbian Cyrillic
twins, translatable snippet rows, the locales, the default site on the public address, the
menus, and the report of what changed.

A page gets a new published revision only when its content differs from what the caller
would write, so running a command again publishes nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from association import public_url
from home.models import Menu, MenuItem
from twins.models import ScriptSettings, ScriptTwin, SnippetTwin
from twins.snippets import snippet_twin_sync

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
STATUS_RANK = {UNCHANGED: 0, UPDATED: 1, CREATED: 2}
# Serbian Cyrillic is written by the twins of the Serbian Latin pages and snippets (twins/):
# seed_demo and setup_site write English and Serbian Latin only.
TWIN_SOURCE, TWIN_CODE = "sr-latn", "sr"


def ensure_page(parent: Page, slug: str, page_class: type[Page], **fields) -> tuple[Page, str]:
    """The child of ``parent`` with this slug, as a live ``page_class`` page with these field
    values. A child of another type is deleted and replaced, so a placeholder page gives way
    to the dedicated page type that later takes over its URL."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None and existing.specific_class is not page_class:
        # The placeholder's translations are placeholders too; the new page gets its own.
        for translation in existing.get_translations():
            translation.delete()
        existing.delete()
        existing = None
    if existing is None:
        return create_page(parent, slug, page_class, fields), CREATED
    page = existing.specific
    return page, UPDATED if update_page(page, fields) else UNCHANGED


def create_page(parent: Page, slug: str, page_class: type[Page], fields: dict) -> Page:
    """A new live ``page_class`` child of ``parent`` with this slug and these field values."""
    page = page_class(slug=slug)
    for name, value in fields.items():
        _set_value(page, name, value)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def update_page(page: Page, fields: dict) -> bool:
    """Set the fields that differ and publish; False when nothing differed and the page was
    already live."""
    changed = [name for name, value in fields.items() if not _has_value(page, name, value)]
    if not changed and page.live:
        return False
    for name in changed:
        _set_value(page, name, fields[name])
    page.save_revision().publish()
    return True


def ensure_translation(source: Page, locale: Locale, fields: dict) -> tuple[Page, str]:
    """The translation of ``source`` into ``locale``, live with these field values; copied
    from ``source`` the first time, which needs the parent translated already."""
    page = source.get_translation_or_none(locale)
    if page is None:
        return create_translation(source, locale, fields), CREATED
    page = page.specific
    return page, UPDATED if update_page(page, fields) else UNCHANGED


def create_translation(source: Page, locale: Locale, fields: dict) -> Page:
    """A new live translation of ``source`` into ``locale`` with these field values, copied
    from ``source``, which needs its parent translated already."""
    # The copy takes the slug of the page it copies. Given the translated slug from the
    # start, it never changes slug, and Wagtail creates no redirects from the addresses of
    # a draft that was never public.
    template = type(source).objects.get(pk=source.pk)
    template.slug = fields.get("slug", source.slug)
    page = template.copy_for_translation(locale).specific
    # The copy is a draft, so it is published even when it needs no change.
    update_page(page, fields)
    return page


def written_locales(locales: dict[str, Locale]) -> dict[str, Locale]:
    """The languages written directly: all but the one its twins write."""
    return {code: locale for code, locale in locales.items() if code != TWIN_CODE}


def report_page_twin(report: "Report", page: Page, status: str) -> None:
    """A page's twin, written on the page's publish, counts as the page does."""
    link = ScriptTwin.objects.filter(source_id=page.pk).select_related("twin").first()
    if link is not None:
        report.page(link.twin, status)


def ensure_snippet_twin(source: models.Model, status: str) -> str:
    """The twin of a Serbian Latin snippet written with ``status``: written when the
    source was written, or when it has none yet, so a second run writes nothing."""
    content_type = ContentType.objects.get_for_model(source)
    links = SnippetTwin.objects.filter(content_type=content_type, source_pk=str(source.pk))
    existed = links.exists()
    if existed and status == UNCHANGED:
        return UNCHANGED
    if snippet_twin_sync(source=source) is None:
        return UNCHANGED
    return UPDATED if existed else CREATED


def _has_value(instance: models.Model, name: str, value) -> bool:
    model_field = instance._meta.get_field(name)
    if isinstance(model_field, StreamField):
        return _stream_data(getattr(instance, name)) == _stream_data(model_field.to_python(value))
    if isinstance(model_field, models.ForeignKey):
        # Compared by id: a specific page never equals the base Page row the relation loads.
        return getattr(instance, model_field.attname) == (value.pk if value else None)
    if isinstance(model_field, ParentalManyToManyField):
        current = {related.pk for related in getattr(instance, name).all()}
        return current == {related.pk for related in value}
    if isinstance(model_field, TaggableManager):
        return sorted(tag.name for tag in getattr(instance, name).all()) == sorted(value)
    return getattr(instance, name) == value


def _set_value(instance: models.Model, name: str, value) -> None:
    if isinstance(instance._meta.get_field(name), TaggableManager):
        # Tags are set through their manager; modelcluster keeps them until the page is saved.
        getattr(instance, name).set(value)
    else:
        setattr(instance, name, value)


def _stream_data(stream) -> list[tuple[str, object]]:
    """A stream's blocks as comparable data, without the block ids that differ per save."""
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream]


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

    def lines(self, *, list_unchanged: bool = False) -> list[str]:
        counts = {CREATED: [], UPDATED: [], UNCHANGED: []}
        for label, status in self.pages.values():
            counts[status].append(label)
        lines = [
            f"Pages: {len(counts[CREATED])} created, {len(counts[UPDATED])} updated, "
            f"{len(counts[UNCHANGED])} unchanged."
        ]
        listed = (CREATED, UPDATED, UNCHANGED) if list_unchanged else (CREATED, UPDATED)
        lines += [f"  {status}: {', '.join(counts[status])}" for status in listed]
        changed = [f"{label} ({status})" for label, status in self.other if status != UNCHANGED]
        lines.append(f"Other: {', '.join(changed) if changed else 'nothing changed'}.")
        if list_unchanged:
            kept = [label for label, status in self.other if status == UNCHANGED]
            lines.append(f"Left as they were: {', '.join(kept) if kept else 'nothing'}.")
        return [line for line in lines if not line.endswith(": ")]


def assign(instance: models.Model, values: dict) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def status_of(changed: bool) -> str:
    return UPDATED if changed else UNCHANGED


def ensure_translated_rows(
    model, locales: dict, lookup: dict, values_by_code: dict[str, dict]
) -> list[tuple[str, str]]:
    """One row of a translatable model per language, found by ``lookup`` and locale, with
    that language's values; the rows share one translation key, and the Serbian Latin row
    has its twin (the Cyrillic). Returns (code, status)."""
    source, statuses = None, []
    for code, locale in written_locales(locales).items():
        row = model.objects.filter(locale=locale, **lookup).order_by("pk").first()
        wanted = dict(values_by_code[code])
        if source is not None:
            wanted["translation_key"] = source.translation_key
        if row is None:
            row = model(locale=locale, **lookup, **wanted)
            row.save()
            status = CREATED
        else:
            status = status_of(assign(row, wanted))
            if status == UPDATED:
                row.save()
        statuses.append((code, status))
        source = source or row
        if code == TWIN_SOURCE and TWIN_CODE in locales:
            statuses.append((TWIN_CODE, ensure_snippet_twin(row, status)))
    return statuses


def ensure_locales() -> dict[str, Locale]:
    """Wagtail's locale of every content language, by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def remove_welcome_page(root: Page) -> None:
    """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations put at
    the top of the tree: the only page there of the bare ``Page`` type."""
    page_type = ContentType.objects.get_for_model(Page)
    for welcome in Page.objects.filter(depth=2, content_type=page_type):
        # Deleting the page would delete the sites rooted at it along with it; they are
        # kept and pointed at the new home page.
        Site.objects.filter(root_page=welcome).update(root_page=root)
        welcome.delete()


def ensure_default_site(home: Page, site_name: str) -> str:
    """The default site: ``home`` at the site's public address (PUBLIC_BASE_URL), which
    every page's full address starts with, named ``site_name``; its status."""
    site = Site.objects.filter(is_default_site=True).first() or Site()
    hostname, port = public_url.site_address()
    wanted = {
        "hostname": hostname,
        "port": port,
        "site_name": site_name,
        "root_page_id": home.pk,
        "is_default_site": True,
    }
    # Another site holding the public address keeps it (as after migrate: two records
    # cannot share one); the default site then keeps its own.
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        del wanted["hostname"], wanted["port"]
    created = site.pk is None
    changed = assign(site, wanted)
    if changed:
        site.full_clean()
        site.save()
    return CREATED if created else status_of(changed)


def ensure_menu(
    handle: str, locale: Locale, source: Menu | None, items: list[MenuItem]
) -> tuple[Menu, str]:
    """The ``handle`` menu of ``locale`` with these links, a translation of ``source`` (the
    first language's menu of that handle) when given."""
    menu = Menu.objects.filter(handle=handle, locale=locale).first()
    status = UNCHANGED
    if menu is None:
        menu = Menu(handle=handle, locale=locale)
        status = CREATED
    # The menus of one handle are translations of each other.
    if source is not None and menu.translation_key != source.translation_key:
        menu.translation_key = source.translation_key
        status = status if status == CREATED else UPDATED
    wanted = [(item.link_page_id, item.link_url, item.link_text) for item in items]
    current = [(item.link_page_id, item.link_url, item.link_text) for item in menu.items.all()]
    if wanted != current:
        menu.items = items
        status = status if status == CREATED else UPDATED
    if status != UNCHANGED:
        menu.save()
    return menu, status


def add_protected_terms(terms) -> list[str]:
    """Add ``terms`` to the staff's list of terms that stay in Latin (Settings -> Serbian
    scripts), keeping theirs; the terms that were missing."""
    script_settings = ScriptSettings.load()
    lines = [line.strip() for line in script_settings.protected_terms.splitlines()]
    missing = [term for term in terms if term not in lines]
    if missing:
        kept = [line for line in lines if line]
        script_settings.protected_terms = "\n".join([*kept, *missing])
        script_settings.save()
    return missing
