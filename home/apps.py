from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from taggit.models import Tag
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Locale, PageViewRestriction, Site

        from twins.models import ScriptSettings

        from . import signals
        from .models import FooterText, Menu, MenuItem, SiteSettings

        signals.connect_pages()
        # The terms that stay Latin change every Cyrillic text pages show.
        signals.connect(Menu, MenuItem, FooterText, SiteSettings, ScriptSettings)
        # What pages show that is not a page: images (alt text, focal point, a replaced
        # file) and documents (title, file), tags, and the site's own address and languages.
        # Renditions and embeds are made while a page renders and change nothing it shows.
        signals.connect(get_image_model(), get_document_model(), Tag, Site, Locale)
        # A page made private must not be served to strangers from the cache.
        signals.connect(PageViewRestriction)
