from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinsConfig(AppConfig):
    name = "twins"
    verbose_name = _("Serbian scripts")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the publish receivers)
