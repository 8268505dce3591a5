"""The four translatable taxonomies share home.models.TranslatableTaxonomy; moving them onto
it widened two tables' name and slug columns and kept every row and constraint."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import EventSeries
from home.models import TranslatableTaxonomy
from membership.models import Sector, TechnologyField
from news.models import NewsCategory

BEFORE = [("events", "0001_initial"), ("news", "0002_newspage_organisations")]
AFTER = [
    ("events", "0002_eventseries_translatable_taxonomy"),
    ("news", "0003_newscategory_translatable_taxonomy"),
]
CONSTRAINTS = {
    EventSeries: "unique_series_slug_locale",
    NewsCategory: "unique_category_slug_locale",
    Sector: "unique_sector_slug_locale",
    TechnologyField: "unique_technology_field_slug_locale",
}


def _migrate(targets):
    """Migrate the database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _old_rows(old_apps) -> dict[str, dict]:
    """A series and a category at the old columns' full length, created through the models as
    they were before the migrations."""
    locale = old_apps.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")[
        0
    ]
    series = old_apps.get_model("events", "EventSeries").objects.create(
        name="Days of Clusters " + "s" * 103,
        slug="days-of-clusters-" + "s" * 103,
        description="Every spring in Niš.",
        locale_id=locale.pk,
        translation_key=uuid.uuid4(),
    )
    category = old_apps.get_model("news", "NewsCategory").objects.create(
        name="Calls and funding " + "c" * 82,
        slug="calls-" + "c" * 94,
        locale_id=locale.pk,
        translation_key=uuid.uuid4(),
    )
    return {
        "series": {
            "pk": series.pk,
            "name": series.name,
            "slug": series.slug,
            "description": series.description,
            "locale_id": locale.pk,
            "translation_key": series.translation_key,
        },
        "category": {
            "pk": category.pk,
            "name": category.name,
            "slug": category.slug,
            "locale_id": locale.pk,
            "translation_key": category.translation_key,
        },
    }


@pytest.mark.django_db(transaction=True)
def test_the_taxonomy_migrations_keep_every_row_and_value():
    old_apps = _migrate(BEFORE)
    try:
        rows = _old_rows(old_apps)
        counts = (
            old_apps.get_model("events", "EventSeries").objects.count(),
            old_apps.get_model("news", "NewsCategory").objects.count(),
        )
    finally:
        _migrate(AFTER)
        # Then every later migration too: the tests after this one (on this database) need
        # the schema as it is now, not as it was at AFTER.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert (EventSeries.objects.count(), NewsCategory.objects.count()) == counts
    series = EventSeries.objects.get(pk=rows["series"]["pk"])
    category = NewsCategory.objects.get(pk=rows["category"]["pk"])
    assert {key: getattr(series, key) for key in rows["series"]} == rows["series"]
    assert {key: getattr(category, key) for key in rows["category"]} == rows["category"]
    longer = NewsCategory.objects.create(
        name="n" * 150, slug="s" * 150, locale_id=category.locale_id
    )
    assert NewsCategory.objects.get(pk=longer.pk).slug == "s" * 150


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS.items())
def test_each_taxonomy_keeps_its_table_constraint_and_shape(model, constraint):
    with connection.cursor() as cursor:
        in_database = connection.introspection.get_constraints(cursor, model._meta.db_table)

    assert issubclass(model, TranslatableTaxonomy)
    assert in_database[constraint]["unique"]
    assert in_database[constraint]["columns"] == ["slug", "locale_id"]
    assert model._meta.ordering == ["name"]
    assert [panel.field_name for panel in model.panels[:2]] == ["name", "slug"]
