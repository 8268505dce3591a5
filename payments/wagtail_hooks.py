"""The payments admin: a listing staff look at, filter and inspect; never edit.

A payment changes only through the services after Stripe confirmed it, so the permission
policy refuses add, change and delete to everyone, superusers included; that also hides
the buttons and makes the edit, copy and delete URLs answer 403.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from association.exports import SanitisedExportMixin, both_formats, local_minute

from .admin import views as admin_views
from .models import Invoice, Payment

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
    "get_method_display": _("Payment method"),
    "reference": _("Reference"),
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
        "method",
        "status",
        "customer_email",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "method", "currency", "created_at"]
    index_view_class = PaymentIndexView
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "payments"
    search_fields = ["description", "customer_email", "stripe_checkout_session_id", "reference"]
    search_backend_name = None
    inspect_view_fields = [
        "description",
        "amount",
        "currency",
        "status",
        "method",
        "reference",
        "due_on",
        "received_amount",
        "received_on",
        "bank_reference",
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


class InvoiceIndexView(SanitisedExportMixin, IndexView):
    """The invoices list and its CSV and XLSX exports."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("payment")


class InvoiceInspectView(InspectView):
    """An invoice's details, its PDF and, for staff who record payments, its cancellation
    by a credit note."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_issue_credit_note"] = (
            self.request.user.has_perm(admin_views.RECORD_PERMISSION)
            and not self.object.credit_notes.exists()
        )
        return context


INVOICE_EXPORT_HEADINGS = {
    "get_kind_display": _("Kind"),
    "number": _("Number"),
    "issued_on": _("Issued on"),
    "due_on": _("Due on"),
    "buyer_name": _("Buyer"),
    "buyer_pib": _("PIB"),
    "buyer_mb": _("MB"),
    "net": _("Amount without VAT"),
    "vat": _("VAT"),
    "total": _("Total"),
    "currency": _("Currency"),
    "reference": _("Reference"),
    "payment.get_status_display": _("Payment status"),
}


class InvoiceViewSet(ModelViewSet):
    """Pro-formas, invoices and credit notes: looked at, filtered, exported, downloaded as
    PDF; never edited (an issued invoice does not change)."""

    model = Invoice
    url_prefix = "invoices"
    icon = "doc-full"
    menu_label = _("Invoices")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InvoiceIndexView
    inspect_view_class = InvoiceInspectView
    inspect_template_name = "payments/admin/invoice_inspect.html"
    list_display = ["number", "kind", "issued_on", "buyer_name", "total", "currency", "due_on"]
    list_filter = ["kind", "year", "payment__status", "currency"]
    search_fields = ["number", "buyer_name", "buyer_pib", "buyer_email", "reference"]
    search_backend_name = None
    list_export = list(INVOICE_EXPORT_HEADINGS)
    export_headings = INVOICE_EXPORT_HEADINGS
    inspect_view_fields = [
        "kind",
        "number",
        "issued_on",
        "due_on",
        "buyer_name",
        "buyer_address",
        "buyer_pib",
        "buyer_mb",
        "buyer_email",
        "net",
        "vat_rate",
        "vat",
        "total",
        "currency",
        "reference",
        "payment",
        "corrects",
        "ips_payload",
    ]
    form_fields = ["buyer_name"]


register_permission_policy(Payment, ReadOnlyPermissionPolicy(Payment))
register_permission_policy(Invoice, ReadOnlyPermissionPolicy(Invoice))


@hooks.register("register_admin_viewset")
def register_payment_viewset():
    return PaymentViewSet("payments_admin")


@hooks.register("register_admin_viewset")
def register_invoice_viewset():
    return InvoiceViewSet("payments_invoices")


@hooks.register("register_admin_urls")
def register_bank_urls():
    return [
        path("bank-transfers/", admin_views.bank_transfers, name="payments_bank_transfers"),
        path(
            "bank-transfers/<int:pk>/received/",
            admin_views.mark_received,
            name="payments_mark_received",
        ),
        path(
            "bank-transfers/statement/",
            admin_views.statement_import,
            name="payments_statement_import",
        ),
        path("invoices/<int:pk>/pdf/", admin_views.invoice_download, name="payments_invoice_pdf"),
        path(
            "invoices/<int:pk>/credit-note/",
            admin_views.credit_note_create,
            name="payments_credit_note_create",
        ),
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_invoices_menu_item():
    return _PermissionMenuItem(
        _("Invoices"),
        reverse("payments_invoices:index"),
        icon_name="doc-full",
        order=510,
        permission="payments.view_invoice",
    )


@hooks.register("register_admin_menu_item")
def register_bank_transfers_menu_item():
    return _PermissionMenuItem(
        _("Bank transfers"),
        reverse("payments_bank_transfers"),
        icon_name="doc-full",
        order=520,
        permission=admin_views.RECORD_PERMISSION,
    )
