from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, NewsCategory


class NewsCategorySnippetViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class AuthorSnippetViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class NewsSnippetViewSetGroup(SnippetViewSetGroup):
    menu_label = _("News")
    # The admin's sidebar opens the submenu whose path starts with the clicked one's: named
    # "news" (its label slugified) it opened with "newsletter" too, on top of it.
    menu_name = "news-snippets"
    menu_icon = "doc-full-inverse"
    menu_order = 310
    items = (NewsCategorySnippetViewSet, AuthorSnippetViewSet)


register_snippet(NewsSnippetViewSetGroup)
