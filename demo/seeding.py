"""What ``seed_demo`` writes with: pages that are created, updated or left alone depending on
what they hold, the references of the demo content turned into rows, and the report of what
changed.

A page gets a new published revision only when its content differs from what the command
would write, so running the command again publishes nothing.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from demo.blocks import ImageRef, PageRef
from twins.models import ScriptTwin, SnippetTwin
from twins.snippets import snippet_twin_sync

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
STATUS_RANK = {UNCHANGED: 0, UPDATED: 1, CREATED: 2}
T = TypeVar("T")
# Serbian Cyrillic is written by the twins of the Serbian Latin pages and snippets (twins/):
# the demo writes English and Serbian Latin only.
TWIN_SOURCE, TWIN_CODE = "sr-latn", "sr"


@dataclass(frozen=True)
class Scope:
    """How much of the demo content ``seed_demo`` writes: the whole site, or with ``--subset``
    (the tests' seeding) a small part of it, still in all three languages: every page of
    ``demo.content``, image, menu, level, series and speaker, but only the articles,
    organisations and events their data modules name in ``SUBSET``, a tenth of the
    subscribers and one newsletter issue."""

    subset: bool = False

    def select(
        self, items: Iterable[T], subset: Collection[str], key: Callable[[T], str]
    ) -> list[T]:
        """The items, or with ``--subset`` those whose key is in ``subset``; in their order."""
        return [item for item in items if not self.subset or key(item) in subset]


EVERYTHING = Scope()


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
        page = page_class(slug=slug)
        for name, value in fields.items():
            _set_value(page, name, value)
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
        _set_value(page, name, fields[name])
    page.save_revision().publish()
    return True


def ensure_translation(source: Page, locale: Locale, fields: dict) -> tuple[Page, str]:
    """The translation of ``source`` into ``locale``, live with these field values; copied
    from ``source`` the first time, which needs the parent translated already."""
    page = source.get_translation_or_none(locale)
    if page is None:
        # The copy takes the slug of the page it copies. Given the translated slug from the
        # start, it never changes slug, and Wagtail creates no redirects from the addresses of
        # a draft that was never public.
        template = type(source).objects.get(pk=source.pk)
        template.slug = fields.get("slug", source.slug)
        page = template.copy_for_translation(locale).specific
        # The copy is a draft, so it is published even when it needs no change.
        update_page(page, fields)
        return page, CREATED
    page = page.specific
    return page, UPDATED if update_page(page, fields) else UNCHANGED


def written_locales(locales: dict[str, Locale]) -> dict[str, Locale]:
    """The languages the demo writes itself: all but the one its twins write."""
    return {code: locale for code, locale in locales.items() if code != TWIN_CODE}


def report_page_twin(report: "Report", page: Page, status: str) -> None:
    """A page's twin, written on the page's publish, counts as the page does."""
    link = ScriptTwin.objects.filter(source_id=page.pk).select_related("twin").first()
    if link is not None:
        report.page(link.twin, status)


def ensure_snippet_twin(source: models.Model, status: str) -> str:
    """The twin of a Serbian Latin snippet the demo wrote with ``status``: written when the
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


def links_to_a_page(value) -> bool:
    if isinstance(value, PageRef):
        return True
    if isinstance(value, dict):
        return any(links_to_a_page(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(links_to_a_page(item) for item in value)
    return False


class References:
    """Turns the PageRef and ImageRef markers of the demo content into rows."""

    def __init__(self, images: dict):
        self.images = images
        self.pages: dict[str, Page] = {}
        self.locale: Locale | None = None

    def page(self, path: str) -> Page:
        page = self.pages[path]
        if self.locale is None or page.locale_id == self.locale.pk:
            return page
        return page.get_translation_or_none(self.locale) or page

    def resolve_fields(
        self, page_class: type[Page], fields: dict, locale: Locale | None = None
    ) -> dict:
        """The fields with rows for their markers; with ``locale``, links to pages point at
        their translation into it where there is one."""
        self.locale = locale
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
        if isinstance(value, PageRef):
            return self.page(value.path)
        if isinstance(value, ImageRef):
            return self.images[value.key]
        return value

    def _as_ids(self, value):
        if isinstance(value, PageRef | ImageRef):
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
