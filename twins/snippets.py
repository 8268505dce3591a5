"""Script twins of translatable snippets (taxonomies, menus, footer texts): saving one in a
Serbian script writes its twin in the other, as for pages (twins/services.py), with the same
rules: a twin that existed before is independent, a locked one is left alone."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from wagtail.models import Locale, TranslatableMixin

from .conversion import Converter, copy_children, copy_fields
from .models import ScriptSettings, SnippetTwin
from .services import OTHER_SCRIPT


def _locale_for(obj: TranslatableMixin) -> Locale | None:
    target = OTHER_SCRIPT.get(obj.locale.language_code)
    return Locale.objects.filter(language_code=target).first() if target else None


@transaction.atomic
def snippet_twin_sync(*, source: Model) -> Model | None:
    """Write the twin of a translatable snippet; the twin, or None when it has none."""
    if not isinstance(source, TranslatableMixin):
        return None
    locale = _locale_for(source)
    content_type = ContentType.objects.get_for_model(source)
    links = SnippetTwin.objects.filter(content_type=content_type)
    if locale is None or links.filter(twin_pk=str(source.pk)).exists():
        return None
    # One writer per source at a time: two saves at once must not create two twins.
    type(source).objects.select_for_update().filter(pk=source.pk).first()
    twin = source.get_translation_or_none(locale)
    if twin is None:
        twin = source.copy_for_translation(locale)
        twin.save()
        links.create(content_type=content_type, source_pk=str(source.pk), twin_pk=str(twin.pk))
    elif not links.filter(twin_pk=str(twin.pk), source_pk=str(source.pk), locked=False).exists():
        return None
    converter = Converter(locale.language_code, tuple(ScriptSettings.load().terms()), locale)
    copy_fields(source, twin, converter, locale)
    copy_children(source, twin, converter, locale)
    twin.save()
    return twin


def snippet_twin_lock(*, twin: Model, locked: bool) -> SnippetTwin:
    link = SnippetTwin.objects.select_for_update().get(
        content_type=ContentType.objects.get_for_model(twin), twin_pk=str(twin.pk)
    )
    link.locked = locked
    link.locked_at = timezone.now() if locked else None
    link.save(update_fields=["locked", "locked_at"])
    return link


def snippet_twin_link(obj: Model) -> SnippetTwin | None:
    """The link that makes ``obj`` a twin, if it is one."""
    return SnippetTwin.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), twin_pk=str(obj.pk)
    ).first()
