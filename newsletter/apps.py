from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Infocluster newsletter")

    def ready(self):
        from anymail.signals import tracking
        from django.db.models.signals import post_delete

        from home.signals import connect
        from membership.signals import dashboard_sections

        from . import receivers
        from .models import IssueAttachment, NewsletterIssue, Subscriber

        # The public archive shows sent issues: sending one, or editing it, bumps the
        # content version (home/cache.py) so the archive and its pages are rendered anew.
        connect(NewsletterIssue, IssueAttachment)
        dashboard_sections.connect(
            receivers.dashboard_section, weak=False, dispatch_uid="newsletter_dashboard"
        )
        tracking.connect(
            receivers.esp_tracking_event, weak=False, dispatch_uid="newsletter_esp_tracking"
        )
        post_delete.connect(
            receivers.subscriber_deleted,
            sender=Subscriber,
            dispatch_uid="newsletter_subscriber_deleted",
        )
