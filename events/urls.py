from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("tickets/<str:token>/", views.registration_detail, name="registration"),
    path("tickets/<str:token>/confirm/", views.registration_confirm, name="registration_confirm"),
    path("tickets/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("tickets/<str:token>/pay/", views.registration_pay, name="registration_pay"),
    path("tickets/<str:token>/qr.svg", views.registration_qr, name="registration_qr"),
]
