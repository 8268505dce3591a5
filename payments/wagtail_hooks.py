"""The payments admin: a listing staff look at, filter and inspect; never edit.

A payment changes only through the services after Stripe confirmed it, so the permission
policy refuses add, change and delete to everyone, superusers included; that also hides
the buttons and makes the edit, copy and delete URLs answer 403.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Payment

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & READ_ONLY_ACTIONS)


class PaymentViewSet(ModelViewSet):
    model = Payment
    # "payments" is the public app's URL namespace already.
    url_namespace = "payments_admin"
    url_prefix = "payments"
    icon = "tag"
    menu_label = _("Payments")
    menu_order = 500
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "description",
        "amount",
        "currency",
        "status",
        "customer_email",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "currency", "created_at"]
    search_fields = ["description", "customer_email", "stripe_checkout_session_id"]
    search_backend_name = None
    inspect_view_fields = [
        "description",
        "amount",
        "currency",
        "status",
        "customer_email",
        "content_type",
        "object_id",
        "stripe_checkout_session_id",
        "stripe_payment_intent_id",
        "created_at",
        "paid_at",
        "updated_at",
    ]
    # The form is never shown (nobody may add or change); a viewset still needs one.
    form_fields = ["description"]


register_permission_policy(Payment, ReadOnlyPermissionPolicy(Payment))


@hooks.register("register_admin_viewset")
def register_payment_viewset():
    return PaymentViewSet("payments_admin")
