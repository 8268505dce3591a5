from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("success/", views.checkout_success, name="success"),
    path("cancelled/", views.checkout_cancelled, name="cancelled"),
    path("invoices/<int:pk>/pdf/", views.invoice_download, name="invoice_download"),
]
