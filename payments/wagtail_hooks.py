"""The payments admin: a listing staff look at, filter and inspect; never edit.

A payment changes only through the services after Stripe confirmed it, so the permission
policy refuses add, change and delete to everyone, superusers included; that also hides
the buttons and makes the edit, copy and delete URLs answer 403.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from association.exports import SanitisedExportMixin, both_formats, local_minute

from .models import Payment

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & READ_ONLY_ACTIONS)


EXPORT_HEADINGS = {
    "pk": _("Number"),
    "description": _("Description"),
    "amount": _("Amount"),
    "currency": _("Currency"),
    "get_status_display": _("Status"),
    "customer_email": _("Customer e-mail"),
    "content_type.name": _("Paid for"),
    "object_id": _("Paid for (id)"),
    "stripe_checkout_session_id": _("Stripe Checkout session"),
    "created_at": _("Created"),
    "paid_at": _("Paid"),
}


class PaymentIndexView(SanitisedExportMixin, IndexView):
    custom_field_preprocess = {
        "created_at": both_formats(local_minute),
        "paid_at": both_formats(local_minute),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("content_type")


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
    index_view_class = PaymentIndexView
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "payments"
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
