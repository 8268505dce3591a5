from django.urls import path

from .views import tickets

app_name = "events"

urlpatterns = [
    path("tickets/<str:token>/", tickets.registration_detail, name="registration"),
    path("tickets/<str:token>/confirm/", tickets.registration_confirm, name="registration_confirm"),
    path("tickets/<str:token>/cancel/", tickets.registration_cancel, name="registration_cancel"),
    path("tickets/<str:token>/pay/", tickets.registration_pay, name="registration_pay"),
    path(
        "tickets/<str:token>/pay/bank/",
        tickets.registration_pay_bank,
        name="registration_pay_bank",
    ),
    path("tickets/<str:token>/qr.svg", tickets.registration_qr, name="registration_qr"),
]
