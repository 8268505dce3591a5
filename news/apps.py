from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home.api import api_router
        from home.signals import connect

        from .api import NewsAPIViewSet
        from .models import Author, NewsCategory

        connect(NewsCategory, Author)
        api_router.register_endpoint("news", NewsAPIViewSet)
