from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Membership")

    def ready(self):
        from home.api import api_router
        from home.signals import connect
        from payments.signals import payment_succeeded

        from . import receivers
        from .api import OrganisationsAPIViewSet
        from .models import ContactPerson, MembershipLevel, Organisation, Sector, TechnologyField

        payment_succeeded.connect(receivers.activate_paid_membership, weak=False)
        connect(MembershipLevel, Organisation, ContactPerson, Sector, TechnologyField)
        api_router.register_endpoint("organisations", OrganisationsAPIViewSet)
