from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssociationConfig(AppConfig):
    name = "association"
    verbose_name = "Association"

    def ready(self):
        from .public_url import sync_default_site_after_migrate

        # Wagtail's default site follows PUBLIC_BASE_URL after every migrate (deploys and
        # `make run` migrate on each start); sent once per migrate for this app.
        post_migrate.connect(
            sync_default_site_after_migrate, sender=self, dispatch_uid="association.public_url"
        )
