from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from home.blocks import BaseStreamBlock
from home.models import BasePage


class MembershipPage(RoutablePageMixin, BasePage):
    """/membership/: why join and the levels; /membership/apply/ the application form."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("membership page")

    def get_context(self, request, *args, **kwargs):
        from membership import selectors  # the selectors import the models

        context = super().get_context(request, *args, **kwargs)
        context["levels"] = selectors.levels_for_locale(locale=self.locale)
        return context

    @path("apply/", name="apply")
    def apply(self, request):
        from membership.views import membership

        return membership.apply(request, self)
