"""One page's content in the other script: model fields, StreamField data, rich text and
inline children, converted by ``Converter``; everything that is not text is copied as is, and
links to translatable snippets point at the target language's translation when it exists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from modelcluster.models import get_all_child_relations
from taggit.managers import TaggableManager
from taggit.models import TagBase
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Locale, TranslatableMixin

from .transliteration import html_to_cyrillic, html_to_latin, to_cyrillic, to_latin

# What a page keeps of its own: its place in the tree, language, address, status and history.
OWN_FIELDS = frozenset(
    {
        "path",
        "depth",
        "numchild",
        "translation_key",
        "locale",
        "slug",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "alias_of",
        "draft_title",
    }
)
# A text that is one address of the site in a Serbian script ("/sr-latn/search/", a menu's
# link to a named view): the twin's points at the same address in its own script.
SCRIPT_PATH = re.compile(r"^/(?:sr-latn|sr)(?=/|$)(\S*)$")
NOT_TEXT = (models.SlugField, models.URLField, models.EmailField, models.GenericIPAddressField)


@dataclass(frozen=True)
class Converter:
    """Text into ``target`` ("sr" Cyrillic or "sr-latn" Latin)."""

    target: str
    protected: tuple[str, ...] = ()
    locale: Locale | None = None  # where chosen pages and snippets are looked up

    def text(self, value):
        if not isinstance(value, str):
            return value
        path = SCRIPT_PATH.match(value)
        if path:
            return f"/{self.target}{path.group(1)}"
        if self.target == "sr":
            return to_cyrillic(value, protected=self.protected)
        return to_latin(value)

    def html(self, value):
        if not isinstance(value, str):
            return value
        if self.target == "sr":
            return html_to_cyrillic(value, protected=self.protected)
        return html_to_latin(value)


def convert_stream(block: blocks.Block, value, converter: Converter):
    """StreamField raw data (lists and dicts as stored) with every text converted."""
    if isinstance(block, blocks.StreamBlock):
        return [_convert_child(block.child_blocks, child, converter) for child in value or []]
    if isinstance(block, blocks.ListBlock):
        return [_convert_list_item(block.child_block, item, converter) for item in value or []]
    if isinstance(block, blocks.StructBlock):
        return {
            name: convert_stream(block.child_blocks[name], child, converter)
            if name in block.child_blocks
            else child
            for name, child in (value or {}).items()
        }
    return _convert_leaf(block, value, converter)


def _convert_child(child_blocks, child, converter: Converter):
    if not isinstance(child, dict) or child.get("type") not in child_blocks:
        return child
    block = child_blocks[child["type"]]
    return {**child, "value": convert_stream(block, child.get("value"), converter)}


def _convert_list_item(child_block, item, converter: Converter):
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return {**item, "value": convert_stream(child_block, item["value"], converter)}
    return convert_stream(child_block, item, converter)


def _convert_leaf(block: blocks.Block, value, converter: Converter):
    if isinstance(block, blocks.RichTextBlock):
        return converter.html(value)
    if isinstance(block, TableBlock) and isinstance(value, dict):
        return {
            **value,
            "data": [[converter.text(cell) for cell in row] for row in value.get("data") or []],
            "table_caption": converter.text(value.get("table_caption")),
        }
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return converter.text(value)
    if isinstance(block, blocks.ChooserBlock) and value and converter.locale is not None:
        return _chosen_in_locale(block.target_model, value, converter.locale)
    return value


def _chosen_in_locale(model, pk, locale: Locale):
    """A chosen page or translatable snippet: its translation in ``locale`` when it has one."""
    model = resolve_model_string(model) if isinstance(model, str) else model
    if not issubclass(model, TranslatableMixin):
        return pk
    chosen = model.objects.filter(pk=pk).first()
    return _in_locale(chosen, locale).pk if chosen is not None else pk


def copy_fields(source, target, converter: Converter, locale: Locale, *, skip=()) -> None:
    """Every concrete field of ``source`` onto ``target``, text converted, translatable
    relations pointed at ``locale``'s translation."""
    for field in type(source)._meta.concrete_fields:
        if field.primary_key or field.name in OWN_FIELDS or field.name in skip:
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        _copy_field(field, source, target, converter, locale)
    for field in type(source)._meta.many_to_many:
        # Tags travel as the inline rows of their through model (copy_children).
        if field.name not in skip and not isinstance(field, TaggableManager):
            related = [_in_locale(obj, locale) for obj in getattr(source, field.name).all()]
            setattr(target, field.name, related)


def _copy_field(field, source, target, converter: Converter, locale: Locale) -> None:
    if isinstance(field, StreamField):
        raw = list(getattr(source, field.name).raw_data)
        setattr(target, field.name, convert_stream(field.stream_block, raw, converter))
    elif isinstance(field, RichTextField):
        setattr(target, field.name, converter.html(getattr(source, field.name)))
    elif isinstance(field, (models.CharField, models.TextField)) and not (
        isinstance(field, NOT_TEXT) or field.choices
    ):
        setattr(target, field.name, converter.text(getattr(source, field.name)))
    elif field.is_relation:
        related = getattr(source, field.name)
        if isinstance(related, TagBase):
            setattr(target, field.name, _tag_in_script(related, converter))
        else:
            setattr(target, field.name, _in_locale(related, locale))
    else:
        setattr(target, field.attname, getattr(source, field.attname))


def _tag_in_script(tag: TagBase, converter: Converter) -> TagBase:
    """The tag of the same name in the twin's script ("izvoz" → "извоз"), made when missing;
    a name the converter leaves alone ("b2b", a protected term) is the same tag."""
    name = converter.text(tag.name)
    if name == tag.name:
        return tag
    return type(tag).objects.get_or_create(name=name)[0]


def _in_locale(obj, locale: Locale):
    if isinstance(obj, TranslatableMixin) and obj.locale_id != locale.pk:
        return obj.get_translation_or_none(locale) or obj
    return obj


def copy_children(source, target, converter: Converter, locale: Locale) -> None:
    """Inline children (agenda, ticket types, gallery...) onto the twin's rows, which keep
    their ids: a translatable row is matched by its translation key (two rows never trade
    keys, which the unique (key, locale) forbids even for a moment), any other by position."""
    for relation in get_all_child_relations(source):
        name = relation.get_accessor_name()
        if name == COMMENTS_RELATION_NAME:
            continue
        parental = relation.field.name
        existing = list(getattr(target, name).all())
        by_key = {
            row.translation_key: row for row in existing if isinstance(row, TranslatableMixin)
        }
        items = []
        for index, child in enumerate(getattr(source, name).all()):
            if isinstance(child, TranslatableMixin):
                item = by_key.get(child.translation_key) or type(child)()
            else:
                item = existing[index] if index < len(existing) else type(child)()
            copy_fields(child, item, converter, locale, skip={parental})
            if isinstance(child, TranslatableMixin):
                item.locale = locale
                item.translation_key = child.translation_key
            items.append(item)
        setattr(target, name, items)
