from django.db import migrations, models

from twins.search import fold


def fold_names(apps, schema_editor):
    """The folded name and organisation of every registration made before the field."""
    Registration = apps.get_model("events", "Registration")
    rows = Registration.objects.only("pk", "name", "organisation_name").iterator()
    for registration in rows:
        Registration.objects.filter(pk=registration.pk).update(
            search_folded=fold(f"{registration.name} {registration.organisation_name}")[:400]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_eventseries_translatable_taxonomy"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="search_folded",
            field=models.CharField(blank=True, default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fold_names, migrations.RunPython.noop),
    ]
