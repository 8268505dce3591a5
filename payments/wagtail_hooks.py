from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import PaymentViewSet, ReadOnlyPermissionPolicy
from .models import Payment

register_permission_policy(Payment, ReadOnlyPermissionPolicy(Payment))


@hooks.register("register_admin_viewset")
def register_payment_viewset():
    return PaymentViewSet("payments_admin")
