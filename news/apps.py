from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home.signals import connect

        from .models import Author, NewsCategory

        connect(NewsCategory, Author)
