from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import signals
        from .models import FooterText, Menu, MenuItem, SiteSettings

        signals.connect_pages()
        signals.connect(Menu, MenuItem, FooterText, SiteSettings)
