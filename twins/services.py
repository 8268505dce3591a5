"""Write once, publish in both scripts. Publishing a Serbian page (either script) writes its
twin in the other script: created on the first publish, rewritten on every publish of the
source, published or unpublished with it. A twin staff lock ("edit by hand") stops following
until they unlock it; a page in the other script that existed before and was never a twin is
an independent translation and is never touched."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from .conversion import Converter, copy_children, copy_fields
from .models import ScriptSettings, ScriptTwin

OTHER_SCRIPT = {"sr-latn": "sr", "sr": "sr-latn"}


def twin_locale(page: Page) -> Locale | None:
    """The locale of ``page``'s twin: the other Serbian script, when the site has it."""
    target = OTHER_SCRIPT.get(page.locale.language_code)
    return Locale.objects.filter(language_code=target).first() if target else None


def is_twin(page: Page) -> bool:
    return ScriptTwin.objects.filter(twin_id=page.pk).exists()


@transaction.atomic
def twin_sync(*, source: Page, user=None) -> Page | None:
    """Write ``source``'s twin from its live content; the twin, or None when it has none
    (not Serbian, itself a twin, locked, or an independent translation)."""
    locale = twin_locale(source)
    if locale is None or source.is_root() or is_twin(source):
        return None
    # One writer per source at a time: two publishes at once must not create two twins.
    Page.objects.select_for_update().filter(pk=source.pk).first()
    source = source.specific
    twin = source.get_translation_or_none(locale)
    if twin is None:
        twin = _twin_create(source, locale, user=user)
        if twin is None:
            return None
    else:
        link = ScriptTwin.objects.filter(twin_id=twin.pk, source_id=source.pk).first()
        if link is None or link.locked:
            return None
    return _twin_write(source, twin.specific, locale, user=user)


def _twin_create(source: Page, locale: Locale, *, user) -> Page | None:
    parent = source.get_parent().specific
    parent_missing = not parent.is_root() and parent.get_translation_or_none(locale) is None
    # A parent without a translation gets its own twin first (or the page cannot have one).
    if parent_missing and (
        parent.locale_id != source.locale_id or twin_sync(source=parent, user=user) is None
    ):
        return None
    twin = source.copy_for_translation(locale)
    ScriptTwin.objects.create(source=source, twin=twin)
    return twin


def _twin_write(source: Page, twin: Page, locale: Locale, *, user) -> Page:
    terms = tuple(ScriptSettings.load().terms())
    converter = Converter(locale.language_code, terms, locale)
    copy_fields(source, twin, converter, locale)
    copy_children(source, twin, converter, locale)
    twin.draft_title = twin.title
    revision = twin.save_revision(user=user, log_action=True, clean=False)
    if source.live:
        revision.publish(user=user)
    ScriptTwin.objects.filter(twin_id=twin.pk).update(synced_at=timezone.now())
    return twin


def twin_unpublish(*, source: Page, user=None) -> int:
    """Unpublish the following twins of ``source``; how many."""
    count = 0
    for link in ScriptTwin.objects.filter(source_id=source.pk, locked=False):
        twin = link.twin.specific
        if twin.live:
            twin.unpublish(user=user, log_action=True)
            count += 1
    return count


def twin_lock(*, twin: Page, user, locked: bool) -> ScriptTwin:
    """Lock a twin to edit it by hand (it stops following), or unlock it (the next publish of
    the source rewrites it)."""
    link = ScriptTwin.objects.select_for_update().get(twin_id=twin.pk)
    link.locked = locked
    link.locked_at = timezone.now() if locked else None
    link.locked_by = user if locked else None
    link.save(update_fields=["locked", "locked_at", "locked_by"])
    return link
