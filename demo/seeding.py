"""What ``seed_demo`` writes with: how much of the demo (``Scope``) and the references of the
demo content turned into rows. Pages, translations, twins, snippet rows and the report are
written with ``sitesetup.building``, which ``setup_site`` shares (re-exported here for the
demo's seeders)."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TypeVar

from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from demo.blocks import ImageRef, PageRef
from sitesetup.building import (  # noqa: F401 (the seeders import these from here)
    CREATED,
    STATUS_RANK,
    TWIN_CODE,
    TWIN_SOURCE,
    UNCHANGED,
    UPDATED,
    Report,
    assign,
    ensure_page,
    ensure_snippet_twin,
    ensure_translated_rows,
    ensure_translation,
    report_page_twin,
    status_of,
    update_page,
    written_locales,
)

T = TypeVar("T")


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
