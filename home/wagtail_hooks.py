from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FooterText, Menu


class MenuSnippetViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["__str__", "locale"]
    list_filter = ["handle", "locale"]


class FooterTextSnippetViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer text")
    list_display = ["__str__", "locale"]


class WebsiteSnippetViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Website")
    menu_icon = "site"
    menu_order = 300
    items = (MenuSnippetViewSet, FooterTextSnippetViewSet)


register_snippet(WebsiteSnippetViewSetGroup)
