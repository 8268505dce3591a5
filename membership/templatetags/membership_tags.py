from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from home.cache import cached
from membership import selectors

register = template.Library()


@register.simple_tag
def member_figures() -> list[dict]:
    """The network's headline figures for the home page, from the published directory."""

    def figures():
        totals = selectors.directory_figures(organisations=selectors.published_organisations())
        if not totals["organisations"]:
            return []
        return [
            {"label": _("Organisations"), "value": totals["organisations"]},
            {"label": _("Member companies"), "value": totals["member_companies"]},
            {"label": _("Employees"), "value": totals["employees"]},
        ]

    return cached("member-figures", figures, translation.get_language())


@register.filter
def choice_labels(organisation, name: str) -> list[str]:
    """The labels of one of an organisation's list fields (ECCP's vocabularies), in the
    reader's language."""
    return organisation.choice_labels(name)
