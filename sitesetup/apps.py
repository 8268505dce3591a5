from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSetupConfig(AppConfig):
    """Setting up a production site from an empty database (``manage.py setup_site``), the
    staff roles and the invitation of staff: beside ``demo`` at the top of the dependency
    graph, it may use every app and no app but ``demo`` imports it."""

    name = "sitesetup"
    verbose_name = _("Site setup and staff")
