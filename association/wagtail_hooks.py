"""The dashboard panel that tells staff whether the background work of their publishing
(search and reference index updates, association/background.py) has caught up."""

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import background


class BackgroundWorkPanel(Component):
    name = "background_work"
    template_name = "association/admin/background_work_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        status = background.queue_status()
        waited = timezone.now() - status.oldest if status.oldest else None
        return {
            "status": status,
            # Whole minutes the oldest update has waited (shown from one minute on).
            "waited_minutes": int(waited.total_seconds() // 60) if waited else 0,
        }


@hooks.register("construct_homepage_panels")
def add_background_work_panel(request, panels):
    panels.append(BackgroundWorkPanel())
